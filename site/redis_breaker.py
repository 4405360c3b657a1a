"""A Redis server that hangs or is gone is given up on at once, for a few seconds, by the whole
process: a page waits for it once in that time, not once per command.

redis-py waits out the socket timeout (mops_site.settings.cache) on every command, and a page
sends several: Wagtail's site lookup, the versioned cache's version, the spam check's counter.
With a Redis that accepted connections and never answered, the first page waited four seconds
and every page after it one or two. Here, once a command fails for want of the server
(connection refused or reset, timed out), every connection of this process to that server
refuses at once, without touching the network, for UNREACHABLE_FOR seconds; the next command
after that tries the server again. The cache's IGNORE_EXCEPTIONS turns each refusal into a miss,
as it does the failures themselves.

The connections are redis-py's own, given to django-redis's pool through
CONNECTION_POOL_KWARGS; only the three calls that reach the server are wrapped.
"""

import threading
import time

import redis
from redis.connection import Connection, SSLConnection, UnixDomainSocketConnection

UNREACHABLE_FOR = 5.0
# What a server that is down, gone or hanging raises; a reply the server did send (an error
# answer, say) is not the server's absence and opens nothing.
_SERVER_MISSING = (redis.ConnectionError, redis.TimeoutError)

_open_until = {}  # server -> time.monotonic() until which it is given up on
_lock = threading.Lock()


def given_up_on(server):
    return time.monotonic() < _open_until.get(server, 0.0)


def give_up_on(server):
    with _lock:
        _open_until[server] = time.monotonic() + UNREACHABLE_FOR


class GivesUpOnAMissingServer:
    """Mixed into a redis-py connection class, in front of it."""

    def _server(self):
        """The server this connection reaches: its host and port, or its socket's path."""
        return tuple(getattr(self, name, None) for name in ("host", "port", "path"))

    def _refuse_while_given_up(self):
        if given_up_on(self._server()):
            raise redis.ConnectionError(
                "The cache server failed a moment ago; it is asked again in a few seconds."
            )

    def connect(self, *args, **kwargs):
        self._refuse_while_given_up()
        try:
            return super().connect(*args, **kwargs)
        except _SERVER_MISSING:
            give_up_on(self._server())
            raise

    def send_packed_command(self, *args, **kwargs):
        self._refuse_while_given_up()
        try:
            return super().send_packed_command(*args, **kwargs)
        except _SERVER_MISSING:
            give_up_on(self._server())
            raise

    def read_response(self, *args, **kwargs):
        try:
            return super().read_response(*args, **kwargs)
        except _SERVER_MISSING:
            give_up_on(self._server())
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
