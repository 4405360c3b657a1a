"""A team notification with no valid address left (the team's and the person's addresses were
stored before addresses were validated, and both are invalid) is not quietly abandoned: it is
marked failed, listed for the coordinators, and sent once they correct the address and send it
again."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from enrolment.models import FailureReason, Notification, NotificationKind
from enrolment.tasks import queue_delivery

from .admin_helpers import make_application, make_coordinator
from .enrolment_helpers import run_queued_notifications
from .enrolment_world import an_edition

pytestmark = pytest.mark.django_db


def test_a_team_notification_with_no_address_fails_visibly_and_can_be_sent_again():
    edition = an_edition()
    notification = Notification.objects.create(
        application=make_application(edition), kind=NotificationKind.TEAM, recipients=[]
    )
    queue_delivery(notification)
    run_queued_notifications()

    notification.refresh_from_db()
    assert not notification.abandoned
    assert notification.failed_at is not None
    assert notification.failure_reason == FailureReason.INVALID_ADDRESS
    assert Notification.objects.failed().filter(pk=notification.pk).exists()

    client = Client()
    client.force_login(make_coordinator(edition.team))
    client.post(reverse("enrolment_notification_resend", args=[notification.pk]))
    run_queued_notifications()
    notification.refresh_from_db()
    assert notification.delivered_at is not None
    assert len(mail.outbox) == 1
