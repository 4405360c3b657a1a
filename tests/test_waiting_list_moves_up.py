"""A place freed by a withdrawal goes to the first person waiting: their application is marked
"place offered", the team hears of it once (without the applicant's data), and the history says
who moved up and when. No status change gives an edition more people than it has places."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from enrolment.models import Application, ApplicationLogEntry, Notification, NotificationKind
from programmes.models import Edition

from .admin_helpers import make_application, make_coordinator, make_superuser, set_admin_language
from .enrolment_helpers import run_queued_notifications, submit, valid_answers
from .enrolment_world import days_from_today, open_enrolment_form
from .factories import PersonFactory
from .once_per_module import built_once

pytestmark = pytest.mark.django_db


def apply(client, form, edition, name):
    response = submit(
        client, form, valid_answers(form, edition, applicant_name=name, phone="600 700 800")
    )
    assert response.status_code == 302, response.content[:500]
    return Application.objects.get(form_data__applicant_name=name)


def build_world():
    """An edition of 2 places to which three people applied through the website, in turn (from
    a browser of the build's own); a coordinator of its team who reads the admin in English."""
    form, edition = open_enrolment_form(places=2)
    browser = Client()
    applications = [
        apply(browser, form, edition, name) for name in ("Ala Pierwsza", "Ola Druga", "Ela Trzecia")
    ]
    # Sent in this order: the first two hold the places, the third waits.
    assert [application.status for application in applications] == [
        "new",
        "new",
        "waiting_list",
    ]
    coordinator = make_coordinator(edition.team)
    set_admin_language(coordinator, "en")
    return {"edition": edition, "applications": applications, "coordinator": coordinator}


kept_world, world = built_once(build_world)


@pytest.fixture
def two_places_three_applicants(world):
    return world["edition"], world["applications"]


@pytest.fixture
def coordinator_client(client, world):
    client.force_login(world["coordinator"])
    return client


def change_status(client, application, status):
    url = reverse("enrolment_application:change_status", args=[application.pk])
    return client.post(url, {"status": status})


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def place_offered_notifications():
    return Notification.objects.filter(kind=NotificationKind.PLACE_OFFERED)


def test_a_withdrawal_moves_the_first_person_waiting_up_and_tells_the_team_once(
    coordinator_client, two_places_three_applicants
):
    edition, (first, _second, third) = two_places_three_applicants
    run_queued_notifications()  # the three "new application" messages
    mail.outbox.clear()
    before = timezone.now()

    response = change_status(coordinator_client, first, "withdrawn")

    third.refresh_from_db()
    assert third.status == "place_offered"
    assert third.place_offered_at >= before
    assert edition.applications.taking_a_place().count() == edition.places == 2
    assert any(third.reference in message for message in messages_of(response))

    notification = place_offered_notifications().get()
    assert notification.application == third
    assert set(notification.recipients) == {edition.team.email, edition.responsible_person.email}
    run_queued_notifications()
    [message] = mail.outbox
    assert set(message.to) == set(notification.recipients)
    # The team learns which application moved up, never who the applicant is.
    for personal in ("Ela", "Trzecia", "600 700 800"):
        assert personal not in message.subject + message.body
    assert reverse("enrolment_application:inspect", args=[third.pk]) in message.body

    # Saying "withdrawn" again frees nothing more and tells nobody again.
    change_status(coordinator_client, first, "withdrawn")
    assert place_offered_notifications().count() == 1


def test_the_history_says_who_moved_up_and_who_freed_the_place(
    coordinator_client, two_places_three_applicants
):
    _edition, (first, _second, third) = two_places_three_applicants
    change_status(coordinator_client, first, "withdrawn")

    entry = ApplicationLogEntry.objects.get(
        object_id=str(third.pk), action="enrolment.place_offered"
    )
    assert entry.user is not None and entry.user.groups.exists()
    history = coordinator_client.get(
        reverse("enrolment_application:history", args=[third.pk])
    ).content.decode()
    assert "Moved up from the waiting list" in history
    detail = coordinator_client.get(
        reverse("enrolment_application:inspect", args=[third.pk])
    ).content.decode()
    assert "Moved up from the waiting list" in detail


def test_a_status_change_that_would_give_a_third_place_is_refused(
    coordinator_client, two_places_three_applicants
):
    edition, (_first, _second, third) = two_places_three_applicants

    response = change_status(coordinator_client, third, "qualified")

    third.refresh_from_db()
    assert third.status == "waiting_list"
    assert edition.applications.taking_a_place().count() == 2
    assert any("all 2 places" in message for message in messages_of(response))
    assert not place_offered_notifications().exists()


def test_someone_moved_to_the_waiting_list_does_not_take_their_place_back(
    coordinator_client, two_places_three_applicants
):
    _edition, (first, _second, third) = two_places_three_applicants

    change_status(coordinator_client, first, "waiting_list")

    first.refresh_from_db()
    third.refresh_from_db()
    assert first.status == "waiting_list"
    assert third.status == "place_offered"


def test_more_places_published_by_an_editor_go_to_the_waiting_list(two_places_three_applicants):
    edition, (_first, _second, third) = two_places_three_applicants
    programme = edition.programme
    Edition.objects.filter(pk=edition.pk).update(places=3)

    programme.specific.save_revision().publish()

    third.refresh_from_db()
    assert third.status == "place_offered"
    assert place_offered_notifications().count() == 1


def test_nobody_moves_up_into_an_edition_that_has_ended(
    coordinator_client, two_places_three_applicants
):
    edition, (first, _second, third) = two_places_three_applicants
    Edition.objects.filter(pk=edition.pk).update(
        starts_on=days_from_today(-300), ends_on=days_from_today(-1)
    )

    change_status(coordinator_client, first, "withdrawn")

    third.refresh_from_db()
    assert third.status == "waiting_list"
    assert not place_offered_notifications().exists()


def test_deleting_an_application_that_held_a_place_moves_the_waiting_list_up(
    client, two_places_three_applicants
):
    _edition, (first, _second, third) = two_places_three_applicants
    client.force_login(make_superuser())

    client.post(reverse("enrolment_application:delete", args=[first.pk]))

    assert not Application.objects.filter(pk=first.pk).exists()
    third.refresh_from_db()
    assert third.status == "place_offered"


def test_the_first_waiting_is_the_one_sent_first(coordinator_client, two_places_three_applicants):
    edition, (first, _second, third) = two_places_three_applicants
    later = make_application(edition, status="waiting_list")

    change_status(coordinator_client, first, "rejected")

    third.refresh_from_db()
    later.refresh_from_db()
    assert (third.status, later.status) == ("place_offered", "waiting_list")


def test_an_edition_handed_to_another_team_tells_each_team_only_of_its_own(
    client, two_places_three_applicants
):
    edition, (first, _second, third) = two_places_three_applicants
    old_team = edition.team
    # An editor hands the edition to another team: the applications sent so far stay with the
    # team they were routed to.
    new_person = PersonFactory()
    Edition.objects.filter(pk=edition.pk).update(
        team=new_person.team, responsible_person=new_person
    )
    client.force_login(make_coordinator(new_person.team))
    newcomer = make_application(
        Edition.objects.get(pk=edition.pk), status="new", team=new_person.team
    )
    Application.objects.filter(pk=first.pk).update(status="withdrawn")  # a place for the newcomer
    response = change_status(client, newcomer, "withdrawn")

    third.refresh_from_db()
    assert third.status == "place_offered"
    # The new team's coordinator freed the place but does not learn the old team's reference.
    assert not any(third.reference in message for message in messages_of(response))
    notification = place_offered_notifications().get(application=third)
    assert notification.recipients == [old_team.email]
