"""A real mail server on loopback refuses or fails: a permanent refusal (5xx) or an address that
cannot be one marks the notification failed at once; a temporary one (4xx, a lost server, any
exception while building the message) is recorded and retried with back-off, until the attempts
run out. Nothing crashes the delivery and no recorded error carries an address."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from enrolment import tasks
from enrolment.models import FailureReason, Notification, NotificationKind
from enrolment.tasks import queue_delivery
from programmes.models import Person, Team

from .admin_helpers import make_application
from .builders import make_person, make_team
from .enrolment_helpers import run_queued_notifications
from .enrolment_world import an_edition
from .scripted_smtp import RefusingInbox
from .smtp_server import LoopbackSMTPServer, free_loopback_port

pytestmark = pytest.mark.django_db

TEAM_ADDRESSES = ["zespol@example.org", "osoba@example.org"]


@pytest.fixture
def mail_settings(settings):
    port = free_loopback_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 3
    return settings


def mail_server(mail_settings, inbox):
    server = LoopbackSMTPServer(mail_settings.EMAIL_PORT)
    server.inbox = inbox
    server.start()
    return server


@pytest.fixture
def team_notification():
    application = make_application(an_edition())
    notification = Notification.objects.create(
        application=application, kind=NotificationKind.TEAM, recipients=TEAM_ADDRESSES
    )
    queue_delivery(notification)
    return notification


def queued_tasks():
    return DBTaskResult.objects.filter(backend_name="notifications", status=TaskResultStatus.READY)


@pytest.mark.parametrize(
    "reply", ["550 5.1.1 <zespol@example.org>: Recipient address rejected", "554 5.7.1 No"]
)
def test_a_permanent_refusal_marks_the_notification_failed_after_one_attempt(
    mail_settings, team_notification, reply
):
    server = mail_server(mail_settings, RefusingInbox(reply, reply))
    try:
        run_queued_notifications()
    finally:
        server.stop()

    team_notification.refresh_from_db()
    assert team_notification.attempts == 1
    assert team_notification.failed_at is not None
    assert team_notification.failure_reason == FailureReason.REFUSED
    assert team_notification.last_error == f"SMTPRecipientsRefused {reply[:3]}"
    assert "@" not in team_notification.last_error
    assert not queued_tasks().exists()
    assert server.inbox.messages == []
    assert Notification.objects.failed().get() == team_notification
    # Still "to be sent" for the dashboard and the filters, but no longer waiting.
    assert Notification.objects.undelivered().filter(pk=team_notification.pk).exists()
    assert not Notification.objects.waiting().filter(pk=team_notification.pk).exists()


def test_a_temporary_refusal_is_retried_a_minute_later_and_then_delivered(
    mail_settings, team_notification
):
    temporary = "451 4.3.0 Try again later"
    server = mail_server(mail_settings, RefusingInbox(temporary, temporary))
    try:
        run_queued_notifications()
        team_notification.refresh_from_db()
        assert team_notification.attempts == 1
        assert team_notification.failed_at is None
        assert team_notification.last_error == "SMTPRecipientsRefused 451"
        retry = queued_tasks().get()
        assert str(retry.pk) == str(team_notification.task_id)
        assert retry.run_after - timezone.now() <= datetime.timedelta(minutes=1)
        assert run_queued_notifications() == 0  # not due yet

        with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
            assert run_queued_notifications() == 1
    finally:
        server.stop()

    team_notification.refresh_from_db()
    assert team_notification.delivered_at is not None
    assert team_notification.attempts == 2
    (message,) = server.inbox.messages
    assert sorted(message.rcpt_tos) == sorted(TEAM_ADDRESSES)


@pytest.mark.parametrize(
    "address",
    [
        "koordynator@example.org\nBcc: ktos@example.net",
        "koordy\r\nnator@example.org",
        "a@example.org, b@example.org",
        "a@example.org;b@example.org",
        "Anna <a@example.org>",
        "nie-adres",
    ],
)
def test_an_address_that_is_not_exactly_one_is_refused_when_stored(address):
    person = make_person()
    person.email = address
    with pytest.raises(ValidationError) as raised:
        person.full_clean()
    assert "email" in raised.value.message_dict
    with pytest.raises(ValidationError):
        person.save()
    person.refresh_from_db()
    assert person.email == f"coordinator{person.team.number}@example.org"

    team = make_team()
    team.email = address
    with pytest.raises(ValidationError):
        team.save()


def test_an_address_is_stored_trimmed_with_its_domain_in_lower_case():
    team = make_team(email="  Zespol.Siodmy@MOPS.Example.ORG ")
    assert Team.objects.get(pk=team.pk).email == "Zespol.Siodmy@mops.example.org"
    person = make_person(team=team, email="Anna.Nowak@Example.org")
    assert Person.objects.get(pk=person.pk).email == "Anna.Nowak@example.org"


def test_an_invalid_address_stored_before_validation_fails_the_notification_without_a_crash(
    mail_settings,
):
    application = make_application(
        an_edition(),
        form_data={"applicant_name": "Jan", "email": "jan@example.org\nBcc: obcy@example.net"},
    )
    team = Notification.objects.create(
        application=application,
        kind=NotificationKind.TEAM,
        recipients=["zespol@example.org\nBcc: obcy@example.net"],
    )
    applicant = Notification.objects.create(
        application=application, kind=NotificationKind.APPLICANT
    )
    queue_delivery(team)
    queue_delivery(applicant)
    server = mail_server(mail_settings, RefusingInbox())
    try:
        assert run_queued_notifications() == 2
    finally:
        server.stop()

    for notification in (team, applicant):
        notification.refresh_from_db()
        assert notification.failure_reason == FailureReason.INVALID_ADDRESS
        assert notification.failed_at is not None
        assert notification.last_error == "InvalidRecipient"
    assert server.inbox.messages == []
    assert not queued_tasks().exists()
    # The tasks themselves ended normally: the failure is the notification's, not the worker's.
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).exists()


def test_any_exception_while_building_the_message_is_recorded_and_retried(
    mail_settings, team_notification, monkeypatch
):
    def broken_build_message(notification):
        raise KeyError("programme_title")

    monkeypatch.setattr(tasks, "build_message", broken_build_message)
    run_queued_notifications()

    team_notification.refresh_from_db()
    assert team_notification.attempts == 1
    assert team_notification.failed_at is None
    assert team_notification.last_error == "KeyError: 'programme_title'"
    assert str(queued_tasks().get().pk) == str(team_notification.task_id)

    monkeypatch.undo()
    server = mail_server(mail_settings, RefusingInbox())
    try:
        with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
            assert run_queued_notifications() == 1
    finally:
        server.stop()
    team_notification.refresh_from_db()
    assert team_notification.delivered_at is not None
    assert len(server.inbox.messages) == 1


def test_a_notification_is_marked_failed_when_its_attempts_run_out(
    mail_settings, team_notification
):
    mail_settings.NOTIFICATION_MAX_ATTEMPTS = 3
    # Nothing listens on the mail server's port: every attempt fails for a temporary reason.
    moment = timezone.now()
    for _attempt in range(3):
        with time_machine.travel(moment):
            assert run_queued_notifications() == 1
        moment += datetime.timedelta(hours=1)

    team_notification.refresh_from_db()
    assert team_notification.attempts == 3
    assert team_notification.failure_reason == FailureReason.TOO_MANY_ATTEMPTS
    assert "Connection" in team_notification.last_error or "refused" in (
        team_notification.last_error.lower()
    )
    assert not queued_tasks().exists()


def test_retries_wait_one_two_four_minutes_and_at_most_an_hour():
    delays = [tasks.retry_delay(attempts) for attempts in (1, 2, 3, 7, 8, 30, 1000)]
    minutes = [delay.total_seconds() / 60 for delay in delays]
    assert minutes == [1, 2, 4, 60, 60, 60, 60]


def test_a_notification_whose_every_attempt_died_unfinished_is_given_up_for_a_coordinator(
    settings, team_notification, mailoutbox
):
    # Each attempt was claimed, then the worker was killed while sending it (recovery took the
    # task back each time): the attempts are used up without one outcome recorded.
    Notification.objects.filter(pk=team_notification.pk).update(
        attempts=settings.NOTIFICATION_MAX_ATTEMPTS
    )

    run_queued_notifications()

    team_notification.refresh_from_db()
    assert team_notification.failed_at is not None  # in the failed list, to be sent again
    assert team_notification.failure_reason == FailureReason.TOO_MANY_ATTEMPTS
    assert team_notification.attempts == settings.NOTIFICATION_MAX_ATTEMPTS
    assert mailoutbox == []
