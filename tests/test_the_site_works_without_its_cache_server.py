"""Redis out of reach (stopped, or hanging without an answer) costs speed, never the site:
pages are read from the database, an applicant's form is sent and stored, and an editor's change
made during the outage shows as soon as Redis is back (not only when the entries kept before it
expire). Production's cache settings (mops_site.settings.cache) against real sockets."""

import contextlib
import signal
import socket
import threading
import time
import uuid

import pytest
from django.core.cache import cache
from django.test import override_settings

from enrolment.models import Application
from home.versioned_cache import cached, forget
from mops_site import redis_breaker
from mops_site.settings.cache import redis_cache

from .enrolment_helpers import submit, valid_answers
from .factories import SmallSite
from .redis_on_loopback import REDIS_ADDRESS, redis_answers
from .smtp_server import free_loopback_port

pytestmark = pytest.mark.django_db


def cache_at(address, prefix):
    caches = redis_cache("redis://{}:{}/11".format(*address))
    caches["default"]["KEY_PREFIX"] = prefix
    return caches


class SilentRedis:
    """A server that accepts connections and never answers: a Redis that hangs. `accepted`
    holds the connections made to it (redis-py drops one whose command timed out)."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.address = self.listener.getsockname()
        self.accepted = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        with contextlib.suppress(OSError):
            while True:
                self.accepted.append(self.listener.accept()[0])

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.listener.close()
        for connection in self.accepted:
            connection.close()


class Hung(Exception):
    pass


def within(seconds, action):
    """`action()`'s result, failing the test if it does not come within `seconds` (an alarm in
    this thread: the test database cannot be shared with another one)."""

    def give_up(signum, frame):
        raise Hung(f"No answer within {seconds} s: the request hangs on the cache.")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(seconds)
    try:
        return action()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(params=["stopped", "hanging"])
def redis_out_of_reach(request):
    prefix = f"tests-{uuid.uuid4().hex}"
    with contextlib.ExitStack() as stack:
        if request.param == "stopped":
            address = ("127.0.0.1", free_loopback_port())  # nothing listens there
        else:
            address = stack.enter_context(SilentRedis()).address
        stack.enter_context(override_settings(CACHES=cache_at(address, prefix)))
        yield


def test_pages_and_the_form_work_while_redis_is_out_of_reach(client, redis_out_of_reach):
    site = SmallSite.build()
    answers = valid_answers(site.form, site.edition, applicant_name="Halina Bez Pamięci")

    # Each within a few seconds: a Redis that hangs costs a process two commands' timeouts (about
    # a second) now and then (mops_site.redis_breaker), not on every read of every request.
    for page in (site.home, site.programme, site.form):
        response = within(5, lambda page=page: client.get(page.url))
        assert response.status_code == 200, page
    response = within(10, lambda: submit(client, site.form, answers))

    assert response.status_code == 302
    assert Application.objects.get().form_data["applicant_name"] == "Halina Bez Pamięci"


@pytest.fixture
def hanging_redis():
    prefix = f"tests-{uuid.uuid4().hex}"
    with contextlib.ExitStack() as stack:
        server = stack.enter_context(SilentRedis())
        stack.enter_context(override_settings(CACHES=cache_at(server.address, prefix)))
        yield server


def test_a_hanging_redis_is_waited_for_once_not_on_every_command(
    client, hanging_redis, monkeypatch
):
    # Longer than the test: every command after the first failed one is refused at once.
    monkeypatch.setattr(redis_breaker, "UNREACHABLE_FOR", 600)
    site = SmallSite.build()
    answers = valid_answers(site.form, site.edition, applicant_name="Irena Bez Czekania")

    for page in (site.home, site.programme, site.form, site.home):
        assert client.get(page.url).status_code == 200, page
    assert submit(client, site.form, answers).status_code == 302

    # The first commands reached the server and waited out their timeout; nothing after them.
    assert len(hanging_redis.accepted) == redis_breaker.FAILURES_TO_GIVE_UP
    assert Application.objects.get().form_data["applicant_name"] == "Irena Bez Czekania"


def test_a_hanging_redis_is_asked_again_a_few_seconds_later(client, hanging_redis, monkeypatch):
    monkeypatch.setattr(redis_breaker, "UNREACHABLE_FOR", 0.2)
    site = SmallSite.build()
    assert client.get(site.home.url).status_code == 200
    asked = len(hanging_redis.accepted)
    time.sleep(0.3)

    assert client.get(site.home.url).status_code == 200
    assert len(hanging_redis.accepted) > asked


SERVER = ("127.0.0.1", 6390, None)


def test_one_slow_answer_gives_nothing_up_two_failures_in_a_row_do():
    redis_breaker.failed(SERVER)
    redis_breaker.admit(SERVER)  # still asked
    redis_breaker.answered(SERVER)
    redis_breaker.failed(SERVER)
    redis_breaker.admit(SERVER)  # the answer in between started the count again

    redis_breaker.failed(SERVER)
    with pytest.raises(redis_breaker.GivenUp):
        redis_breaker.admit(SERVER)


def test_when_the_pause_is_over_one_command_tries_the_server_the_others_still_wait(
    monkeypatch,
):
    monkeypatch.setattr(redis_breaker, "UNREACHABLE_FOR", 0.1)
    for _ in range(redis_breaker.FAILURES_TO_GIVE_UP):
        redis_breaker.failed(SERVER)
    time.sleep(0.15)

    redis_breaker.admit(SERVER)  # the trial
    with pytest.raises(redis_breaker.GivenUp):
        redis_breaker.admit(SERVER)  # another thread, meanwhile
    redis_breaker.failed(SERVER)  # the trial failed: given up on again at once
    time.sleep(0.15)
    redis_breaker.admit(SERVER)
    redis_breaker.answered(SERVER)  # this one was answered: everyone asks again
    redis_breaker.admit(SERVER)
    redis_breaker.admit(SERVER)


@pytest.mark.skipif(not redis_answers(), reason="no Redis on 127.0.0.1:6379")
def test_a_change_made_while_redis_was_out_shows_once_it_is_back():
    prefix = f"tests-{uuid.uuid4().hex}"
    working, stopped = REDIS_ADDRESS, ("127.0.0.1", free_loopback_port())
    try:
        with override_settings(CACHES=cache_at(working, prefix)):
            assert cached(None, ("title",), lambda: "Program") == "Program"

        with override_settings(CACHES=cache_at(stopped, prefix)):
            forget()  # what an editor's publishing does (home.site_wide_parts)

        with override_settings(CACHES=cache_at(working, prefix)):
            assert cached(None, ("title",), lambda: "Program po zmianie") == "Program po zmianie"
    finally:
        with override_settings(CACHES=cache_at(working, prefix)):
            cache.delete_pattern("*")
