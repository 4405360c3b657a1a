"""One connection to the mail server, kept open across the notifications a worker sends one
after another.

Opening a connection (TCP, the greeting, EHLO; in production STARTTLS and AUTH as well) costs
the worker and the mail server more than the message sent over it, and at an enrolment's opening
the worker sends a notification or two per applicant (bench/opening.py). So a connection is
reused while it is fresh: used within the last `IDLE_SECONDS`, for at most
`MESSAGES_PER_CONNECTION` messages (mail servers limit both).

A kept connection may have been dropped by the server since its last message (a restart, its
own idle limit). It is asked first (SMTP's NOOP, one round trip) and replaced if it does not
answer. The message itself is sent once, as on a new connection: a failure while sending it is
the delivery's, recorded and retried by enrolment.tasks, never sent again here (the server may
have taken it before the failure). The connection is closed after any failure, so one in an
unknown state never carries the next message.
"""

import contextlib
import smtplib
import threading
import time

from django.core.mail import get_connection
from django.core.signals import setting_changed
from django.dispatch import receiver

IDLE_SECONDS = 30
MESSAGES_PER_CONNECTION = 100

# The settings a connection is made from: when one changes, the kept connection is closed.
_MAIL_SETTINGS = (
    "EMAIL_BACKEND",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "EMAIL_USE_SSL",
    "EMAIL_SSL_CERTFILE",
    "EMAIL_SSL_KEYFILE",
    "EMAIL_TIMEOUT",
    "EMAIL_FILE_PATH",
)


class KeptConnection:
    """A mail connection reused while it is fresh. One lock: a message at a time goes over it
    (the worker sends one at a time anyway; Django's SMTP backend locks as well)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._connection = None
        self._last_used = 0.0
        self._sent = 0

    def send(self, message):
        """Send `message` (an EmailMessage) once, over the kept connection or a new one."""
        with self._lock:
            self._keep_or_open()
            message.connection = self._connection
            try:
                message.send()
            except BaseException:
                self._close(say_goodbye=False)
                raise
            self._sent += 1
            self._last_used = time.monotonic()
            if _smtp(self._connection) is None:
                # Development's file backend writes everything one connection sends into one
                # file: a message a file, as before, is easier to read.
                self._close()

    def close(self):
        with self._lock:
            self._close()

    def _keep_or_open(self):
        if self._connection is not None:
            if time.monotonic() - self._last_used >= IDLE_SECONDS:
                # The server may have forgotten it without a word (a firewall's idle limit):
                # a goodbye could wait for EMAIL_TIMEOUT.
                self._close(say_goodbye=False)
            elif self._sent >= MESSAGES_PER_CONNECTION:
                self._close()
            elif _answers(self._connection):
                return
            else:
                self._close(say_goodbye=False)
        connection = get_connection()
        try:
            connection.open()
        except BaseException:
            _close(connection, say_goodbye=False)  # a greeting, STARTTLS or AUTH failed half-way
            raise
        self._connection = connection
        self._last_used = time.monotonic()

    def _close(self, say_goodbye=True):
        connection, self._connection, self._sent = self._connection, None, 0
        if connection is not None:
            _close(connection, say_goodbye)


def _smtp(connection):
    """The smtplib client of Django's SMTP backend; other backends (the tests' in-memory one,
    development's files) keep no connection."""
    return getattr(connection, "connection", None)


def _answers(connection):
    """Whether a kept connection (always an SMTP one: others are closed after each message)
    still answers."""
    try:
        code, _reply = _smtp(connection).noop()
    except (smtplib.SMTPException, OSError):
        return False
    return code == 250


def _close(connection, say_goodbye):
    """Close `connection`, with SMTP's QUIT only if it is known to be alive; its socket is
    closed either way."""
    smtp = _smtp(connection)
    if smtp is not None and not say_goodbye:
        smtp.close()  # the socket, without a word; Django's close() then finds it disconnected
    with contextlib.suppress(smtplib.SMTPException, OSError):
        connection.close()


kept_connection = KeptConnection()


@receiver(setting_changed)
def _close_after_new_mail_settings(setting, **kwargs):
    """Tests point the mail settings at their own servers: the next message opens a connection
    to the new one rather than going on with one to the old. (Production's settings never
    change while a process runs.)"""
    if setting in _MAIL_SETTINGS:
        kept_connection.close()
