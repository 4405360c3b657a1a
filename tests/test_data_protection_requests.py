"""A data protection officer finds one person's applications across teams, sees what matched in
each and ticks the person's own, exports them for an access request and erases them (RODO art.
15-17); coordinators cannot; every step is in the audit log with its reason and without the
search terms, and the reason is not in the applications' history, which their team reads."""

import io
import json
import re

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Locale, ModelLogEntry

from enrolment import audit, data_rights
from enrolment.models import (
    Application,
    ApplicationLogEntry,
    ApplicationNote,
    ApplicationStatus,
    DataRequest,
    ErasureRecord,
    Notification,
    NotificationKind,
    PrivacyNotice,
)
from home.models import Institution

from .admin_factories import another_programme
from .admin_helpers import make_application, make_coordinator, make_superuser, make_user, signed_in
from .enrolment_helpers import submit, valid_answers
from .enrolment_world import small_site, with_question
from .factories import polish
from .once_per_module import built_once

pytestmark = pytest.mark.django_db

SEARCH_URL = "/admin/data-requests/"
REASON = "wniosek o dostęp, pismo nr 12/2026 z 3 grudnia 2026"
ANSWER = "Chcę wrócić do pracy po przerwie."
NOTE = "Oddzwoniła, prosi o kontakt po 16."


@pytest.fixture(autouse=True)
def erasure_log(settings, tmp_path):
    settings.ENROLMENT_ERASURE_LOG = tmp_path / "erasures.jsonl"
    return settings.ENROLMENT_ERASURE_LOG


def build_world():
    """Anna applied online to one team's programme and by phone to another team's; Jan, someone
    else, applied too. The browser Anna applied with is kept as its cookies (a client is not kept
    across tests); her session is a row of the world like the others."""
    site = small_site(sensitive=False)
    other = another_programme(site.programme_index)
    question = site.form.get_form_fields()[0]
    browser = Client()
    submit(
        browser,
        site.form,
        valid_answers(
            site.form,
            site.edition,
            applicant_name="Anna Kowalska",
            phone="600 123 456",
            email="Anna.Kowalska@example.org",
            **{question.clean_name: ANSWER},
        ),
    )
    online = Application.objects.get()
    ApplicationNote.objects.create(application=online, text=NOTE)
    by_phone = make_application(
        other,
        channel="phone",
        form_data={"applicant_name": "KOWALSKA  Anna", "phone": "+48 600-123-456"},
    )
    accented = make_application(
        other, form_data={"applicant_name": "Łucja Żółć", "email": "lucja@example.org"}
    )
    someone_else = make_application(
        site.edition,
        form_data={
            "applicant_name": "Jan Nowak",
            "phone": "601 000 000",
            "email": "jan@example.org",
        },
    )
    return {
        "site": site,
        "other": other,
        "question": question,
        "applicants_cookies": {name: morsel.value for name, morsel in browser.cookies.items()},
        "online": online,
        "by_phone": by_phone,
        "accented": accented,
        "someone_else": someone_else,
    }


kept_world, copied = built_once(build_world, name="copied")


@pytest.fixture
def world(copied):
    """The test's copy of the world, with Anna's browser back as a client of the test's own."""
    applicant = Client()
    for name, value in copied.pop("applicants_cookies").items():
        applicant.cookies[name] = value
    return {**copied, "applicant": applicant}


NOTES_LEFT_OUT = (
    "Notes written by the team about the applications are not part of this export: they may "
    "concern other people (RODO art. 15(4))."
)


def officer():
    return make_user(groups=[Group.objects.get(name="Data protection officers")])


def search(client, **terms):
    """The results page's data request, after a search with `terms` and the reason."""
    response = client.post(SEARCH_URL, {"reason": REASON, **terms})
    assert response.status_code == 302, response.content.decode()[:2000]
    return DataRequest.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def results_page(client, data_request):
    response = client.get(reverse("enrolment_data_request", args=[data_request.pk]))
    assert response.status_code == 200
    return response.content.decode()


def references(*applications):
    return {application.reference for application in applications}


def test_the_role_may_enter_the_admin_and_handle_data_requests_and_nothing_else():
    group = Group.objects.get(name="Data protection officers")
    assert {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()} == {
        "wagtailadmin.access_admin",
        "enrolment.handle_data_requests",
    }


