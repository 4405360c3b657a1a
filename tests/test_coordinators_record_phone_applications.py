"""A coordinator records an application taken by phone or in person for one of their team's
open editions: stored like an online one (places, waiting list, reference, notifications), with
the channel and the consent given orally in the application and the audit log; never for
another team's edition, whatever the request says."""

import email

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from enrolment import audit
from enrolment.models import (
    Application,
    ApplicationLogEntry,
    Notification,
    PrivacyNotice,
)
from programmes.models import Team

from .admin_factories import another_edition
from .admin_helpers import (
    APPLICATIONS_URL,
    is_refused,
    make_coordinator,
    make_editor,
    make_superuser,
    make_user,
    signed_in,
)
from .enrolment_helpers import run_queued_notifications, valid_answers
from .factories import PersonFactory, SmallSite, TeamFactory, polish
from .once_per_module import built_once
from .smtp_server import loopback_mail_server

pytestmark = pytest.mark.django_db

RECORD_URL = reverse("enrolment_application:record")
NOTICE_PURPOSE = "Rekrutacja uczestników programu aktywności lokalnej"
APPLICANT = {
    "applicant_name": "Halina Dzwoniąca",
    "phone": "600 222 333",
    "email": "halina@example.org",
}


def edition_of_team(programme, number, **kwargs):
    """An edition of the programme run by team no. `number` (its own person)."""
    # The demo's team of that number when the demo is in the database (numbers are unique).
    team = Team.objects.filter(locale=polish(), number=number).first() or TeamFactory(
        number=number, short_name=f"ZTPS nr {number}"
    )
    return another_edition(programme, responsible_person=PersonFactory(team=team), **kwargs)


def build_world():
    """A small site whose programme has an edition of team no. 4 and one of team no. 6, open for
    enrolment, and a coordinator of team no. 4; no application yet."""
    site = SmallSite.build()
    # One place: the second application recorded for it goes to the waiting list.
    team4_edition = edition_of_team(site.programme, 4, places=1)
    team6_edition = edition_of_team(site.programme, 6)
    coordinator = make_coordinator(team4_edition.team, first_name="Ewa", last_name="Przyjmująca")
    return {
        "site": site,
        "team4_edition": team4_edition,
        "team6_edition": team6_edition,
        "coordinator": coordinator,
    }


kept_world, copied = built_once(build_world, name="copied")


@pytest.fixture
def site(copied):
    return copied["site"]


@pytest.fixture
def team4_edition(copied):
    return copied["team4_edition"]


@pytest.fixture
def team6_edition(copied):
    return copied["team6_edition"]


@pytest.fixture
def coordinator(copied):
    return copied["coordinator"]


@pytest.fixture
def notice():
    found = PrivacyNotice.objects.filter(locale=polish()).first()
    values = {
        "purpose": NOTICE_PURPOSE,
        "legal_basis": "art. 6 ust. 1 lit. e RODO",
        "recipients": "Pracownicy MOPS",
        "retention": "12 miesięcy",
        "rights": "Dostęp, sprostowanie, usunięcie",
        "complaint": "Prezes UODO",
    }
    if found is None:
        return PrivacyNotice.objects.create(locale=polish(), **values)
    PrivacyNotice.objects.filter(pk=found.pk).update(**values)
    return found


def form_url(edition):
    return reverse("enrolment_application:record_form", args=[edition.pk])


def recorded(site, edition, channel="phone", **overrides):
    """What the coordinator's browser sends: the applicant's answers, the channel and the
    confirmed consent, with the form's one-time token."""
    return valid_answers(
        site.form,
        edition,
        **{**APPLICANT, "email_confirmation": "on", "record-channel": channel, **overrides},
    )


