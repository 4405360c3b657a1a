"""Django's cache for what every page shows, forgotten all at once when any of it changes.

Every key carries a version; `forget` changes it, so that the next request, on any application
server (the cache is Redis in production), reads everything afresh: nothing waits for a
timeout. It changes at once and again after the commit, so that a request that read the old
rows while the change was being saved cannot keep them under the new version. The timeout only
heals a change made without signals (a bulk update in a shell). home.site_wide_parts says what
is kept here and which changes call `forget`; home.templatetags.fragment_cache keeps rendered
HTML here too.
"""

import uuid

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "site-wide-parts:version"
TIMEOUT = 15 * 60
_MISSING = object()


def cached(request, key, load):
    """`load()`, kept under `key` (a tuple) until `forget` is called."""
    full_key = _full_key(request, key)
    value = cache.get(full_key, _MISSING)
    if value is _MISSING:
        value = load()
        cache.set(full_key, value, TIMEOUT)
    return value


def keep(request, key, value):
    """Keep `value` under `key` as `cached` would have."""
    cache.set(_full_key(request, key), value, TIMEOUT)


def peek(request, key):
    """What `cached` keeps under `key`, or None: never loads (for pages shown while the database
    is unreachable)."""
    return cache.get(_full_key(request, key))


def _full_key(request, key):
    return ":".join(["site-wide-parts", _request_version(request), *map(str, key)])


def forget(**kwargs):
    """Everything kept by `cached` is read afresh by the next request; again after the commit."""
    _new_version()
    transaction.on_commit(_new_version)


def _new_version():
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def _version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def _request_version(request):
    """The version read once per request, so that one page is built from one version."""
    if request is None:
        return _version()
    version = getattr(request, "_site_wide_parts_version", None)
    if version is None:
        version = request._site_wide_parts_version = _version()
    return version
