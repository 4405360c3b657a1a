"""A coordinator cannot put more people in an edition's places by changing statuses: taking a
place when none is left is refused with a message that says why."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from enrolment.models import ApplicationLogEntry
from programmes.models import Edition

from .admin_helpers import make_application, make_coordinator, set_admin_language
from .enrolment_world import an_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_edition():
    edition = an_edition()
    for _ in range(2):
        make_application(edition, status="new")
    Edition.objects.filter(pk=edition.pk).update(
        places=edition.applications.taking_a_place().count()
    )
    edition.refresh_from_db()
    return edition


@pytest.fixture
def coordinator_client(client, full_edition):
    coordinator = make_coordinator(full_edition.team)
    set_admin_language(coordinator, "en")
    client.force_login(coordinator)
    return client


def change_status(client, application, status):
    url = reverse("enrolment_application:change_status", args=[application.pk])
    return client.post(url, {"status": status})


def test_taking_a_place_in_a_full_edition_is_refused_with_a_reason(
    coordinator_client, full_edition
):
    waiting = make_application(full_edition, status="waiting_list")
    response = change_status(coordinator_client, waiting, "qualified")

    waiting.refresh_from_db()
    assert waiting.status == "waiting_list"
    assert not ApplicationLogEntry.objects.filter(
        object_id=str(waiting.pk), action="enrolment.status_change"
    ).exists()
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    places = f"all {full_edition.places} places"
    assert any(places in message and "waiting list" in message for message in messages), messages


def test_a_freed_place_can_be_given_to_someone_on_the_waiting_list(
    coordinator_client, full_edition
):
    waiting = make_application(full_edition, status="waiting_list")
    holder = full_edition.applications.filter(status="new").first()
    change_status(coordinator_client, holder, "withdrawn")
    change_status(coordinator_client, waiting, "new")
    waiting.refresh_from_db()
    assert waiting.status == "new"
    assert full_edition.applications.taking_a_place().count() == full_edition.places


def test_moving_between_statuses_that_hold_a_place_is_allowed_when_full(
    coordinator_client, full_edition
):
    holder = full_edition.applications.filter(status="new").first()
    change_status(coordinator_client, holder, "qualified")
    holder.refresh_from_db()
    assert holder.status == "qualified"


def test_leaving_a_place_is_always_allowed(coordinator_client, full_edition):
    holder = full_edition.applications.filter(status="new").first()
    change_status(coordinator_client, holder, "rejected")
    holder.refresh_from_db()
    assert holder.status == "rejected"
