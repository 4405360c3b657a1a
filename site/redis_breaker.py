"""A Redis server that hangs or is gone is given up on, for a few seconds, by the whole process:
a page waits for it about once in that time, not once per command.

redis-py waits out the socket timeout (mops_site.settings.cache) on every command, and a page
sends several: Wagtail's site lookup, the versioned cache's version, the spam check's counter.
With a Redis that accepted connections and never answered, the first page waited four seconds
and every page after it one or two. Here, once FAILURES_TO_GIVE_UP commands in a row fail for
want of the server (connection refused or reset, timed out), every connection of this process
to that server refuses at once, without touching the network, for UNREACHABLE_FOR seconds; a
single stall of a working server (one command slower than the timeout) gives nothing up. When
the time is over, one command tries the server while the others are still refused: if it is
answered, everything is sent again; if not, the server is given up on for another while. The
cache's IGNORE_EXCEPTIONS turns each refusal into a miss, as it does the failures themselves.

The connections are redis-py's own, given to django-redis's pool through
CONNECTION_POOL_KWARGS; only the three calls that reach the server are wrapped.
"""

import threading
import time
from dataclasses import dataclass

import redis
from redis.connection import Connection, SSLConnection, UnixDomainSocketConnection

UNREACHABLE_FOR = 5.0
FAILURES_TO_GIVE_UP = 2
# What a server that is down, gone or hanging raises; a reply the server did send (an error
# answer, say) is not the server's absence and counts for nothing.
_SERVER_MISSING = (redis.ConnectionError, redis.TimeoutError)


class GivenUp(redis.ConnectionError):
    """Refused here, without asking the server: it failed a moment ago."""


@dataclass
class _ServerState:
    failures_in_a_row: int = 0
    given_up_until: float = 0.0  # 0: asked as usual


_states = {}  # server -> _ServerState
_lock = threading.Lock()


def admit(server):
    """Raise GivenUp while `server` is given up on. Once its time is over, the first caller is
    let through to try it, and the time is pushed on for every other caller meanwhile."""
    with _lock:
        state = _states.setdefault(server, _ServerState())
        if not state.given_up_until:
            return
        now = time.monotonic()
        if now < state.given_up_until:
            raise GivenUp("The cache server failed a moment ago; it is asked again shortly.")
        state.given_up_until = now + UNREACHABLE_FOR  # this caller tries it


def answered(server):
    with _lock:
        state = _states.get(server)
        if state is not None:
            state.failures_in_a_row = 0
            state.given_up_until = 0.0


def failed(server):
    with _lock:
        state = _states.setdefault(server, _ServerState())
        state.failures_in_a_row += 1
        # A server already given up on (this was its trial) is given up on again at once.
        if state.given_up_until or state.failures_in_a_row >= FAILURES_TO_GIVE_UP:
            state.given_up_until = time.monotonic() + UNREACHABLE_FOR


def forget_every_server():
    """Ask every server again at once (for tests, whose servers come and go)."""
    with _lock:
        _states.clear()


class GivesUpOnAMissingServer:
    """Mixed into a redis-py connection class, in front of it."""

    def _server(self):
        """The server this connection reaches: its host and port, or its socket's path."""
        return tuple(getattr(self, name, None) for name in ("host", "port", "path"))

    def connect(self, *args, **kwargs):
        admit(self._server())
        return self._reaching_the_server(super().connect, *args, **kwargs)

    def send_packed_command(self, *args, **kwargs):
        admit(self._server())
        return self._reaching_the_server(super().send_packed_command, *args, **kwargs)

    def read_response(self, *args, **kwargs):
        try:
            response = self._reaching_the_server(super().read_response, *args, **kwargs)
        except redis.ResponseError:
            answered(self._server())  # an error answer is an answer
            raise
        answered(self._server())
        return response

    def _reaching_the_server(self, call, *args, **kwargs):
        try:
            return call(*args, **kwargs)
        except GivenUp:
            raise  # refused here (by a call nested in this one): no new failure of the server
        except _SERVER_MISSING as error:
            # Counted once, by the innermost call (connecting reads the handshake's answers).
            if not getattr(error, "counted_by_breaker", False):
                error.counted_by_breaker = True
                failed(self._server())
            raise


class TcpConnection(GivesUpOnAMissingServer, Connection):
    pass


class TlsConnection(GivesUpOnAMissingServer, SSLConnection):
    pass


class UnixSocketConnection(GivesUpOnAMissingServer, UnixDomainSocketConnection):
    pass


def connection_class_for(url):
    """The class for REDIS_URL's scheme, as redis-py would choose it (redis://, rediss://,
    unix://), with the giving up added."""
    scheme = url.partition("://")[0].lower()
    return {"rediss": TlsConnection, "unix": UnixSocketConnection}.get(scheme, TcpConnection)
