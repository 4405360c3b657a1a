"""Delivering notifications in the background: each attempt recorded, retried with back-off, and
given up (marked failed, for a coordinator to send again) only when retrying cannot help.

Every task is queued in the transaction that creates or updates its notification (the task queue
is a table in the same database), so a notification and its task are stored together or not at
all; `enrolment.recovery` re-queues any that lost its task all the same.
"""

import datetime
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import BadHeaderError
from django.db import router, transaction
from django.db.models.signals import post_save, pre_save
from django.utils import timezone
from django_tasks import task
from django_tasks.signals import task_enqueued
from django_tasks_db.models import DBTaskResult

from home.email_addresses import normalised_email_address

from .delivery_errors import InvalidRecipient, describe, is_permanent
from .mail_connection import kept_connection
from .messages import build_message
from .models.notifications import FailureReason, Notification

logger = logging.getLogger(__name__)

NOTIFICATIONS_BACKEND = "notifications"
MAX_RETRY_DELAY = datetime.timedelta(hours=1)


def retry_delay(attempts):
    """1, 2, 4 … minutes after each failed attempt, never more than an hour."""
    exponent = min(max(attempts - 1, 0), 16)  # 2**16 minutes is far past the cap already
    return min(datetime.timedelta(minutes=2**exponent), MAX_RETRY_DELAY)


def queue_delivery(notification, run_after=None):
    """Queue the sending of `notification` in the current transaction and remember the task, so
    that recovery can tell a notification that waits for its task from one that lost it."""
    due = (
        deliver_notification
        if run_after is None
        else deliver_notification.using(run_after=run_after)
    )
    with transaction.atomic():
        result = due.enqueue(notification.pk)
        notification.task_id = result.id
        notification.next_attempt_at = run_after or timezone.now()
        notification.save(update_fields=["task_id", "next_attempt_at"])
    return result


def store_with_deliveries(notifications):
    """Store new `notifications` with the tasks that deliver them, in two INSERTs however many
    there are. Call inside the transaction that stores what they are about.

    Each notification is given its task's id before it is stored, so that no UPDATE has to
    follow (`queue_delivery` needs one per notification). django-tasks has no bulk enqueue: the
    tasks are stored as its database backend's `enqueue` stores one, and `task_enqueued` is sent
    for each as `enqueue` sends it (tests/test_storing_an_application_takes_few_statements.py
    compares the two, so that an upgrade that changes what `enqueue` stores is noticed).
    """
    if not transaction.get_connection().in_atomic_block:
        raise transaction.TransactionManagementError(
            "Notifications and their delivery tasks are stored in one transaction."
        )
    backend = deliver_notification.get_backend()
    backend.validate_task(deliver_notification)
    queued_at = timezone.now()
    for notification in notifications:
        notification.task_id = DBTaskResult._meta.pk.get_default()
        notification.next_attempt_at = queued_at
    Notification.objects.bulk_create(notifications)
    tasks = [
        DBTaskResult(
            id=notification.task_id,
            args_kwargs={"args": [notification.pk], "kwargs": {}},
            priority=deliver_notification.priority,
            task_path=deliver_notification.module_path,
            queue_name=deliver_notification.queue_name,
            run_after=deliver_notification.run_after,
            backend_name=backend.alias,
        )
        for notification in notifications
    ]
    # bulk_create sends no model signals, and the library's own pre_save gives a task to run at
    # once its stored "run after"; save() would send them, so they are sent here as save() does.
    using = router.db_for_write(DBTaskResult)
    for db_result in tasks:
        pre_save.send(DBTaskResult, instance=db_result, raw=False, using=using, update_fields=None)
    DBTaskResult.objects.bulk_create(tasks)
    for db_result in tasks:
        post_save.send(
            DBTaskResult,
            instance=db_result,
            created=True,
            raw=False,
            using=using,
            update_fields=None,
        )
        task_enqueued.send(type(backend), task_result=db_result.task_result)
    return notifications


def _checked_message(notification):
    """The message, with every recipient checked: an address that still is not exactly one
    valid address (stored before validation, or typed into data by hand) is refused here
    rather than breaking the mail headers."""
    message = build_message(notification)
    if message is None:
        return None
    for address in message.to:
        try:
            normalised_email_address(address)
        except ValidationError as error:
            raise InvalidRecipient("invalid recipient address") from error
    return message