def test_a_team_4_coordinator_records_a_phone_application_for_a_team_4_edition(
    site, team4_edition, coordinator, notice, settings
):
    client = signed_in(coordinator)
    choices = client.get(RECORD_URL)
    assert choices.status_code == 200
    assert form_url(team4_edition) in choices.content.decode()

    form = client.get(form_url(team4_edition))
    assert form.status_code == 200
    page = form.content.decode()
    # The notice, in a box titled so that it is read out, then the coordinator's confirmation.
    assert 'aria-labelledby="read-out-heading"' in page
    assert NOTICE_PURPOSE in page
    assert page.index(NOTICE_PURPOSE) < page.index('name="system-privacy_consent"')
    assert 'name="system-website"' not in page  # no honeypot for a signed-in coordinator

    response = client.post(form_url(team4_edition), recorded(site, team4_edition))
    application = Application.objects.get()
    done_url = reverse("enrolment_application:recorded", args=[application.pk])
    assert response.status_code == 302 and response["Location"] == done_url

    # Routed and counted like an online application, with how it came and who took it.
    assert application.team == team4_edition.team
    assert application.edition == team4_edition
    assert application.status == "new"
    assert application.channel == "phone"
    assert application.recorded_by == coordinator
    assert application.oral_consent_at is not None
    assert application.language == "pl"
    assert application.form_data["applicant_name"] == APPLICANT["applicant_name"]
    assert application.form_data["privacy_consent"] is True
    assert "record-channel" not in application.form_data

    # The reference, to be read out, one character at a time.
    done = client.get(done_url).content.decode()
    first, second = application.reference.split("-")
    assert " ".join(first) in done and " ".join(second) in done
    assert reverse("enrolment_application:inspect", args=[application.pk]) in done

    # Audited with the channel and the oral consent, and nothing the applicant said.
    entry = ApplicationLogEntry.objects.get(action=audit.RECORD)
    assert entry.object_id == str(application.pk)
    assert entry.user_id == coordinator.pk
    assert entry.data == {
        "channel": "phone",
        "oral_consent_at": application.oral_consent_at.isoformat(),
    }
    assert not any(value in str(entry.data) for value in APPLICANT.values())

    # The place is taken: the next application recorded for this edition waits.
    client.post(form_url(team4_edition), recorded(site, team4_edition, channel="in_person"))
    second_application = Application.objects.exclude(pk=application.pk).get()
    assert second_application.status == "waiting_list"
    assert second_application.channel == "in_person"
    assert second_application.reference != application.reference

    # The team hears how it came; the applicant gets the confirmation asked for.
    with loopback_mail_server(settings) as server:
        run_queued_notifications()
    team_addresses = sorted([team4_edition.team.email, team4_edition.responsible_person.email])
    team_mail = [text_of(m) for m in server.inbox.messages if sorted(m.rcpt_tos) == team_addresses]
    to_applicant = [m for m in server.inbox.messages if m.rcpt_tos == [APPLICANT["email"]]]
    with translation.override(settings.LANGUAGE_CODE):
        by_phone = gettext("A new application has been recorded by phone: %(reference)s.") % {
            "reference": application.reference
        }
        in_person = gettext("A new application has been recorded in person: %(reference)s.") % {
            "reference": second_application.reference
        }
    assert len(team_mail) == 2
    assert any(text.startswith(by_phone) for text in team_mail)
    assert any(text.startswith(in_person) for text in team_mail)
    assert len(to_applicant) == 2


def text_of(envelope):
    """The plain text of a message the loopback server accepted."""
    message = email.message_from_bytes(envelope.content)
    part = next(part for part in message.walk() if part.get_content_type() == "text/plain")
    return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")


def test_the_same_coordinator_cannot_record_one_for_a_team_6_edition(
    site, team4_edition, team6_edition, coordinator
):
    client = signed_in(coordinator)
    assert form_url(team6_edition) not in client.get(RECORD_URL).content.decode()
    # Refused on the server, not only hidden: the address and a forged POST.
    assert client.get(form_url(team6_edition)).status_code == 404
    forged = client.post(form_url(team6_edition), recorded(site, team6_edition))
    assert forged.status_code == 404
    # The team-4 form with the team-6 edition slipped into the POST.
    slipped = client.post(form_url(team4_edition), recorded(site, team6_edition))
    assert slipped.status_code == 200
    assert slipped.context["form"].errors
    assert not Application.objects.exists()
    assert not ApplicationLogEntry.objects.filter(action=audit.RECORD).exists()