def test_search_by_email_ignores_case_and_crosses_teams(world):
    data_request = search(signed_in(officer()), email="anna.KOWALSKA@Example.org")
    assert set(data_request.references) == references(world["online"])
    assert data_request.handled_by is not None


def test_search_by_phone_compares_digits_only_across_teams(world):
    client = signed_in(officer())
    data_request = search(client, phone="0048 600123456")
    assert set(data_request.references) == references(world["online"], world["by_phone"])
    page = results_page(client, data_request)
    # Both teams' applications, with what tells the officer whose they are.
    assert world["site"].edition.team.name in page
    assert world["other"].team.name in page
    assert world["online"].reference in page and world["by_phone"].reference in page
    assert world["someone_else"].reference not in page


def test_search_by_name_ignores_order_case_and_polish_letters(world):
    client = signed_in(officer())
    data_request = search(client, name="kowalska anna")
    assert set(data_request.references) == references(world["online"], world["by_phone"])
    data_request = search(client, name="LUCJA zolc")
    assert set(data_request.references) == references(world["accented"])


def test_a_search_needs_a_reason_and_something_to_look_for(world):
    client = signed_in(officer())
    response = client.post(SEARCH_URL, {"reason": "", "email": "jan@example.org"})
    assert response.status_code == 200
    response = client.post(SEARCH_URL, {"reason": REASON})
    assert response.status_code == 200
    assert not DataRequest.objects.exists()


def test_a_coordinator_or_an_editor_gets_403_everywhere_and_no_menu_item(world):
    data_request = search(signed_in(make_superuser()), email="anna.kowalska@example.org")
    reference = world["online"].reference
    export_url = reverse("enrolment_data_request_export", args=[data_request.pk])
    erase_url = reverse("enrolment_data_request_erase", args=[data_request.pk])
    urls = [
        SEARCH_URL,
        reverse("enrolment_data_request", args=[data_request.pk]),
        export_url,
        erase_url,
    ]
    coordinator = make_coordinator(world["site"].edition.team)
    for user in (coordinator, make_user(groups=[Group.objects.get(name="Editors")])):
        client = signed_in(user)
        for url in urls:
            assert client.get(url).status_code == 403, url
        assert client.post(SEARCH_URL, {"reason": REASON, "name": "Anna"}).status_code == 403
        posted = {"reference": reference, "format": "json", "confirm": "1"}
        assert client.post(export_url, posted).status_code == 403
        assert client.post(erase_url, posted).status_code == 403
        assert SEARCH_URL not in client.get("/admin/").content.decode()
    assert Application.objects.get(pk=world["online"].pk).form_data
    assert DataRequest.objects.count() == 1
    assert SEARCH_URL in signed_in(officer()).get("/admin/").content.decode()


def export(client, data_request, export_format, *applications, notes=False):
    """The export, posted from the results page's form as the officer ticked it."""
    url = reverse("enrolment_data_request_export", args=[data_request.pk])
    posted = {"format": export_format, "reference": [a.reference for a in applications]}
    if notes:
        posted["notes"] = "1"
    response = client.post(url, posted)
    assert response.status_code == 200
    return response


def erase(client, data_request, *applications):
    """The erasure, confirmed."""
    url = reverse("enrolment_data_request_erase", args=[data_request.pk])
    return client.post(url, {"reference": [a.reference for a in applications], "confirm": "1"})


def test_the_access_export_holds_every_answer_with_its_question_in_html_and_json(world):
    client = signed_in(officer())
    data_request = search(client, phone="600 123 456")
    online, by_phone = world["online"], world["by_phone"]

    page = export(client, data_request, "html", online, by_phone, notes=True).content.decode()
    assert page.startswith("<!DOCTYPE html>")
    for text in (
        world["question"].label,
        ANSWER,
        "Anna Kowalska",
        "Anna.Kowalska@example.org",
        "KOWALSKA  Anna",
        world["site"].programme.title,
        world["other"].programme.title,
        world["site"].edition.team.name,
        world["other"].team.name,
        NOTE,
        online.reference,
        by_phone.reference,
    ):
        assert text in page, text

    response = export(client, data_request, "json", online, by_phone, notes=True)
    assert response["Content-Disposition"].startswith("attachment;")
    exported = {item["reference"]: item for item in json.loads(response.content)["applications"]}
    assert set(exported) == references(online, by_phone)
    for application in (online, by_phone):
        stored = Application.objects.get(pk=application.pk).form_data
        answers = {
            answer["key"]: answer["answer"] for answer in exported[application.reference]["answers"]
        }
        for key, value in stored.items():
            if isinstance(value, str) and value:
                assert answers[key] == value, key
    assert exported[online.reference]["notes"][0]["text"] == NOTE
    kinds = {n["kind"]["value"] for n in exported[online.reference]["notifications"]}
    assert NotificationKind.TEAM in kinds
    assert exported[by_phone.reference]["channel"]["value"] == "phone"
    assert exported[online.reference]["team"] == world["site"].edition.team.name


