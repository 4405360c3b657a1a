"""The worker sends notifications one after another over one connection to the real mail server
on loopback, rather than greeting it again for each; a connection that the server dropped, or
that idled too long, is replaced without costing the notification an attempt; and a message is
never sent twice because its connection failed."""

import time

import pytest

from enrolment import mail_connection
from enrolment.models import Notification, NotificationKind
from enrolment.tasks import queue_delivery

from .admin_helpers import make_application
from .enrolment_helpers import run_queued_notifications
from .enrolment_world import an_edition
from .scripted_smtp import HoldingInbox, RefusingInbox
from .smtp_server import Inbox, LoopbackSMTPServer, free_loopback_port, mail_through

pytestmark = pytest.mark.django_db


class ConnectionsInbox(Inbox):
    """Keeps each accepted message with the connection it came over (the client's port)."""

    def __init__(self):
        super().__init__()
        self.connections = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.connections.append(session.peer)
        return await super().handle_DATA(server, session, envelope)


class RefusingConnectionsInbox(RefusingInbox, ConnectionsInbox):
    pass


class HoldsTheSecondInbox(HoldingInbox):
    """Accepts the first message; holds the second unanswered until `release()`, then drops it
    with a 421 (not taken); accepts any after it."""

    def __init__(self):
        super().__init__()
        self._let_through = 1

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        if self._let_through:
            self._let_through -= 1
            return await Inbox.handle_DATA(self, server, session, envelope)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def mail_server(settings):
    server = mail_through(LoopbackSMTPServer(free_loopback_port()), settings)
    server.inbox = ConnectionsInbox()
    server.start()
    yield server
    server.stop()


def queue_team_notifications(count):
    edition = an_edition()
    notifications = []
    for number in range(count):
        notification = Notification.objects.create(
            application=make_application(edition),
            kind=NotificationKind.TEAM,
            recipients=[f"zespol{number}@example.org"],
        )
        queue_delivery(notification)
        notifications.append(notification)
    return notifications


def delivered(notifications):
    for notification in notifications:
        notification.refresh_from_db()
    return [n for n in notifications if n.delivered_at and n.attempts == 1 and not n.last_error]


def test_notifications_sent_one_after_another_share_one_connection(mail_server):
    notifications = queue_team_notifications(5)

    assert run_queued_notifications() == 5

    assert delivered(notifications) == notifications
    assert len(mail_server.inbox.messages) == 5
    assert len(set(mail_server.inbox.connections)) == 1


def test_a_connection_the_mail_server_dropped_costs_no_attempt(settings):
    # A server that drops a connection idle for a second, as servers do after their own limit.
    server = mail_through(LoopbackSMTPServer(free_loopback_port(), timeout=1), settings)
    server.inbox = ConnectionsInbox()
    server.start()
    try:
        first = queue_team_notifications(1)
        run_queued_notifications()
        time.sleep(1.5)  # the worker still keeps the connection: it learns only when it asks
        second = queue_team_notifications(1)
        assert run_queued_notifications() == 1
    finally:
        server.stop()

    assert delivered(first + second) == first + second
    assert len(server.inbox.messages) == 2
    assert len(set(server.inbox.connections)) == 2


def test_a_message_whose_kept_connection_fails_is_recorded_not_sent_again(settings):
    # The server takes the first message, then goes silent after the second one's DATA: it may
    # have taken it, so the worker must not send it again at once, only record the attempt.
    server = mail_through(LoopbackSMTPServer(free_loopback_port()), settings)
    server.inbox = HoldsTheSecondInbox()
    server.start()
    try:
        first, second = queue_team_notifications(2)
        assert run_queued_notifications() == 2
    finally:
        server.inbox.release()
        server.stop()

    assert delivered([first]) == [first]
    second.refresh_from_db()
    assert second.delivered_at is None
    assert second.attempts == 1
    assert "timed out" in second.last_error
    assert second.failed_at is None  # retried later, with back-off
    assert len(server.inbox.messages) == 1


def test_a_refused_message_does_not_stop_the_next_one(settings):
    refusal = "550 5.1.1 Recipient address rejected"
    server = mail_through(LoopbackSMTPServer(free_loopback_port()), settings)
    server.inbox = RefusingConnectionsInbox(refusal)
    server.start()
    try:
        refused, accepted = queue_team_notifications(2)
        assert run_queued_notifications() == 2
    finally:
        server.stop()

    refused.refresh_from_db()
    assert refused.failed_at is not None
    assert refused.last_error == "SMTPRecipientsRefused 550"
    assert delivered([accepted]) == [accepted]
    # The refusal was the message's alone; its connection, closed after it, was replaced.
    assert len(server.inbox.messages) == 1


@pytest.mark.parametrize(
    ("limit", "value", "connections"),
    [
        # Any time at all between two messages is too long: each has a connection of its own.
        ("IDLE_SECONDS", 0, 5),
        ("MESSAGES_PER_CONNECTION", 2, 3),
    ],
    ids=["a connection left idle is not reused", "a connection carries a limited number"],
)
def test_a_connection_is_replaced_at_its_limits(
    mail_server, monkeypatch, limit, value, connections
):
    monkeypatch.setattr(mail_connection, limit, value)
    notifications = queue_team_notifications(5)

    assert run_queued_notifications() == 5

    assert delivered(notifications) == notifications
    assert len(set(mail_server.inbox.connections)) == connections
