"""Mail server behaviours for delivery tests, on the real loopback SMTP server of
tests/smtp_server.py: refusing recipients with a given reply, or holding a message unanswered
until the test lets it go."""

import asyncio
import threading

from .smtp_server import Inbox


class RefusingInbox(Inbox):
    """Answers RCPT with the next of `replies` ("550 …", "451 …") while any are left, then
    accepts as a plain inbox does."""

    def __init__(self, *replies):
        super().__init__()
        self.replies = list(replies)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if self.replies:
            return self.replies.pop(0)
        envelope.rcpt_tos.append(address)
        return "250 OK"


class HoldingInbox(Inbox):
    """Holds the first message after its DATA, without a reply, until `release()`; then drops it
    with a 421 (the sender never got a "250", so the message was not taken). Later messages are
    accepted at once."""

    def __init__(self):
        super().__init__()
        self.holding = threading.Event()
        self._released = threading.Event()
        self._held_one = False

    def release(self):
        self._released.set()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        if self._held_one:
            return await super().handle_DATA(server, session, envelope)
        self._held_one = True
        self.holding.set()
        while not self._released.is_set():
            await asyncio.sleep(0.05)
        return "421 4.3.0 Service shutting down, message not taken"