def test_an_export_covers_only_what_the_request_found(world):
    client = signed_in(officer())
    data_request = search(client, email="anna.kowalska@example.org")
    response = export(client, data_request, "json", world["online"], world["someone_else"])
    exported = [item["reference"] for item in json.loads(response.content)["applications"]]
    assert exported == [world["online"].reference]


def test_erasure_asks_first_then_removes_answers_notes_notifications_and_sessions(
    world, erasure_log
):
    client = signed_in(officer())
    data_request = search(client, phone="600123456")
    online, by_phone = world["online"], world["by_phone"]
    confirmation_url = world["site"].form.url + "confirmation/"
    assert online.reference in world["applicant"].get(confirmation_url).content.decode()
    erase_url = reverse("enrolment_data_request_erase", args=[data_request.pk])
    chosen = {"reference": [online.reference, by_phone.reference]}

    confirm = client.post(erase_url, chosen)
    assert confirm.status_code == 200
    assert online.reference in confirm.content.decode()
    assert 'name="confirm"' in confirm.content.decode()
    assert Application.objects.get(pk=online.pk).form_data  # nothing erased yet

    response = client.post(erase_url, {**chosen, "confirm": "1"})
    assert response.status_code == 302
    for application in (online, by_phone):
        stored = Application.objects.get(pk=application.pk)
        assert stored.form_data == {}
        assert stored.is_anonymised
        assert stored.submission_token is None
        assert not ApplicationNote.objects.filter(application=stored).exists()
        assert not Notification.objects.filter(application=stored).exists()
        assert ErasureRecord.objects.filter(reference=stored.reference).exists()
        # What statistics need stays.
        assert stored.team_id == application.team_id
    # The applicant's confirmation page no longer names the application.
    assert world["applicant"].get(confirmation_url).status_code == 302
    # The erasures are in the file outside the database.
    lines = [json.loads(line) for line in erasure_log.read_text().splitlines()]
    assert {line["reference"] for line in lines} == references(online, by_phone)
    # Everyone else's data stays.
    assert Application.objects.get(pk=world["someone_else"].pk).form_data["phone"] == "601 000 000"
    assert Application.objects.get(pk=world["accented"].pk).form_data


def test_an_erased_application_frees_its_place_for_the_waiting_list(world):
    edition = world["site"].edition
    edition.places = 2  # Anna's place and Jan's
    edition.save()
    waiting = make_application(edition, status=ApplicationStatus.WAITING_LIST)
    client = signed_in(officer())
    data_request = search(client, email="anna.kowalska@example.org")
    erase(client, data_request, world["online"])
    assert Application.objects.get(pk=world["online"].pk).status == ApplicationStatus.WITHDRAWN
    assert Application.objects.get(pk=waiting.pk).status == ApplicationStatus.PLACE_OFFERED


