"""The shared cache (Redis, through django-redis), the same for every settings module using it.

Redis down, slow or flushed must cost speed, never the site: a refused or timed-out command is
ignored (logged) as a cache miss, and every reader of the cache falls back to the database
(home.versioned_cache, enrolment.spam). The timeouts keep a Redis that hangs from holding a
worker: Redis beside the application answers in well under a millisecond, so a command that
takes half a second is given up; a page, with the few commands Wagtail and the site send
before they stop asking for a while, waits a second or two, not until gunicorn kills the worker.
"""

from . import environment

DEFAULT_SOCKET_TIMEOUT = "0.5"


def redis_cache(url):
    timeout = float(environment.get("REDIS_SOCKET_TIMEOUT", DEFAULT_SOCKET_TIMEOUT))
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": timeout,
                "SOCKET_TIMEOUT": timeout,
            },
        }
    }


# Each ignored failure is logged, with what failed: an operator sees the outage in the logs.
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
