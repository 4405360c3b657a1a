"""Django's cache for what every page shows, forgotten all at once when any of it changes.

Every key carries a version; `forget` changes it, so that the next request, on any application
server (the cache is Redis in production), reads everything afresh: nothing waits for a
timeout. It changes at once and again after the commit, so that a request that read the old
rows while the change was being saved cannot keep them under the new version. The timeout only
heals a change made without signals (a bulk update in a shell). home.site_wide_parts says what
is kept here and which changes call `forget`; home.templatetags.fragment_cache keeps rendered
HTML here too.

A request reads the version once (one round trip), whoever asks: a caller without the request
(home.cached_settings) gets the same version through `request_started`/`request_finished`.
Each process also keeps its own copy of what it read, pickled as the cache server keeps it and
unpickled on every read (each reader gets objects of its own, as from the server; a string or a
number, which no reader can change, is kept as it is): under the
same version it is the same value, so a warm page costs the version's round trip and nothing
else here. A copy lives at most LOCAL_TIMEOUT seconds, and all of them are dropped when the
version changes: a change made without signals heals within TIMEOUT + LOCAL_TIMEOUT.

Without the cache server (down, or too slow: the settings make its commands fail after half
a second, as misses; mops_site.settings.cache), nothing is kept: each read goes to the database.
How often the server is asked meanwhile is the cache connection's business: the settings give
up on it for a few seconds after two failures (mops_site.redis_breaker), so that a server that
hangs costs a process two commands' timeouts (about a second) once in that time. A `forget`
that could not reach the server is retried by this process as soon as it can, so that the
change is not hidden behind the entries kept before the outage.
"""

# Only what this process pickled itself is unpickled.
import logging
import pickle  # nosec B403
import threading
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.utils.safestring import SafeString

logger = logging.getLogger(__name__)

VERSION_KEY = "site-wide-parts:version"
TIMEOUT = 15 * 60
# How long a process keeps its own copy of an entry, and how many copies at most.
LOCAL_TIMEOUT = 5 * 60
LOCAL_MAX_ENTRIES = 2000
_MISSING = object()


def cached(request, key, load):
    """`load()`, kept under `key` (a tuple) until `forget` is called."""
    full_key = _full_key(request, key)
    if full_key is None:
        return load()
    value = _local_copy(full_key)
    if value is _MISSING:
        value = _shared_copy(full_key)
        if value is _MISSING:
            value = load()
            cache.set(full_key, value, TIMEOUT)
        _keep_local_copy(full_key, value)
    return value


def read_for_visitor(request, key, read):
    """`read()`, kept under `key` as `cached` keeps it for a visitor without a session, when it
    reads what only publishing, saving or moving a page changes (a live page's row, its form's
    questions); read afresh for anyone else (an editor sees the editing state too), and outside
    a request."""
    if not is_visitor(request):
        return read()
    return cached(request, key, read)


def version_for(request):
    """The version `cached` keeps entries under for `request`, or None while the cache server
    is out of reach (nothing may be kept then): for a module that keeps copies of its own."""
    version = _request_version(request)
    return None if version is UNAVAILABLE else version


def is_visitor(request):
    """Whether `request` comes from a reader without a session, for whom `read_for_visitor`
    keeps what it reads."""
    return request is not None and settings.SESSION_COOKIE_NAME not in request.COOKIES


def keep(request, key, value):
    """Keep `value` under `key` as `cached` would have."""
    full_key = _full_key(request, key)
    if full_key is None:
        return
    cache.set(full_key, value, TIMEOUT)
    _keep_local_copy(full_key, value)


def peek(request, key):
    """What `cached` keeps under `key`, or None: never loads (for pages shown while the database
    is unreachable)."""
    full_key = _full_key(request, key)
    if full_key is None:
        return None
    value = _local_copy(full_key)
    if value is _MISSING:
        value = _shared_copy(full_key)
        if value is not _MISSING:
            # As `cached` does: the next request of this process reads its own copy.
            _keep_local_copy(full_key, value)
    return None if value is _MISSING else value


# Objects that no longer unpickle: kept by a release whose classes have since changed.
_STALE = (pickle.UnpicklingError, AttributeError, ImportError, LookupError, TypeError, EOFError)


def _shared_copy(full_key):
    """The cache server's copy, or _MISSING. Models and pages are kept pickled: an entry kept
    by an older release of the code may name a class or field that is gone; it is read again
    from the database (a release also changes the version: `forget` after `migrate`)."""
    try:
        return cache.get(full_key, _MISSING)
    except _STALE:
        logger.warning("A cached entry of an older release was read afresh: %s", full_key)
        return _MISSING


