"""The demo gives each team's coordinator applications to handle on first sign-in: online and by
phone, in every status and in the three languages, with a full edition and its waiting list.

The session's demo holds no applications (other tests start from an empty list): each test
stores the demo's applications itself, as `build_demo_site --with-applications` does.
"""

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from demo.applications import EDITIONS
from demo.build import build_demo_site
from demo.build_applications import build_applications
from demo.sync import Tally
from enrolment.field_names import SYSTEM_FIELD_NAMES, question_key
from enrolment.models import (
    Application,
    ApplicationChannel,
    ApplicationNote,
    ApplicationStatus,
    FailureReason,
    Notification,
)
from enrolment.source_language_choices import AS_ANSWERED
from programmes.models import Team

from .admin_helpers import APPLICATIONS_URL, make_coordinator
from .enrolment_helpers import edition

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

TEAMS = [2, 4, 6]


def build():
    tally = Tally()
    build_applications(tally)
    return tally


def demo_applications():
    return Application.objects.filter(reference__startswith="DEMO-").select_related("edition")


def of_team(number):
    return demo_applications().filter(team__number=number, team__locale__language_code="pl")


def team(number):
    return Team.objects.get(number=number, locale__language_code="pl")


def rows():
    """What a coordinator sees of each demo application, notes and notifications included."""
    return {
        application.reference: (
            application.status,
            application.channel,
            application.language,
            application.submit_time,
            application.form_data,
            application.edition_id,
            application.recorded_by_id,
            sorted(application.notes.values_list("text", "created_at")),
            sorted(application.notifications.values_list("kind", "delivered_at", "failed_at")),
        )
        for application in demo_applications()
    }


@pytest.mark.parametrize("number", TEAMS)
def test_each_team_has_applications_sent_online_and_taken_by_phone(number):
    build()
    applications = of_team(number)
    assert applications.count() >= 5
    channels = set(applications.values_list("channel", flat=True))
    assert channels == {ApplicationChannel.ONLINE, ApplicationChannel.PHONE}


@pytest.mark.parametrize("number", TEAMS)
def test_each_team_has_applications_in_several_statuses_and_all_three_languages(number):
    build()
    applications = of_team(number)
    assert len(set(applications.values_list("status", flat=True))) >= 4
    assert set(applications.values_list("language", flat=True)) == {"pl", "en", "uk"}


def test_every_status_appears_somewhere():
    build()
    assert set(demo_applications().values_list("status", flat=True)) == set(ApplicationStatus)


def test_phone_applications_name_who_took_them_and_when_consent_was_given():
    coordinator = make_coordinator(team(4), username="coordinator4")
    build()
    by_phone = demo_applications().filter(channel=ApplicationChannel.PHONE)
    assert by_phone.filter(team__number=4).exists()
    assert all(application.oral_consent_at for application in by_phone)
    for application in by_phone:
        expected = coordinator.pk if application.team.number == 4 else None
        assert application.recorded_by_id == expected, application.reference
    online = demo_applications().filter(channel=ApplicationChannel.ONLINE)
    assert not online.filter(oral_consent_at__isnull=False).exists()
    assert not online.filter(recorded_by__isnull=False).exists()


def test_a_coordinator_made_after_the_first_build_is_named_on_the_next():
    build()
    assert not of_team(6).filter(recorded_by__isnull=False).exists()
    coordinator = make_coordinator(team(6), username="coordinator6")
    assert build().changed()
    recorded = of_team(6).filter(channel=ApplicationChannel.PHONE)
    assert recorded and all(a.recorded_by_id == coordinator.pk for a in recorded)


def test_an_edition_is_full_with_a_waiting_list_and_none_has_more_than_its_places():
    build()
    for example in {application.edition for application in demo_applications()}:
        taken = Application.objects.filter(edition=example).taking_a_place().count()
        assert taken <= example.places, example
    full = edition("KomPAS", 4)
    assert full.team.number == 4
    applications = Application.objects.filter(edition=full)
    assert applications.taking_a_place().count() == full.places
    waiting = applications.filter(status=ApplicationStatus.WAITING_LIST)
    (offered,) = applications.filter(status=ApplicationStatus.PLACE_OFFERED)
    assert waiting.count() == 2
    assert applications.filter(status=ApplicationStatus.WITHDRAWN).exists()
    # First in line: sent before those still waiting, offered the place after they were sent.
    assert all(offered.submit_time < other.submit_time for other in waiting)
    assert all(offered.place_offered_at > other.submit_time for other in waiting)


