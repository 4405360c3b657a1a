"""Delivering notifications in the background, retried until the mail server takes them."""

import datetime
import logging
import smtplib

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .messages import build_message
from .models import Notification

logger = logging.getLogger(__name__)

NOTIFICATIONS_BACKEND = "notifications"
MAX_RETRY_DELAY = datetime.timedelta(hours=1)


def retry_delay(attempts):
    """1, 2, 4 … minutes after each failed attempt, never more than an hour."""
    return min(datetime.timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_RETRY_DELAY)


@task(backend=NOTIFICATIONS_BACKEND)
def deliver_notification(notification_id):
    """Send one notification once. A failure is recorded and the task queued again."""
    with transaction.atomic():
        # The row lock keeps two workers from sending the same message.
        notification = (
            # Lock only the notification row: PostgreSQL cannot lock the nullable side of a join.
            Notification.objects.select_for_update(of=("self",))
            .select_related("application__edition", "application__programme", "application__team")
            .filter(pk=notification_id)
            .first()
        )
        if notification is None or notification.delivered_at or notification.abandoned:
            return "nothing to do"
        message = build_message(notification)
        if message is None:
            notification.abandoned = True
            notification.save(update_fields=["abandoned"])
            return "abandoned"
        notification.attempts += 1
        notification.last_attempt_at = timezone.now()
        try:
            message.send()
        except (smtplib.SMTPException, OSError) as error:
            notification.last_error = f"{type(error).__name__}: {error}"[:255]
            notification.save(update_fields=["attempts", "last_attempt_at", "last_error"])
            failed = True
        else:
            notification.delivered_at = timezone.now()
            notification.last_error = ""
            notification.save(
                update_fields=["attempts", "last_attempt_at", "last_error", "delivered_at"]
            )
            failed = False
    if failed:
        logger.warning(
            "Notification %s not delivered (attempt %s); retrying later.",
            notification_id,
            notification.attempts,
        )
        run_after = timezone.now() + retry_delay(notification.attempts)
        deliver_notification.using(run_after=run_after).enqueue(notification_id)
        return "retry"
    return "delivered"