def test_every_step_is_logged_with_its_reason_and_without_the_search_terms(world):
    client = signed_in(officer())
    terms = {"email": "anna.kowalska@example.org", "phone": "600 123 456", "name": "Anna Kowalska"}
    data_request = search(client, **terms)
    online = world["online"]
    export(client, data_request, "html", online)
    erase(client, data_request, online)

    steps = ModelLogEntry.objects.filter(action__startswith="enrolment.data_request")
    assert set(steps.values_list("action", flat=True)) == {
        audit.DATA_REQUEST_SEARCH,
        audit.DATA_REQUEST_EXPORT,
        audit.DATA_REQUEST_ERASE,
    }
    for step in steps:
        assert step.data["reason"] == REASON
        assert online.reference in step.data["references"]
    (erased,) = ApplicationLogEntry.objects.filter(action=audit.ERASE)
    assert erased.object_id == str(online.pk)
    assert erased.data == {
        "reason": "request",
        "team": online.team_id,
        "data_request": data_request.pk,
    }
    (exported,) = ApplicationLogEntry.objects.filter(action=audit.EXPORT, object_id=str(online.pk))
    assert exported.data == {"format": "html", "data_request": data_request.pk}

    everything = [*steps, *ApplicationLogEntry.objects.all()]
    written = " ".join(f"{entry.label} {json.dumps(entry.data)}" for entry in everything).lower()
    for term in ("anna", "kowalska", "example.org", "600", "123 456", ANSWER.lower()):
        assert term not in written, term


def row_of(page, application):
    """The results table's row of `application`."""
    (row,) = [row for row in page.split("<tr") if f">{application.reference}</th>" in row]
    return row


def test_each_row_says_what_matched_and_nothing_is_ticked(world):
    client = signed_in(officer())
    data_request = search(client, phone="600 123 456", name="Anna Kowalska")
    page = results_page(client, data_request)
    for application in (world["online"], world["by_phone"]):
        row = row_of(page, application)
        box = re.search(r"<input[^>]*name=\"reference\"[^>]*>", row).group(0)
        assert "checked" not in box
        assert "<li>" in row  # what matched: the applicant's own phone and name
        assert "icon-warning" not in row


def test_a_third_partys_answer_is_shown_as_such_with_a_warning_and_not_ticked():
    """The requester's phone is also, in someone else's application, the answer to an editor's
    question about another person (as a violent ex-partner's might be)."""
    site = small_site(sensitive=True)
    form = with_question(site.form, "Phone of the other parent")
    key = form.get_form_fields().get(label="Phone of the other parent").clean_name
    victim = make_application(
        site.edition,
        page=form,
        form_data={"applicant_name": "Ewa Testowa", "phone": "500 111 222", key: "600 999 888"},
    )
    requester = make_application(
        site.edition, form_data={"applicant_name": "Piotr Testowy", "phone": "600 999 888"}
    )
    client = signed_in(officer())
    data_request = search(client, phone="600999888")
    assert set(data_request.references) == references(victim, requester)
    page = results_page(client, data_request)

    victims_row = row_of(page, victim)
    assert "Phone of the other parent" in victims_row
    assert "icon-warning" in victims_row
    assert "checked" not in re.search(r"<input[^>]*name=\"reference\"[^>]*>", victims_row).group(0)
    requesters_row = row_of(page, requester)
    assert "Phone of the other parent" not in requesters_row
    assert "icon-warning" not in requesters_row
    assert "checked" not in requesters_row
    # What matched is logged with the search: the kind and the question's key, not the value.
    (logged,) = ModelLogEntry.objects.filter(action=audit.DATA_REQUEST_SEARCH)
    assert logged.data["matched"][victim.reference] == [["phone", key]]
    assert "999" not in json.dumps(logged.data)


@pytest.mark.parametrize(
    "terms", [{"name": "Anna"}, {"name": "  kowalska "}, {"name": "Anna", "phone": "600123456"}]
)
def test_a_name_of_one_word_is_refused(world, terms):
    response = signed_in(officer()).post(SEARCH_URL, {"reason": REASON, **terms})
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert not DataRequest.objects.exists()
    assert not ModelLogEntry.objects.filter(action=audit.DATA_REQUEST_SEARCH).exists()


