"""The production environment filled in for loopback, and the run's own PostgreSQL database and
Redis database.

The benchmark speaks to gunicorn as the TLS proxy does in production: `X-Forwarded-Proto: https`
on every request (see HEADERS), so the production settings stay as they are, HTTPS redirect,
HSTS and secure cookies included; no switch turns them off.
"""

import os
import secrets
from urllib.parse import urlsplit, urlunsplit

import psycopg
import redis

from .processes import PROJECT

POSTGRES_SERVER = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)
REDIS_SERVER = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379")
# The Wagtail site of the demo is "localhost": pages are asked for, and purged, under that name.
HOST = "localhost"
HEADERS = {"Host": HOST, "X-Forwarded-Proto": "https"}
# Created and dropped by the benchmark and the scale-out proof; nothing else is ever dropped.
OWN_DATABASES = {"mops_bench", "mops_scale_out"}


def database_url(name, server=POSTGRES_SERVER):
    parts = urlsplit(server)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _server_connection(server):
    return psycopg.connect(database_url("postgres", server), autocommit=True)


def create_database(name, server=POSTGRES_SERVER):
    """A fresh database of the run's own (never the project's `mops` nor `test_mops`)."""
    if name not in OWN_DATABASES:
        raise ValueError(f"{name} is not one of the benchmark's own databases")
    with _server_connection(server) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(name, server=POSTGRES_SERVER):
    if name not in OWN_DATABASES:
        raise ValueError(f"{name} is not one of the benchmark's own databases")
    with _server_connection(server) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def redis_url(number):
    return f"{REDIS_SERVER}/{number}"


def flush_redis(number):
    client = redis.Redis.from_url(redis_url(number))
    try:
        client.flushdb()
    finally:
        client.close()


def production_environment(
    database,
    redis_number,
    static_root,
    media_root,
    smtp_port,
    postgres_server=POSTGRES_SERVER,
    **extra,
):
    """The variables of deploy/production.env.example, for loopback and this run only."""
    keep = {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "TZ"}
    env = {key: value for key, value in os.environ.items() if key in keep}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "PYTHONPATH": str(PROJECT),
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": f"{HOST},127.0.0.1",
            "WAGTAILADMIN_BASE_URL": f"http://{HOST}",
            "DATABASE_URL": database_url(database, postgres_server),
            "REDIS_URL": redis_url(redis_number),
            "DEFAULT_FROM_EMAIL": "MOPS <no-reply@example.org>",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "MEDIA_STORAGE": "local",
            "MEDIA_ROOT": str(media_root),
            "BENCH_STATIC_ROOT": str(static_root),
            # Every applicant of the benchmark comes from 127.0.0.1.
            "ENROLMENT_RATE_LIMIT": "100000/600",
        }
    )
    env.update(extra)
    return env
