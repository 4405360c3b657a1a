"""A real SMTP server on loopback for tests that prove delivery or failure."""

import contextlib
import socket

from aiosmtpd.controller import Controller


class Inbox:
    """aiosmtpd handler that keeps every message it accepts."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append(envelope)
        return "250 Message accepted for delivery"


def free_loopback_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LoopbackSMTPServer:
    """`options` go to aiosmtpd's SMTP server: `timeout=1` drops a connection idle for 1 s."""

    def __init__(self, port, **options):
        self.port = port
        self.inbox = Inbox()
        self.options = options
        self._controller = None

    def start(self):
        self._controller = Controller(
            self.inbox, hostname="127.0.0.1", port=self.port, **self.options
        )
        self._controller.start()

    def stop(self):
        if self._controller:
            self._controller.stop()
            self._controller = None


def mail_through(server, settings):
    """Point Django's mail settings (pytest-django's `settings`) at `server`, not yet started."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 3
    return server


@contextlib.contextmanager
def loopback_mail_server(settings):
    """A started server on a free loopback port that Django sends through, stopped at the end."""
    server = mail_through(LoopbackSMTPServer(free_loopback_port()), settings)
    server.start()
    try:
        yield server
    finally:
        server.stop()
