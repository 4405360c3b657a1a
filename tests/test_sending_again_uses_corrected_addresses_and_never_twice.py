""" "Send again" after a coordinator corrected the team's address sends to the corrected address
(the failed list tells them to correct it first), and "send again" while a worker is sending the
same notification does not queue a second copy of the message."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from enrolment.models import FailureReason, Notification, NotificationKind
from enrolment.tasks import queue_delivery

from .admin_helpers import make_application, make_coordinator
from .enrolment_helpers import run_queued_notifications
from .enrolment_world import an_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return an_edition()


def send_again(user, notification):
    client = Client()
    client.force_login(user)
    return client.post(reverse("enrolment_notification_resend", args=[notification.pk]))


def test_sending_again_after_the_address_was_corrected_uses_the_corrected_address(edition):
    person, team = edition.responsible_person, edition.team
    notification = Notification.objects.create(
        application=make_application(edition),
        kind=NotificationKind.TEAM,
        recipients=["literowka@exmaple.org"],
        attempts=1,
        last_error="SMTPRecipientsRefused 550",
        failed_at=timezone.now(),
        failure_reason=FailureReason.REFUSED,
    )
    team.email, person.email = "zespol-poprawiony@example.org", "osoba@example.org"
    team.save(update_fields=["email"])
    person.save(update_fields=["email"])

    assert send_again(make_coordinator(team), notification).status_code == 302
    run_queued_notifications()

    notification.refresh_from_db()
    assert notification.delivered_at is not None
    (message,) = mail.outbox
    assert sorted(message.to) == ["osoba@example.org", "zespol-poprawiony@example.org"]


def test_sending_again_while_a_worker_sends_it_queues_no_second_copy(edition):
    notification = Notification.objects.create(
        application=make_application(edition),
        kind=NotificationKind.TEAM,
        recipients=["zespol@example.org"],
        attempts=1,
    )
    queue_delivery(notification)
    notification.refresh_from_db()
    running = DBTaskResult.objects.get(pk=notification.task_id)
    running.claim("a-worker")  # the worker is talking to the mail server right now
    assert running.status == TaskResultStatus.RUNNING

    assert send_again(make_coordinator(edition.team), notification).status_code == 302

    notification.refresh_from_db()
    assert notification.task_id == running.pk
    assert not DBTaskResult.objects.ready().filter(backend_name="notifications").exists()