# This process's copies ----------------------------------------------------------------------

_local = {"version": None, "entries": {}, "forget_pending": False}


# Values no reader can change, kept as they are: unpickling a copy of each (a page's kept HTML
# is most of what a warm page reads) would only cost time.
_IMMUTABLE = {str, SafeString, bytes, int, float, bool, type(None)}


def _local_copy(full_key):
    entry = _local["entries"].get(full_key)
    if entry is None or entry[0] < time.monotonic():
        return _MISSING
    _expires, kept, pickled = entry
    return pickle.loads(kept) if pickled else kept  # noqa: S301  # nosec B301


def _keep_local_copy(full_key, value):
    entries = _local["entries"]
    if len(entries) >= LOCAL_MAX_ENTRIES:
        # The expired copies go first (a programme page's HTML is named by the minute while it
        # shows places left); all of them only if the live ones alone fill the room.
        now = time.monotonic()
        for expired in [key for key, entry in entries.items() if entry[0] < now]:
            del entries[expired]
        if len(entries) >= LOCAL_MAX_ENTRIES:
            entries.clear()
    expires = time.monotonic() + LOCAL_TIMEOUT
    if type(value) in _IMMUTABLE:
        entries[full_key] = (expires, value, False)
    else:
        entries[full_key] = (expires, pickle.dumps(value, pickle.HIGHEST_PROTOCOL), True)


def forget_this_process():
    """Drop this process's copies, and its note of a `forget` still to send: for tests, between
    which cache servers come and go."""
    _local.update(version=None, entries={}, forget_pending=False)


def _drop_local_copies_unless(version):
    if _local["version"] != version:
        _local["entries"] = {}
        _local["version"] = version


def _full_key(request, key):
    """The key under the version of the request, or None while the cache server is out."""
    version = _request_version(request)
    if version is UNAVAILABLE:
        return None
    return ":".join(["site-wide-parts", version, *map(str, key)])


def forget(**kwargs):
    """Everything kept by `cached` is read afresh by the next request; again after the commit."""
    _new_version()
    transaction.on_commit(_new_version)


def _new_version():
    new_version = uuid.uuid4().hex
    cache.set(VERSION_KEY, new_version, timeout=None)
    # Read back: a command the cache server did not get fails silently (as a miss;
    # mops_site.settings.cache). Another process's newer version is retried too, harmlessly.
    _local["forget_pending"] = cache.get(VERSION_KEY) != new_version
    if _local["forget_pending"]:
        logger.error("The cache server is out of reach: the change is shown once it is back.")
    # A caller without the request, later in this request, reads the new version.
    _this_request.version = None


# The version while the cache server is out of reach: nothing is kept, nothing is read.
UNAVAILABLE = object()


def _version():
    version = cache.get(VERSION_KEY)
    if version is None:
        # No version yet (a new or flushed server), or no server: django-redis answers an
        # `add` it could not send with None, where a server answers True or False.
        if cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None) is None:
            return UNAVAILABLE
        version = cache.get(VERSION_KEY)
        if version is None:
            return UNAVAILABLE
    if _local["forget_pending"]:
        # Reached again after a `forget` that could not be sent: send it now.
        _new_version()
        version = cache.get(VERSION_KEY)
        if version is None:
            return UNAVAILABLE
    _drop_local_copies_unless(version)
    return version


# The version read by this thread's request in progress (None: read it; outside a request,
# `serving` is False and every call reads it).
_this_request = threading.local()


def _request_version(request):
    """The version read once per request, so that one page is built from one version."""
    version = getattr(request, "_site_wide_parts_version", None)
    if version is None:
        version = _version_of_this_request()
        if request is not None:
            request._site_wide_parts_version = version
    return version


def _version_of_this_request():
    if not getattr(_this_request, "serving", False):
        return _version()
    if getattr(_this_request, "version", None) is None:
        _this_request.version = _version()
    return _this_request.version


def _request_begins(**kwargs):
    _this_request.serving = True
    _this_request.version = None


def _request_ends(**kwargs):
    _this_request.serving = False
    _this_request.version = None


def connect_request_signals():
    request_started.connect(_request_begins, dispatch_uid="versioned-cache-request-started")
    request_finished.connect(_request_ends, dispatch_uid="versioned-cache-request-finished")
