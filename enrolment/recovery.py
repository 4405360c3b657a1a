"""Notifications that lost their task get one again.

A worker killed while sending (SIGKILL, out of memory, a reboot) leaves its task RUNNING for
ever, and a task can be lost in other ways (pruned, failed outside the delivery's own error
handling). This step, run every minute by `run_scheduler`, takes back the first and re-queues
every notification still to be sent that has no task waiting or running. It may run in several
processes at once: each notification row is locked while it is looked at, and the delivery task
claims an attempt only if it is the notification's latest task; a task running within its lease
(longer than any mail server may take, EMAIL_TIMEOUT) counts as pending, so nothing is sent twice.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import Notification
from .tasks import NOTIFICATIONS_BACKEND, queue_delivery

WORKER_LOST = "enrolment.recovery.WorkerLost"


def _lease_start(now):
    return now - datetime.timedelta(seconds=settings.NOTIFICATION_TASK_LEASE)


def take_back_tasks_of_dead_workers(now=None):
    """Mark failed the notification tasks RUNNING for longer than the lease: their worker is
    gone. One conditional UPDATE, so two recoveries at once take each task back once."""
    now = now or timezone.now()
    return DBTaskResult.objects.filter(
        backend_name=NOTIFICATIONS_BACKEND,
        status=TaskResultStatus.RUNNING,
        started_at__lt=_lease_start(now),
    ).update(
        status=TaskResultStatus.FAILED,
        finished_at=now,
        exception_class_path=WORKER_LOST,
        traceback="The worker stopped while running this task (its lease ran out).",
        return_value=None,
    )


def pending_tasks(now):
    """Tasks that will still deliver: waiting, or running within the lease."""
    return DBTaskResult.objects.filter(backend_name=NOTIFICATIONS_BACKEND).filter(
        Q(status=TaskResultStatus.READY)
        | Q(status=TaskResultStatus.RUNNING, started_at__gte=_lease_start(now))
    )


def _stranded(now):
    has_pending_task = Exists(pending_tasks(now).filter(pk=OuterRef("task_id")))
    return Notification.objects.waiting().exclude(has_pending_task)


def requeue_stranded_notifications(now=None):
    """Queue delivery again for every notification still to be sent without a pending task."""
    now = now or timezone.now()
    requeued = 0
    for pk in _stranded(now).values_list("pk", flat=True):
        with transaction.atomic():
            # A row a worker is claiming or recording right now is locked: skip it this time.
            notification = (
                Notification.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(pk=pk)
                .first()
            )
            # Checked again under the lock, in a statement of its own: another recovery may
            # have queued it meanwhile.
            if notification is None or not _stranded(now).filter(pk=pk).exists():
                continue
            queue_delivery(notification)
            requeued += 1
    return requeued


def recover_notifications(now=None):
    now = now or timezone.now()
    return take_back_tasks_of_dead_workers(now), requeue_stranded_notifications(now)