def test_answers_are_stored_as_the_form_stores_them():
    build()
    for application in demo_applications().select_related("page"):
        form = application.page.specific
        questions = {question_key(field.clean_name) for field in form.get_form_fields()}
        assert set(application.form_data) - {AS_ANSWERED} <= questions | SYSTEM_FIELD_NAMES
        assert questions <= set(application.form_data), application.reference
        assert application.form_data["privacy_consent"] is True
        sensitive = application.edition.programme.is_sensitive
        assert bool(application.form_data.get("safe_contact")) == sensitive, application.reference


def test_choices_made_on_a_translated_form_are_kept_as_the_applicant_saw_them():
    build()
    translated = demo_applications().exclude(language="pl")
    assert translated.count() >= 6
    for application in translated:
        seen = application.form_data[AS_ANSWERED]
        for key, answer in seen.items():
            assert answer["matched"]
            assert answer["value"] != application.form_data[key]
    assert not any(AS_ANSWERED in a.form_data for a in demo_applications().filter(language="pl"))


def test_every_applicant_address_is_at_example_org_and_every_phone_invented():
    build()
    for application in demo_applications():
        email, phone = application.form_data["email"], application.form_data["phone"]
        assert email or phone
        assert not email or email.endswith("@example.org"), application.reference
        assert not phone or phone.startswith("600 000 "), application.reference
    recipients = Notification.objects.filter(application__in=demo_applications()).values_list(
        "recipients", flat=True
    )
    assert all(address.endswith("@example.org") for row in recipients for address in row)


def test_notifications_are_delivered_except_one_refused_and_none_is_queued():
    tasks_before = DBTaskResult.objects.count()
    build()
    notifications = Notification.objects.filter(application__in=demo_applications())
    (failed,) = notifications.failed()
    assert failed.failure_reason == FailureReason.REFUSED
    assert failed.kind == "team"
    assert not notifications.waiting().exists()
    assert notifications.filter(kind="place_offered", delivered_at__isnull=False).count() == 1
    assert DBTaskResult.objects.count() == tasks_before
    assert not notifications.filter(task_id__isnull=False).exists()


def test_rebuilding_leaves_the_same_rows():
    build()
    before = rows()
    assert not build().changed()
    assert not build().changed()
    assert rows() == before
    assert ApplicationNote.objects.filter(application__in=demo_applications()).count() >= 5


def test_a_rebuild_keeps_a_coordinators_changes_and_stores_a_deleted_one_again_once():
    build()
    handled = Application.objects.get(reference="DEMO-2-01")
    handled.status = ApplicationStatus.CONTACTED
    handled.save(update_fields=["status"])
    ApplicationNote.objects.create(application=handled, text="Oddzwonię w piątek.")
    Application.objects.filter(reference="DEMO-6-01").delete()
    count = demo_applications().count()
    tally = build()
    assert tally.changed()
    handled.refresh_from_db()
    assert handled.status == ApplicationStatus.CONTACTED
    assert handled.notes.filter(text="Oddzwonię w piątek.").exists()
    assert demo_applications().count() == count + 1
    assert Application.objects.filter(reference="DEMO-6-01").count() == 1


def test_each_teams_coordinator_sees_only_their_teams_applications(client):
    build()
    coordinator = make_coordinator(team(4))
    client.force_login(coordinator)
    response = client.get(APPLICATIONS_URL)
    assert response.status_code == 200
    listed = {application.reference for application in response.context["object_list"]}
    assert listed == set(of_team(4).values_list("reference", flat=True))


def test_the_command_adds_them_on_request_and_reports_them(capsys):
    count = sum(len(example.applications) for example in EDITIONS)
    assert not build_demo_site().changed()
    assert not demo_applications().exists()
    call_command("build_demo_site", "--with-applications")
    assert f"application: {count} created" in capsys.readouterr().out
    assert demo_applications().count() == count
    call_command("build_demo_site", "--with-applications")
    output = capsys.readouterr().out
    assert f"application: {count} unchanged" in output
    assert "nothing changed" in output


def test_team_2s_coordinator_finds_one_application_marked_as_possibly_a_second(client):
    build()
    client.force_login(make_coordinator(team(2)))
    response = client.get(APPLICATIONS_URL)
    assert response.status_code == 200
    marked = {
        application.reference: [earlier.reference for earlier, _url in found]
        for application in response.context["object_list"]
        if (found := application.earlier_applications)
    }
    assert marked == {"DEMO-2-08": ["DEMO-2-01"]}
