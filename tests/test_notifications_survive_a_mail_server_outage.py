"""If the mail server is down, the applicant still gets the confirmation, the application is
kept, and the notification is delivered exactly once when the server is back."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from enrolment.models import Application, Notification

from .enrolment_helpers import edition, form_page, open_enrolment, programme, submit, valid_answers
from .smtp_server import LoopbackSMTPServer, free_loopback_port


@pytest.fixture
def smtp_server(settings):
    server = LoopbackSMTPServer(free_loopback_port())
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 3
    yield server
    server.stop()


def run_worker():
    """The worker the README starts, once over everything that is due."""
    call_command(
        "db_worker", "--batch", "--backend", "notifications", "--no-startup-delay", verbosity=0
    )


# Transactional: the real `db_worker` command closes connections between tasks, which would end
# a test's transaction. The session's demo is there (conftest puts it back after such tests).
@pytest.mark.demo
@pytest.mark.django_db(transaction=True)
def test_notification_waits_for_the_mail_server_and_arrives_exactly_once(client, smtp_server):
    chosen = edition("KomPAS", 2)
    open_enrolment(chosen)
    page = form_page(programme("KomPAS"))

    # The mail server is down: nothing listens on its port.
    response = submit(client, page, valid_answers(page, chosen))
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.reference in client.get(response["Location"]).content.decode()

    run_worker()
    notification = Notification.objects.get(application=application)
    assert notification.delivered_at is None
    assert notification.attempts == 1
    assert "Connection" in notification.last_error or "refused" in notification.last_error.lower()
    assert Notification.objects.undelivered().count() == 1

    smtp_server.start()
    run_worker()  # the retry is not due yet
    assert smtp_server.inbox.messages == []

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=5)):
        run_worker()
        run_worker()

    (message,) = smtp_server.inbox.messages
    assert sorted(message.rcpt_tos) == ["katarzyna.kopycka@example.org", "ztps6@example.org"]
    assert application.reference in message.content.decode()
    notification.refresh_from_db()
    assert notification.delivered_at is not None
    assert notification.attempts == 2