def test_the_export_is_a_post_with_the_csrf_token_and_never_a_get(world):
    officer_user = officer()
    data_request = search(signed_in(officer_user), email="anna.kowalska@example.org")
    url = reverse("enrolment_data_request_export", args=[data_request.pk])
    chosen = {"reference": world["online"].reference, "format": "json"}
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer_user)
    # A link or a page of another site can neither export nor add to the audit log.
    assert client.get(url, chosen).status_code == 405
    assert client.post(url, chosen).status_code == 403
    assert not ModelLogEntry.objects.filter(action=audit.DATA_REQUEST_EXPORT).exists()
    assert not ApplicationLogEntry.objects.filter(action=audit.EXPORT).exists()
    # The results page's form posts with the token, to the export and to the erasure.
    page = client.get(reverse("enrolment_data_request", args=[data_request.pk])).content.decode()
    form = re.search(r"<form[^>]*>", page[page.index(url) - 200 :]).group(0)
    assert 'method="post"' in form
    assert (
        'formaction="{}"'.format(reverse("enrolment_data_request_erase", args=[data_request.pk]))
        in page
    )
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post(url, {**chosen, "csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert ModelLogEntry.objects.filter(action=audit.DATA_REQUEST_EXPORT).count() == 1
    assert ApplicationLogEntry.objects.filter(action=audit.EXPORT).count() == 1


def test_the_erasure_takes_no_get(world):
    client = signed_in(officer())
    data_request = search(client, email="anna.kowalska@example.org")
    url = reverse("enrolment_data_request_erase", args=[data_request.pk])
    assert client.get(url, {"reference": world["online"].reference}).status_code == 405
    assert Application.objects.get(pk=world["online"].pk).form_data


def test_the_teams_notes_are_left_out_of_the_export_unless_asked_for(world):
    client = signed_in(officer())
    data_request = search(client, email="anna.kowalska@example.org")
    online = world["online"]
    page = export(client, data_request, "html", online).content.decode()
    assert NOTE not in page
    assert ANSWER in page
    with translation.override("pl"):  # the officer's admin speaks Polish
        assert gettext(NOTES_LEFT_OUT) in page  # the sentence saying so
    (exported,) = json.loads(export(client, data_request, "json", online).content)["applications"]
    assert "notes" not in exported and exported["notes_included"] is False
    page = export(client, data_request, "html", online, notes=True).content.decode()
    assert NOTE in page and "RODO art. 15(4)" not in page
    logged = ModelLogEntry.objects.filter(action=audit.DATA_REQUEST_EXPORT).order_by("pk")
    assert [entry.data["notes"] for entry in logged] == [False, False, True]


def test_a_coordinator_reading_the_history_sees_no_reason_of_the_request(world):
    client = signed_in(officer())
    data_request = search(client, email="anna.kowalska@example.org")
    online = world["online"]
    export(client, data_request, "html", online)
    erase(client, data_request, online)
    coordinator = signed_in(make_coordinator(online.team))
    history = coordinator.get(reverse("enrolment_application:history", args=[online.pk]))
    assert history.status_code == 200
    page = history.content.decode()
    shown = [
        entry.message
        for entry in ApplicationLogEntry.objects.filter(object_id=str(online.pk))
        if entry.action in (audit.ERASE, audit.EXPORT)
    ]
    assert len(shown) == 2 and all(message in page for message in shown)
    assert REASON not in page and "12/2026" not in page
    for entry in ApplicationLogEntry.objects.filter(object_id=str(online.pk)):
        assert "12/2026" not in json.dumps(entry.data)


def test_the_command_erases_and_deletes_as_the_admin_erases(world):
    """`purge_applications --erase REF --delete`: the complete erasure, then the deletion."""
    edition = world["site"].edition
    edition.places = 2  # Anna's place and Jan's
    edition.save()
    waiting = make_application(edition, status=ApplicationStatus.WAITING_LIST)
    online = world["online"]
    confirmation_url = world["site"].form.url + "confirmation/"
    assert online.reference in world["applicant"].get(confirmation_url).content.decode()

    output = io.StringIO()
    call_command("purge_applications", "--erase", online.reference, "--delete", stdout=output)

    assert not Application.objects.filter(pk=online.pk).exists()
    assert not ApplicationNote.objects.filter(application_id=online.pk).exists()
    assert not Notification.objects.filter(application_id=online.pk).exists()
    assert Application.objects.get(pk=waiting.pk).status == ApplicationStatus.PLACE_OFFERED
    assert world["applicant"].get(confirmation_url).status_code == 302  # its session is gone
    assert ErasureRecord.objects.filter(reference=online.reference).exists()
    actions = list(
        ApplicationLogEntry.objects.filter(object_id=str(online.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions[-2:] == [audit.ERASE, audit.DELETE]
    assert "Deleted 1 application." in output.getvalue()


# What the erasure does to places, said before and after.

HOLDS_A_PLACE = (
    "An application that holds a place is withdrawn: its status becomes “%(withdrawn)s”, and its "
    "place is offered to the first application on the waiting list, if there is one and the "
    "edition has not ended. The team is notified of that by e-mail."
)
ROW_HOLDS_A_PLACE = (
    "Holds a place: it will be withdrawn (“%(withdrawn)s”), and the place offered to the first "
    "on the waiting list, if any."
)
# The status change's own words (enrolment/admin_views/views.py), translated once.
NOW_HAS_THE_STATUS = "Application %(reference)s now has the status “%(status)s”."
PLACE_FREED = (
    "A place freed: application %(reference)s, the first on the waiting list, now has the status "
    "“%(status)s”. The team was notified by e-mail."
)


def test_the_confirmation_says_a_place_is_withdrawn_and_offered_to_the_waiting_list(world):
    online, by_phone = world["online"], world["by_phone"]
    Application.objects.filter(pk=by_phone.pk).update(status=ApplicationStatus.WAITING_LIST)
    client = signed_in(officer())
    data_request = search(client, phone="600123456")
    url = reverse("enrolment_data_request_erase", args=[data_request.pk])
    page = client.post(url, {"reference": [online.reference, by_phone.reference]})
    page = page.content.decode()

    with translation.override("pl"):  # the officer's admin speaks Polish
        withdrawn = str(ApplicationStatus.WITHDRAWN.label)
        assert gettext(HOLDS_A_PLACE) % {"withdrawn": withdrawn} in page
        row = gettext(ROW_HOLDS_A_PLACE) % {"withdrawn": withdrawn}
    # On the row of the application that holds a place only.
    (online_item,) = [item for item in page.split("<li>") if f">{online.reference}<" in item]
    (waiting_item,) = [item for item in page.split("<li>") if f">{by_phone.reference}<" in item]
    assert row in online_item
    assert row not in waiting_item
    assert Application.objects.get(pk=online.pk).status == ApplicationStatus.NEW  # not yet


def test_the_message_after_erasing_names_the_application_moved_up(world):
    edition = world["site"].edition
    edition.places = 2  # Anna's place and Jan's
    edition.save()
    waiting = make_application(edition, status=ApplicationStatus.WAITING_LIST)
    later = make_application(edition, status=ApplicationStatus.WAITING_LIST)
    client = signed_in(officer())
    data_request = search(client, email="anna.kowalska@example.org")
    online = world["online"]

    response = client.post(
        reverse("enrolment_data_request_erase", args=[data_request.pk]),
        {"reference": [online.reference], "confirm": "1"},
        follow=True,
    )

    shown = [str(message).strip() for message in response.context["messages"]]
    with translation.override("pl"):
        withdrawn = gettext(NOW_HAS_THE_STATUS) % {
            "reference": online.reference,
            "status": ApplicationStatus.WITHDRAWN.label,
        }
        moved_up = gettext(PLACE_FREED) % {
            "reference": waiting.reference,
            "status": ApplicationStatus.PLACE_OFFERED.label,
        }
    assert withdrawn in shown
    assert moved_up in shown
    assert not any(later.reference in message for message in shown)
    assert Application.objects.get(pk=waiting.pk).status == ApplicationStatus.PLACE_OFFERED
    assert Notification.objects.filter(
        application=waiting, kind=NotificationKind.PLACE_OFFERED
    ).exists()


def test_erasing_an_application_on_the_waiting_list_moves_nobody_up(world):
    edition = world["site"].edition
    edition.places = 2
    edition.save()
    online = world["online"]
    Application.objects.filter(pk=online.pk).update(status=ApplicationStatus.WAITING_LIST)
    other = make_application(edition, status=ApplicationStatus.WAITING_LIST)
    client = signed_in(officer())
    data_request = search(client, email="anna.kowalska@example.org")

    response = client.post(
        reverse("enrolment_data_request_erase", args=[data_request.pk]),
        {"reference": [online.reference], "confirm": "1"},
        follow=True,
    )

    shown = " ".join(str(message) for message in response.context["messages"])
    assert online.reference in shown  # erased
    assert other.reference not in shown
    assert Application.objects.get(pk=online.pk).status == ApplicationStatus.WAITING_LIST
    assert Application.objects.get(pk=other.pk).status == ApplicationStatus.WAITING_LIST


# The access export is a response under RODO art. 15.

CONTROLLER = "Miejski Ośrodek Pomocy Społecznej w Testowie"
PURPOSE_PL = "Rekrutacja do programu aktywności lokalnej."
PURPOSE_UK = "Набір до програми місцевої активності."


@pytest.fixture
def controller_and_notice():
    """The institution and its privacy notice, in place of the demo's when it is there (one of
    each per language)."""
    polish_locale = polish()
    Institution.objects.update_or_create(
        locale=polish_locale,
        defaults={
            "name": CONTROLLER,
            "short_name": "MOPS",
            "street_address": "ul. Próbna 1",
            "postal_code": "00-001",
            "city": "Testów",
        },
    )
    notice, _created = PrivacyNotice.objects.update_or_create(
        locale=polish_locale,
        defaults={
            "purpose": PURPOSE_PL,
            "legal_basis": "art. 6 ust. 1 lit. e RODO",
            "recipients": "Pracownicy MOPS",
            "retention": "12 miesięcy po zakończeniu edycji",
            "rights": "Dostęp, sprostowanie, usunięcie",
            "complaint": "Prezes Urzędu Ochrony Danych Osobowych",
        },
    )
    ukrainian = Locale.objects.get_or_create(language_code="uk")[0]
    PrivacyNotice.objects.update_or_create(
        locale=ukrainian,
        defaults={
            "translation_key": notice.translation_key,
            "purpose": PURPOSE_UK,
            "legal_basis": "ст. 6",
            "recipients": "Працівники",
            "retention": "12 місяців",
            "rights": "Доступ",
            "complaint": "Голова UODO",
        },
    )


def test_the_printable_export_names_the_controller_and_ends_with_the_privacy_notice(
    world, controller_and_notice
):
    client = signed_in(officer())
    data_request = search(client, email="anna.kowalska@example.org")
    page = export(client, data_request, "html", world["online"]).content.decode()

    header = page[page.index("<header>") : page.index("</header>")]
    assert CONTROLLER in header and "ul. Próbna 1" in header and "00-001 Testów" in header
    assert REASON in header  # the request it answers
    end = page[page.index('id="processing"') :]
    assert page.index(ANSWER) < page.index('id="processing"')  # the data first, then the notice
    for text in (PURPOSE_PL, "Pracownicy MOPS", "12 miesięcy po zakończeniu edycji"):
        assert text in end, text
    assert "Prezes Urzędu Ochrony Danych Osobowych" in end
    assert PURPOSE_UK not in page
    with translation.override("pl"):
        assert gettext(data_rights.SOURCE_OF_THE_DATA) in end


def test_the_notice_is_in_the_language_of_the_application(world, controller_and_notice):
    Application.objects.filter(pk=world["by_phone"].pk).update(language="uk")
    client = signed_in(officer())
    data_request = search(client, phone="600123456")
    page = export(client, data_request, "html", world["by_phone"]).content.decode()
    assert PURPOSE_UK in page and PURPOSE_PL not in page
    assert 'lang="uk"' in page
    (exported,) = [json.loads(export(client, data_request, "json", world["by_phone"]).content)]
    assert exported["privacy_notice"]["purpose"] == PURPOSE_UK
    assert exported["privacy_notice"]["language"] == "uk"
    # The controller is named in the default language, whatever the application's.
    assert exported["controller"]["name"] == CONTROLLER


def test_the_json_export_has_the_controller_the_notice_and_each_answers_question(
    world, controller_and_notice
):
    client = signed_in(officer())
    data_request = search(client, email="anna.kowalska@example.org")
    exported = json.loads(export(client, data_request, "json", world["online"]).content)

    assert exported["controller"]["name"] == CONTROLLER
    assert exported["controller"]["city"] == "Testów"
    assert exported["privacy_notice"]["purpose"] == PURPOSE_PL
    assert exported["privacy_notice"]["recipients"] == "Pracownicy MOPS"
    assert exported["source_of_the_data"]
    (application,) = exported["applications"]
    question = world["question"]
    (answer,) = [a for a in application["answers"] if a["key"] == question.clean_name]
    assert answer["question"] == question.label
    assert answer["answer"] == ANSWER