@task(backend=NOTIFICATIONS_BACKEND, takes_context=True)
def deliver_notification(context, notification_id):
    """Send one notification once. A failure is recorded and, unless it is permanent or the
    attempts are used up, a retry is queued in the same transaction.

    No database lock is held while the mail server is talked to (each exchange up to
    EMAIL_TIMEOUT): on the embedded SQLite a lock is the whole database's write lock, which
    applicants would wait for.
    The attempt is claimed in one short transaction and its outcome recorded in another; only
    the notification's latest task may claim it, and one task runs in one worker at a time.
    """
    claimed = _claim(notification_id, context.task_result.id)
    if isinstance(claimed, str):
        return claimed
    notification, message = claimed
    try:
        # One connection for the notifications sent one after another (enrolment.mail_connection).
        kept_connection.send(message)
    except Exception as error:  # every failure is recorded, none stalls
        return _record(notification_id, error=error)
    return _record(notification_id)


class AttemptsNeverFinished(RuntimeError):
    """The worker never got to record the outcome of any attempt."""


def _claim(notification_id, task_id):
    """Count the attempt and build its message, or say why there is nothing to send."""
    with transaction.atomic():
        notification = (
            # Lock only the notification row: PostgreSQL cannot lock the nullable side of a join.
            # The message names the application and its programme (enrolment.messages), nothing
            # else joined: each join costs every delivery (the worker keeps pace with an
            # opening's applicants: bench/opening.py).
            Notification.objects.select_for_update(of=("self",))
            .select_related("application__programme")
            .filter(pk=notification_id)
            .first()
        )
        if notification is None or notification.delivered_at or notification.abandoned:
            return "nothing to do"
        if notification.failed_at:
            return "failed; waits to be sent again"
        if notification.task_id and str(notification.task_id) != str(task_id):
            # A later task (a retry, recovery, "send again") took over from this one.
            return "superseded"
        if notification.attempts >= settings.NOTIFICATION_MAX_ATTEMPTS:
            # Every attempt so far ended with no outcome recorded (the worker killed while
            # sending it, each time): given up, so that it waits among the failed ones for a
            # coordinator instead of being taken back and tried for ever.
            return _record_failure(
                notification, AttemptsNeverFinished("no attempt finished"), permanent=False
            )
        notification.attempts += 1
        notification.last_attempt_at = timezone.now()
        notification.save(update_fields=["attempts", "last_attempt_at"])
        try:
            message = _checked_message(notification)
        except Exception as error:  # a bug here is recorded and retried
            return _record_failure(
                notification, error, permanent=isinstance(error, InvalidRecipient)
            )
        if message is None and notification.is_to_the_team:
            # No valid address of the team or its person (left out when stored): the team must
            # still hear of the application, so it waits in the failed list for a coordinator to
            # correct the addresses and send it again, rather than vanishing as abandoned.
            return _record_failure(
                notification, InvalidRecipient("no valid team address"), permanent=True
            )
        if message is None:
            notification.abandoned = True
            notification.save(update_fields=["abandoned"])
            return "abandoned"
    return notification, message


def _record(notification_id, error=None):
    """The outcome of a sent (or refused) attempt, with the retry it calls for."""
    if error is None:
        # One UPDATE, which locks the row as it writes: nothing read is needed to record it.
        Notification.objects.filter(pk=notification_id).update(
            delivered_at=timezone.now(), last_error="", next_attempt_at=None
        )
        return "delivered"
    with transaction.atomic():
        notification = Notification.objects.select_for_update(of=("self",)).get(pk=notification_id)
        return _record_failure(notification, error, permanent=is_permanent(error))


def _failure_reason(error, permanent):
    if not permanent:
        return FailureReason.TOO_MANY_ATTEMPTS
    if isinstance(error, InvalidRecipient | BadHeaderError | ValueError):
        return FailureReason.INVALID_ADDRESS
    return FailureReason.REFUSED


def _record_failure(notification, error, permanent):
    """Inside the delivery's transaction: the attempt, its error and what comes next."""
    notification.last_error = describe(error)
    if permanent or notification.attempts >= settings.NOTIFICATION_MAX_ATTEMPTS:
        notification.failed_at = timezone.now()
        notification.failure_reason = _failure_reason(error, permanent)
        notification.next_attempt_at = None
        notification.save(
            update_fields=[
                "attempts",
                "last_attempt_at",
                "last_error",
                "failed_at",
                "failure_reason",
                "next_attempt_at",
            ]
        )
        logger.error(
            "Notification %s failed for good after %s attempt(s): %s",
            notification.pk,
            notification.attempts,
            notification.last_error,
        )
        return "failed"
    notification.save(update_fields=["attempts", "last_attempt_at", "last_error"])
    queue_delivery(notification, run_after=timezone.now() + retry_delay(notification.attempts))
    logger.warning(
        "Notification %s not delivered (attempt %s: %s); retrying later.",
        notification.pk,
        notification.attempts,
        notification.last_error,
    )
    return "retry"
