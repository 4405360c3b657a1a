"""The database connection's options, the same for every settings module that uses PostgreSQL."""

from django.core.exceptions import ImproperlyConfigured

from . import environment

# psycopg's own default: a query is prepared on the server after it ran this many times on the
# connection.
DEFAULT_PREPARE_THRESHOLD = "5"


def with_options(database):
    """`database` (one entry of DATABASES) with the options of its engine."""
    if database["ENGINE"] == "django.db.backends.postgresql":
        database.setdefault("OPTIONS", {}).update(
            {**postgresql_options(), **unreachable_server_options()}
        )
    return database


def unreachable_server_options():
    """A database server that stops answering (a network cut that drops packets rather than
    refusing them) costs a request DATABASE_CONNECT_TIMEOUT seconds, and a connection in use
    about 10 s (idle: the keepalives, 4 + 2 × 3 s; with a query unanswered: the user timeout),
    under gunicorn's 30 s: the site then answers with its own 503 page (answers kept), and the
    task worker and the scheduler carry on. libpq's own parameters (the docs' "Parameter Key
    Words")."""
    return {
        "connect_timeout": int(environment.get("DATABASE_CONNECT_TIMEOUT", "5")),
        "keepalives": 1,
        "keepalives_idle": 4,
        "keepalives_interval": 2,
        "keepalives_count": 3,
        "tcp_user_timeout": 10_000,  # milliseconds
    }


def postgresql_options():
    """Parameters sent apart from the SQL (server-side binding), so that PostgreSQL keeps the
    plan of a query that a connection runs again and again: planning the editions of a
    programme page, with their places taken, took 1.5 ms of a 1.8 ms query; prepared, the
    query takes 0.3 ms (bench/profile.py; the docs' "prepared statements"). Every page and
    every application repeats the same few queries on a persistent connection.
    DATABASE_PREPARE_THRESHOLD=off turns it off for a pooler in transaction mode (PgBouncer
    without max_prepared_statements), which cannot keep a prepared statement per connection."""
    threshold = environment.get("DATABASE_PREPARE_THRESHOLD", DEFAULT_PREPARE_THRESHOLD).strip()
    if threshold.lower() in {"off", "none", ""}:
        return {"server_side_binding": True, "prepare_threshold": None}
    if not threshold.isdigit():
        raise ImproperlyConfigured(
            f"DATABASE_PREPARE_THRESHOLD must be a number of runs (0 or more) or `off`, "
            f"not {threshold!r}."
        )
    return {"server_side_binding": True, "prepare_threshold": int(threshold)}
