"""The shared cache (Redis, through django-redis), the same for every settings module using it.

Redis down, slow or flushed must cost speed, never the site: a refused or timed-out command is
ignored (logged) as a cache miss, and every reader of the cache falls back to the database
(home.versioned_cache, enrolment.spam). The timeouts keep a Redis that hangs from holding a
worker: Redis beside the application answers in well under a millisecond, so a command that
takes half a second is given up. After one command fails for want of the server, the process
stops asking it for a few seconds (mops_site.redis_breaker): a page waits half a second once in
that time, not once per command, and never until gunicorn kills the worker.
"""

from ..redis_breaker import connection_class_for
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
                "CONNECTION_POOL_KWARGS": {"connection_class": connection_class_for(url)},
            },
        }
    }


# Each ignored failure is logged, with what failed: an operator sees the outage in the logs.
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
