"""On the cache that production configures (Redis, through django-redis), the enrolment forms'
rate limit counts each address's posts in its window, and the count ends with the window: it
never stays behind without an expiry, which would shut an address out for good."""

import time
import uuid

import pytest
from django.core.cache import cache, caches
from django.test import RequestFactory, override_settings

from enrolment.spam import is_rate_limited

from .redis_on_loopback import REDIS_ADDRESS, redis_answers

# Production's backend (site/settings/production.py). The benchmark and other runs may use the
# same server: this run's keys carry a prefix of their own, and only they are deleted.
REDIS_CACHE = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://{}:{}/11".format(*REDIS_ADDRESS),
        "KEY_PREFIX": f"tests-{uuid.uuid4().hex}",
    }
}

pytestmark = pytest.mark.skipif(not redis_answers(), reason="no Redis on 127.0.0.1:6379")


@pytest.fixture(autouse=True)
def redis_cache():
    with override_settings(CACHES=REDIS_CACHE):
        cache.delete_pattern("*")
        yield
        cache.delete_pattern("*")


def post_from(address):
    return is_rate_limited(RequestFactory().post("/", REMOTE_ADDR=address))


@override_settings(ENROLMENT_RATE_LIMIT=(3, 600))
def test_an_address_is_limited_after_its_posts_in_the_window_and_another_is_not():
    assert [post_from("198.51.100.7") for _ in range(4)] == [False, False, False, True]
    assert post_from("198.51.100.8") is False


@override_settings(ENROLMENT_RATE_LIMIT=(3, 600))
def test_the_count_is_kept_with_the_window_as_its_expiry():
    post_from("198.51.100.7")
    post_from("198.51.100.7")

    (key,) = cache.keys("enrolment-rate:*")
    assert cache.get(key) == 2
    assert 0 < cache.ttl(key) <= 600


@override_settings(ENROLMENT_RATE_LIMIT=(3, 600))
def test_a_count_that_expired_between_its_two_steps_starts_again_with_its_expiry(monkeypatch):
    # The count's first step (creating it) finds it there, and it is gone by the second.
    monkeypatch.setattr(caches["default"], "add", lambda *args, **kwargs: False)

    assert post_from("198.51.100.7") is False

    (key,) = cache.keys("enrolment-rate:*")
    assert cache.get(key) == 1
    assert 0 < cache.ttl(key) <= 600


@override_settings(ENROLMENT_RATE_LIMIT=(1, 2))
def test_the_limit_lifts_when_its_window_ends():
    assert [post_from("198.51.100.7") for _ in range(2)] == [False, True]

    time.sleep(2.2)

    assert post_from("198.51.100.7") is False
