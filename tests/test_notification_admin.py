"""The admin lists notifications that failed or still wait to the coordinators of their team and
to superusers, never to another team; "send again" by the team's coordinator queues delivery
again (audit-logged) and the message then arrives."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from enrolment import audit
from enrolment.models import ApplicationLogEntry, FailureReason, Notification, NotificationKind
from enrolment.tasks import queue_delivery

from .admin_factories import another_edition
from .admin_helpers import (
    make_application,
    make_coordinator,
    make_editor,
    make_superuser,
    signed_in,
)
from .enrolment_helpers import run_queued_notifications
from .factories import SmallSite
from .smtp_server import loopback_mail_server

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/notifications/"


def resend_url(notification):
    return reverse("enrolment_notification_resend", args=[notification.pk])


@pytest.fixture
def site():
    return SmallSite.build()


@pytest.fixture
def edition(site):
    return site.edition


@pytest.fixture
def other_team_coordinator(site, edition):
    """The coordinator of the team that runs another edition of the same programme."""
    other = another_edition(site.programme).team
    assert other.pk != edition.team_id
    return make_coordinator(other)


@pytest.fixture
def failed(edition):
    notification = Notification.objects.create(
        application=make_application(edition),
        kind=NotificationKind.TEAM,
        recipients=["zespol@example.org"],
        attempts=1,
        last_error="SMTPRecipientsRefused 550",
        failed_at=timezone.now(),
        failure_reason=FailureReason.REFUSED,
    )
    return notification


@pytest.fixture
def waiting(edition):
    notification = Notification.objects.create(
        application=make_application(edition),
        kind=NotificationKind.TEAM,
        recipients=["zespol@example.org"],
        attempts=2,
        last_error="ConnectionRefusedError: [Errno 111] Connection refused",
    )
    queue_delivery(notification, run_after=timezone.now() + datetime.timedelta(minutes=2))
    return notification


def listed_references(client):
    response = client.get(LIST_URL)
    assert response.status_code == 200
    return response.content.decode()


def test_the_team_coordinator_and_a_superuser_see_failed_and_waiting_notifications(
    edition, failed, waiting
):
    for user in (make_coordinator(edition.team), make_superuser()):
        page = listed_references(signed_in(user))
        assert failed.application.reference in page
        assert waiting.application.reference in page
        assert "SMTPRecipientsRefused 550" in page
        assert f'action="{resend_url(failed)}"' in page


def test_another_teams_coordinator_sees_none_of_them_and_cannot_send_them_again(
    other_team_coordinator, failed, waiting
):
    client = signed_in(other_team_coordinator)
    page = listed_references(client)
    assert failed.application.reference not in page
    assert waiting.application.reference not in page

    assert client.post(resend_url(failed)).status_code == 404
    failed.refresh_from_db()
    assert failed.failed_at is not None and failed.attempts == 1
    assert not ApplicationLogEntry.objects.filter(action=audit.NOTIFICATION_RESEND).exists()


def test_sending_again_needs_a_post_with_the_csrf_token(edition, failed):
    coordinator = make_coordinator(edition.team)
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    assert client.get(resend_url(failed)).status_code == 405
    assert client.post(resend_url(failed)).status_code == 403
    failed.refresh_from_db()
    assert failed.failed_at is not None


def test_the_team_coordinator_sends_a_failed_notification_again_and_it_arrives(
    edition, failed, settings
):
    coordinator = make_coordinator(edition.team)
    response = signed_in(coordinator).post(resend_url(failed))
    assert response.status_code == 302
    assert response["Location"] == LIST_URL

    failed.refresh_from_db()
    assert failed.failed_at is None and failed.failure_reason == ""
    assert failed.attempts == 0
    task = DBTaskResult.objects.get(pk=failed.task_id)
    assert task.status == TaskResultStatus.READY
    entry = ApplicationLogEntry.objects.get(action=audit.NOTIFICATION_RESEND)
    assert entry.object_id == str(failed.application.pk)
    assert entry.user_id == coordinator.pk

    with loopback_mail_server(settings) as server:
        run_queued_notifications()
    failed.refresh_from_db()
    assert failed.delivered_at is not None
    (message,) = server.inbox.messages
    # Sent to the team's and the person's addresses as they are now, not the stored ones
    # (the failed list asks coordinators to correct the addresses before sending again).
    assert sorted(message.rcpt_tos) == sorted(
        [edition.responsible_person.email, edition.team.email]
    )
    assert failed.application.reference not in listed_references(signed_in(coordinator))


def test_the_menu_offers_the_list_to_coordinators_and_not_to_editors(edition):
    def menu_of(user):
        return signed_in(user).get(reverse("wagtailadmin_home")).content.decode()

    assert f'"{LIST_URL}"' in menu_of(make_coordinator(edition.team))
    assert f'"{LIST_URL}"' not in menu_of(make_editor())
