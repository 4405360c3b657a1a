"""Coordinators read the admin in plain, consistent Polish: the applicant's data is labelled in
the third person (not the form's "your name"), an application taken by phone is "registered"
(never "accepted", which sounds like a place in the programme), the day it came is "Data wpływu"
everywhere, a failed e-mail is explained in a sentence (the mail server's code kept behind
"Szczegóły techniczne"), and neither English nor the project's words replace Wagtail's own."""

import datetime
import io
import re
from html import unescape

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from enrolment.digest import send_team_digests
from enrolment.models import FailureReason, Notification, NotificationKind
from home import roles

from .admin_helpers import (
    APPLICATIONS_URL,
    export_rows,
    make_application,
    make_coordinator,
    make_superuser,
    make_user,
    set_admin_language,
    signed_in,
)
from .factories import SmallSite
from .once_per_module import built_once
from .page_text import visible_text

pytestmark = pytest.mark.django_db

ONLINE_ANSWERS = {
    "applicant_name": "Zofia Testowa",
    "phone": "600 987 654",
    "email": "zofia@example.org",
    "email_confirmation": True,
    "privacy_consent": True,
}
# The public form's own words, which the admin must not repeat about someone else.
FORM_WORDING = [
    "Twoje imię",
    "Twój numer",
    "Twój adres",
    "Wyślij mi potwierdzenie",
    "Potwierdzam, że",
    "zapoznałam",
    "zapoznałem",
]


def in_polish(user):
    set_admin_language(user, "pl")
    return signed_in(user)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def terms(html):
    """{term: description} of the page's description lists, as a reader sees them."""
    pairs = re.findall(r"<dt[^>]*>(.*?)</dt>\s*<dd[^>]*>(.*?)</dd>", html, re.S)
    return {visible_text(term): visible_text(description) for term, description in pairs}


def inspect_url(application):
    return reverse("enrolment_application:inspect", args=[application.pk])


def build_world():
    """A small site and a named coordinator of its edition's team. Applications stay each test's
    own: the list's words for an empty list are read with none."""
    site = SmallSite.build()
    coordinator = make_coordinator(site.edition.team, first_name="Halina", last_name="Modelowa")
    return {"site": site, "coordinator": coordinator}


kept_world, copied = built_once(build_world, name="copied")


@pytest.fixture
def site(copied):
    return copied["site"]


@pytest.fixture
def coordinator(copied):
    return copied["coordinator"]


@pytest.fixture
def client_pl(coordinator):
    return in_polish(coordinator)


@pytest.fixture
def online(site):
    return make_application(site.edition, form_data=dict(ONLINE_ANSWERS))


@pytest.fixture
def by_phone(site, coordinator):
    answers = {"applicant_name": "Beata", "phone": "600 111 222", "privacy_consent": True}
    return make_application(
        site.edition,
        form_data=answers,
        channel="phone",
        recorded_by=coordinator,
        oral_consent_at=timezone.now(),
    )


def test_the_applicants_data_is_labelled_in_the_third_person(client_pl, online):
    shown = terms(page(client_pl, inspect_url(online)))
    assert shown["Imię i nazwisko"] == "Zofia Testowa"
    assert shown["Telefon"] == "600 987 654"
    assert shown["E-mail"] == "zofia@example.org"
    assert shown["Potwierdzenie e-mailem"] == "Tak"
    assert shown["Zgoda na przetwarzanie danych"] == "Tak"
    assert "Data wpływu" in shown
    assert not [term for term in shown if any(words in term for words in FORM_WORDING)]


def test_a_phone_application_shows_oral_consent_once_and_who_registered_it(client_pl, by_phone):
    html = page(client_pl, inspect_url(by_phone))
    shown = terms(html)
    assert shown["Zarejestrowane przez"] == "Halina Modelowa"
    assert "Zgoda wyrażona ustnie" in shown
    assert visible_text(html).count("Zgoda wyrażona ustnie") == 1
    assert "Zgoda na przetwarzanie danych" not in shown
    assert "Przyjęte przez" not in html


def test_the_list_offers_to_register_an_application_and_counts_in_person_ones_in(
    client_pl, coordinator
):
    html = page(client_pl, APPLICATIONS_URL)
    assert "Zarejestruj zgłoszenie" in html
    assert "Przyjmij zgłoszenie" not in html
    assert "zarejestrujesz telefonicznie lub osobiście" in visible_text(html)


