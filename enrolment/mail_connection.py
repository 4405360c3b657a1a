"""One connection to the mail server, kept open across the notifications a worker sends one
after another.

Opening a connection (TCP, the greeting, EHLO; in production STARTTLS and AUTH as well) costs
the worker and the mail server more than the message sent over it, and at an enrolment's opening
the worker sends a notification or two per applicant (bench/opening.py). So a connection is
reused while it is fresh: used within the last `IDLE_SECONDS`, for at most
`MESSAGES_PER_CONNECTION` messages (mail servers limit both). It is closed after any failure,
so a connection in an unknown state never carries the next message.

A kept connection can still have been dropped by the server since its last message (a restart,
its own idle limit). The message is then sent once more on a new connection: keeping the
connection open failed, not the delivery, so it costs no attempt. A connection that has just
been opened is never retried: its failure is the delivery's, recorded and retried as before
(enrolment.tasks).
"""

import contextlib
import smtplib
import threading
import time

from django.conf import settings
from django.core.mail import get_connection
from django.core.signals import setting_changed
from django.dispatch import receiver

IDLE_SECONDS = 30
MESSAGES_PER_CONNECTION = 100

# What a dropped connection raises on its next command: the server closed it ("Connection
# unexpectedly closed"), the socket is gone, or the server answers only to say it is closing
# ("421 … closing transmission channel", after which smtplib closes the connection itself).
_DROPPED = (smtplib.SMTPServerDisconnected, ConnectionResetError, BrokenPipeError)
_CLOSING = 421

# The settings a connection is made from: a connection made from others is not reused.
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
)


class KeptConnection:
    """A mail connection reused while it is fresh. One lock: a message at a time goes over it
    (the worker sends one at a time anyway; Django's SMTP backend locks as well)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._connection = None
        self._made_from = None
        self._last_used = 0.0
        self._sent = 0

    def send(self, message):
        """Send `message` (an EmailMessage) over the kept connection, or a new one."""
        with self._lock:
            reused = self._keep_or_open()
            try:
                self._send(message)
            except Exception as error:
                self._close()
                if not (reused and _dropped(error)):
                    raise
                self._keep_or_open()
                try:
                    self._send(message)
                except Exception:
                    self._close()
                    raise

    def close(self):
        with self._lock:
            self._close()

    def _keep_or_open(self):
        """Whether the kept connection will carry the message; if not, a new one is opened."""
        made_from = tuple(getattr(settings, name, None) for name in _MAIL_SETTINGS)
        fresh = (
            self._connection is not None
            and self._made_from == made_from
            and time.monotonic() - self._last_used < IDLE_SECONDS
            and self._sent < MESSAGES_PER_CONNECTION
        )
        if fresh:
            return True
        self._close()
        connection = get_connection()
        try:
            connection.open()
        except Exception:
            _close_quietly(connection)  # a greeting, STARTTLS or AUTH that failed half-way
            raise
        self._connection, self._made_from = connection, made_from
        self._last_used = time.monotonic()
        return False

    def _send(self, message):
        message.connection = self._connection
        message.send()
        self._sent += 1
        self._last_used = time.monotonic()

    def _close(self):
        connection, self._connection, self._sent = self._connection, None, 0
        if connection is not None:
            _close_quietly(connection)


def _close_quietly(connection):
    # QUIT on a connection given up anyway: its socket is closed all the same.
    with contextlib.suppress(smtplib.SMTPException, OSError):
        connection.close()


def _dropped(error):
    if isinstance(error, _DROPPED):
        return True
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code == _CLOSING


kept_connection = KeptConnection()


@receiver(setting_changed)
def _close_after_new_mail_settings(setting, **kwargs):
    """Tests point the mail settings at their own servers: the next message opens a connection
    to the new one rather than holding one to the old (which the settings' check alone would
    leave open until the next message)."""
    if setting in _MAIL_SETTINGS:
        kept_connection.close()
