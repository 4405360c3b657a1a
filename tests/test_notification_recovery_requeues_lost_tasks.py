"""The recovery step that run_scheduler runs every minute: a task left RUNNING longer than the
lease is taken back and its notification queued again; a notification without a pending task
is queued again; one that is waiting, running within its lease, failed or delivered is left
alone; running it twice queues nothing more; an older task that was taken over sends nothing."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from enrolment.models import Notification, NotificationKind
from enrolment.tasks import queue_delivery

from .admin_helpers import make_application
from .enrolment_helpers import run_queued_notifications
from .enrolment_world import an_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return an_edition()


@pytest.fixture
def notification(edition):
    return Notification.objects.create(
        application=make_application(edition),
        kind=NotificationKind.TEAM,
        recipients=["zespol@example.org"],
    )


def recover():
    call_command("run_scheduler", "--once", "--max-period", "60")


def ready_tasks():
    return DBTaskResult.objects.filter(backend_name="notifications", status="READY")


def claim_as_a_worker(notification):
    task = DBTaskResult.objects.get(pk=notification.task_id)
    task.claim("worker-that-will-die")
    return task


def test_a_notification_that_lost_its_task_is_queued_again_once(notification):
    assert notification.task_id is None  # e.g. its task was pruned, or never queued
    recover()
    recover()
    notification.refresh_from_db()
    (task,) = ready_tasks()
    assert str(task.pk) == str(notification.task_id)
    assert run_queued_notifications() == 1
    assert len(mail.outbox) == 1


def test_a_task_running_past_its_lease_is_taken_back_and_sent_by_the_next_worker(
    notification, settings
):
    queue_delivery(notification)
    stale = claim_as_a_worker(notification)  # ... and the worker is killed here

    recover()  # within the lease: the worker may still be sending
    assert DBTaskResult.objects.get(pk=stale.pk).status == TaskResultStatus.RUNNING
    assert not ready_tasks().exists()

    later = timezone.now() + datetime.timedelta(seconds=settings.NOTIFICATION_TASK_LEASE + 1)
    with time_machine.travel(later):
        recover()
        recover()
        assert DBTaskResult.objects.get(pk=stale.pk).status == TaskResultStatus.FAILED
        assert ready_tasks().count() == 1
        assert run_queued_notifications() == 1
    notification.refresh_from_db()
    assert notification.delivered_at is not None
    assert len(mail.outbox) == 1


def test_waiting_failed_and_delivered_notifications_are_left_alone(notification, edition):
    queue_delivery(notification, run_after=timezone.now() + datetime.timedelta(minutes=30))
    failed = Notification.objects.create(
        application=make_application(edition),
        kind=NotificationKind.TEAM,
        recipients=["zespol@example.org"],
        failed_at=timezone.now(),
    )
    delivered = Notification.objects.create(
        application=make_application(edition),
        kind=NotificationKind.TEAM,
        recipients=["zespol@example.org"],
        delivered_at=timezone.now(),
    )
    recover()
    assert ready_tasks().count() == 1
    for untouched in (failed, delivered):
        untouched.refresh_from_db()
        assert untouched.task_id is None


def test_a_task_that_was_taken_over_sends_nothing(notification):
    queue_delivery(notification)
    queue_delivery(notification)  # e.g. "send again" while the first still waited
    assert run_queued_notifications() == 2
    notification.refresh_from_db()
    assert notification.delivered_at is not None
    assert len(mail.outbox) == 1
    returns = sorted(DBTaskResult.objects.values_list("return_value", flat=True))
    assert returns == ["delivered", "superseded"]