def test_the_done_page_says_registered_not_accepted(client_pl, by_phone):
    url = reverse("enrolment_application:recorded", args=[by_phone.pk])
    text = visible_text(page(client_pl, url))
    assert "Zgłoszenie zarejestrowane" in text
    assert "Zarejestruj kolejne zgłoszenie" in text
    assert "przyjęte" not in text.lower()


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_the_export_uses_the_same_words_as_the_pages(client_pl, online, by_phone, export_format):
    heading, *rows = export_rows(client_pl, export_format)
    assert heading[1] == "Data wpływu"
    for label in ("Imię i nazwisko", "Telefon", "E-mail", "Zgoda na przetwarzanie danych"):
        assert heading.count(label) == 1, label
    assert not [cell for cell in heading if any(words in cell for words in FORM_WORDING)]
    consent = heading.index("Zgoda na przetwarzanie danych")
    by_reference = {row[0]: row[consent] for row in rows}
    assert by_reference == {online.reference: "Tak", by_phone.reference: "Tak, wyrażona ustnie"}


@pytest.fixture
def refused(site):
    """A team notification the mail server refused for good, after one attempt."""
    return Notification.objects.create(
        application=make_application(site.edition),
        kind=NotificationKind.TEAM,
        recipients=["zespol@example.org"],
        attempts=1,
        last_error="SMTPRecipientsRefused 550",
        failed_at=timezone.now(),
        failure_reason=FailureReason.REFUSED,
    )


@pytest.fixture
def never_tried(site):
    return Notification.objects.create(
        application=make_application(site.edition), kind=NotificationKind.TEAM
    )


def row_of(html, notification):
    return html.split(f'data-notification="{notification.pk}"', 1)[1].split("</tr>", 1)[0]


def test_a_failed_notification_is_explained_in_a_sentence_with_the_code_behind_it(
    client_pl, refused
):
    html = page(client_pl, "/admin/notifications/")
    row = row_of(html, refused)
    assert "Serwer pocztowy odbiorcy odrzucił adres – sprawdź adresy e-mail zespołu." in row
    details = re.search(r"<details>(.*?)</details>", row, re.S).group(1)
    assert "Szczegóły techniczne" in details
    assert "SMTPRecipientsRefused 550" in details
    # The code appears nowhere else: a coordinator reads the sentence first.
    assert row.count("SMTPRecipientsRefused") == 1


def test_the_application_page_explains_the_failure_the_same_way(client_pl, refused):
    html = page(client_pl, inspect_url(refused.application))
    assert "Serwer pocztowy odbiorcy odrzucił adres" in html
    assert "<code>SMTPRecipientsRefused 550</code>" in html


def test_a_notification_never_tried_is_sent_now_and_a_failed_one_again(
    client_pl, refused, never_tried
):
    html = page(client_pl, "/admin/notifications/")
    assert "Wyślij ponownie" in row_of(html, refused)
    assert "Wyślij teraz" not in row_of(html, refused)
    assert "Wyślij teraz" in row_of(html, never_tried)
    assert "Wyślij ponownie" not in row_of(html, never_tried)

    response = client_pl.post(
        reverse("enrolment_notification_resend", args=[never_tried.pk]), follow=True
    )
    reference = never_tried.application.reference
    assert f"Powiadomienie o zgłoszeniu {reference} zostanie wkrótce wysłane." in unescape(
        response.content.decode()
    )


def test_a_coordinator_is_told_who_corrects_the_teams_addresses(client_pl, refused):
    html = page(client_pl, "/admin/notifications/")
    text = visible_text(html)
    assert "Adresy e-mail zespołu zmienia administrator serwisu lub moderator" in text
    edit_url = reverse("wagtailsnippets_programmes_team:edit", args=[refused.application.team_id])
    assert edit_url not in html


def test_who_may_edit_the_team_gets_a_link_to_it(refused):
    html = page(in_polish(make_superuser()), "/admin/notifications/")
    edit_url = reverse("wagtailsnippets_programmes_team:edit", args=[refused.application.team_id])
    assert f'href="{edit_url}"' in html
    assert "Popraw adresy:" in html