def test_a_double_click_records_one_application(site, team4_edition, coordinator):
    client = signed_in(coordinator)
    answers = recorded(site, team4_edition)
    first = client.post(form_url(team4_edition), answers)
    again = client.post(form_url(team4_edition), answers)
    application = Application.objects.get()
    assert first["Location"] == again["Location"]
    assert again["Location"] == reverse("enrolment_application:recorded", args=[application.pk])
    assert Notification.objects.filter(application=application).count() == 2
    assert ApplicationLogEntry.objects.filter(action=audit.RECORD).count() == 1


def test_without_the_confirmed_oral_consent_nothing_is_recorded(site, team4_edition, coordinator):
    client = signed_in(coordinator)
    for consent in (None, "true", "1"):
        response = client.post(
            form_url(team4_edition), recorded(site, team4_edition, privacy_consent=consent)
        )
        assert response.status_code == 200
        assert "system-privacy_consent" in response.context["form"].errors
        # What was typed is kept.
        assert APPLICANT["applicant_name"] in response.content.decode()
    assert not Application.objects.exists()


def test_an_edition_whose_enrolment_is_closed_cannot_be_recorded_for(
    site, team4_edition, coordinator
):
    type(team4_edition).objects.filter(pk=team4_edition.pk).update(
        enrolment_opens_on=None, enrolment_closes_on=None
    )
    client = signed_in(coordinator)
    assert form_url(team4_edition) not in client.get(RECORD_URL).content.decode()
    assert client.post(form_url(team4_edition), recorded(site, team4_edition)).status_code == 404
    assert not Application.objects.exists()


def test_a_superuser_records_for_every_teams_open_edition(site, team4_edition, team6_edition):
    client = signed_in(make_superuser())
    choices = client.get(RECORD_URL).content.decode()
    assert form_url(team4_edition) in choices and form_url(team6_edition) in choices
    client.post(form_url(team6_edition), recorded(site, team6_edition, channel="in_person"))
    assert Application.objects.get().team == team6_edition.team


def test_only_those_who_may_change_applications_reach_it(site, team4_edition, coordinator):
    record_button = f'href="{RECORD_URL}"'
    assert record_button in signed_in(coordinator).get(APPLICATIONS_URL).content.decode()

    # A member of the team's group whose group lost the right to change applications still
    # sees the list, but neither the button nor the form.
    group = team4_edition.team.coordinators_group
    group.permissions.remove(Permission.objects.get(codename="change_application"))
    viewer = signed_in(make_user(groups=[group]))
    assert record_button not in viewer.get(APPLICATIONS_URL).content.decode()
    editor = signed_in(make_editor())
    for client in (viewer, editor):
        assert is_refused(client.get(RECORD_URL))
        assert is_refused(client.get(form_url(team4_edition)))
        assert is_refused(client.post(form_url(team4_edition), recorded(site, team4_edition)))
    anonymous = Client().post(form_url(team4_edition), recorded(site, team4_edition))
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    assert not Application.objects.exists()


def test_the_detail_view_shows_the_channel_who_recorded_it_and_the_oral_consent(
    site, team4_edition, coordinator
):
    client = signed_in(coordinator)
    client.post(form_url(team4_edition), recorded(site, team4_edition))
    application = Application.objects.get()
    response = client.get(reverse("enrolment_application:inspect", args=[application.pk]))
    page = response.content.decode()
    assert application.get_channel_display() in page
    assert "Ewa Przyjmująca" in page
    assert timezone.localtime(application.oral_consent_at).isoformat() in page
