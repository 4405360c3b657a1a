"""What the versioned cache keeps (home.versioned_cache) is read from the shared cache once per
process and then from the process's own copy, whoever kept it (this process or another), so that
a warm page costs one round trip for the version and nothing else; and a process's copies that
have expired make room before the live ones are dropped."""

from types import SimpleNamespace

import pytest
from django.core.cache import cache

from home import versioned_cache


@pytest.fixture
def reads_of_the_shared_cache(monkeypatch):
    """The keys read from the shared cache, in order."""
    read = []
    get = cache.get

    def noting(key, *args, **kwargs):
        read.append(key)
        return get(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get", noting)
    return read


def a_request():
    """A request as the cache sees it: it reads the version once and keeps it."""
    return SimpleNamespace(COOKIES={})


def kept_by_another_process(key, value):
    cache.set(versioned_cache._full_key(a_request(), key), value)


@pytest.mark.parametrize("read", [versioned_cache.peek, versioned_cache.cached])
def test_what_another_process_kept_is_read_from_the_shared_cache_once(
    read, reads_of_the_shared_cache
):
    key = ("kept-elsewhere", read.__name__)
    kept_by_another_process(key, ["the editions", 3])

    def load():
        raise AssertionError("read from the database although kept")

    args = (load,) if read is versioned_cache.cached else ()
    for _ in range(3):
        assert read(a_request(), key, *args) == ["the editions", 3]
    shared = [name for name in reads_of_the_shared_cache if name.endswith(":".join(key))]
    assert len(shared) == 1, reads_of_the_shared_cache


def test_expired_copies_make_room_before_live_ones_are_dropped(monkeypatch):
    monkeypatch.setattr(versioned_cache, "LOCAL_MAX_ENTRIES", 4)
    monkeypatch.setattr(versioned_cache, "LOCAL_TIMEOUT", 300)
    versioned_cache.cached(a_request(), ("live",), lambda: "live")
    monkeypatch.setattr(versioned_cache, "LOCAL_TIMEOUT", -1)  # kept already expired
    for minute in range(3):
        versioned_cache.cached(a_request(), ("minute", minute), lambda: "expired")
    monkeypatch.setattr(versioned_cache, "LOCAL_TIMEOUT", 300)

    versioned_cache.cached(a_request(), ("new",), lambda: "new")
    for key in [("live",), ("new",)]:  # only this process's copies are left to answer
        cache.delete(versioned_cache._full_key(a_request(), key))

    assert versioned_cache.peek(a_request(), ("live",)) == "live"
    assert versioned_cache.peek(a_request(), ("new",)) == "new"