def test_the_keyboard_shortcuts_name_the_admins_own_group_not_an_application(client_pl):
    html = page(client_pl, "/admin/")
    group = html.split('id="keyboard-shortut-group-admin-common"', 1)[1]
    heading = re.search(r'<th class="w-h4" scope="rowgroup">(.*?)</th>', group).group(1)
    assert heading == "Ogólne"


def test_the_application_pages_action_menu_is_named_in_polish(client_pl, online):
    html = page(client_pl, inspect_url(online))
    assert 'aria-label="Actions"' not in html
    assert '<nav aria-label="Akcje" id="w-slim-header-buttons"' in html


def test_the_account_page_has_no_english_and_quotes_no_odd_words(client_pl):
    html = page(client_pl, reverse("wagtailadmin_account"))
    for english in ("Use server language", "Use server time zone", ">Profile<"):
        assert english not in html, english
    assert "Pierwsze imię" not in html
    assert "Imię i email" not in html
    assert "Język domyślny serwisu: polski" in html
    assert "Strefa czasowa serwisu" in html
    assert "Profil" in html


def test_an_error_message_offers_to_go_to_the_first_error_in_polish():
    client = in_polish(make_superuser())
    response = client.post(reverse("wagtailsnippets_programmes_person:add"), {})
    html = response.content.decode()
    assert 'class="error"' in html
    assert "Przejdź do pierwszego błędu" in html
    assert "Go to the first error" not in html


def test_the_digest_quotes_the_checkbox_as_the_account_page_labels_it(
    settings, mailoutbox, site, coordinator, client_pl
):
    settings.DIGEST_HOUR = 7
    coordinator.email = "halina@example.org"
    coordinator.save()
    make_application(site.edition)
    label = "Wysyłaj mi codzienne podsumowanie e-mailem"
    assert label in page(client_pl, reverse("wagtailadmin_account"))
    morning = timezone.make_aware(datetime.datetime(2030, 3, 2, 7, 30))
    send_team_digests(now=morning)
    (digest,) = mailoutbox
    assert f"odznacz pole „{label}” na karcie „Powiadomienia”" in " ".join(digest.body.split())


# wagtail-localize's own report view pages an unordered queryset (its warning, not ours).
@pytest.mark.filterwarnings("ignore::django.core.paginator.UnorderedObjectListWarning")
def test_only_those_who_translate_see_the_translations_report(site):
    report_url = reverse("wagtail_localize:translations_report")
    coordinator = make_coordinator(site.edition.team)
    translator = make_user(groups=[Group.objects.get(name=roles.TRANSLATORS)])
    assert report_url not in page(in_polish(coordinator), "/admin/")
    assert report_url in page(in_polish(translator), "/admin/")
    # Nor by its address, nor the translation editor's snippets API: they name unpublished
    # pages and snippets.
    snippets_api = reverse(
        "wagtail_localize:snippets_api_listing",
        kwargs={"app_label": "home", "model_name": "notice"},
    )
    for address in (
        report_url,
        reverse("wagtail_localize:translations_report_results"),
        snippets_api,
    ):
        refused = in_polish(coordinator).get(address)  # Wagtail's "no permission" redirect
        assert (refused.status_code, refused["Location"]) == (302, "/admin/"), address
        assert in_polish(translator).get(address).status_code == 200, address


@pytest.mark.demo
def test_the_demo_users_have_names_that_the_admin_shows(settings, tmp_path, django_user_model):
    settings.DEBUG = True
    settings.BASE_DIR = tmp_path
    call_command("create_local_admin", stdout=io.StringIO())
    coordinators = django_user_model.objects.filter(username__startswith="coordinator")
    assert coordinators.exists()
    named = django_user_model.objects.exclude(first_name="").exclude(last_name="")
    assert set(coordinators) <= set(named)
    for username in ("admin", "moderator", "editor", "translator"):
        assert named.filter(username=username).exists(), username
    # A name someone changed in the admin is kept when the command runs again.
    coordinator = coordinators.first()
    coordinator.first_name = "Inna"
    coordinator.save()
    call_command("create_local_admin", stdout=io.StringIO())
    coordinator.refresh_from_db()
    assert coordinator.first_name == "Inna"
