"""On PostgreSQL a connection keeps the plan of a query it runs again and again (server-side
binding and psycopg's prepared statements; mops_site.settings.database), unless the operator
turns it off for a connection pooler; a mistyped setting stops start-up with a clear message."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from wagtail.models import Page

from mops_site.settings import database

POSTGRESQL = "django.db.backends.postgresql"


def postgresql():
    return {"ENGINE": POSTGRESQL, "NAME": "mops"}


def test_postgresql_prepares_a_query_after_five_runs_by_default(monkeypatch):
    monkeypatch.delenv("DATABASE_PREPARE_THRESHOLD", raising=False)
    options = database.with_options(postgresql())["OPTIONS"]
    assert options.items() >= {"server_side_binding": True, "prepare_threshold": 5}.items()


def test_off_keeps_no_plan_for_a_pooler_in_transaction_mode(monkeypatch):
    monkeypatch.setenv("DATABASE_PREPARE_THRESHOLD", "off")
    assert database.with_options(postgresql())["OPTIONS"]["prepare_threshold"] is None


def test_a_mistyped_threshold_stops_start_up_naming_the_variable(monkeypatch):
    monkeypatch.setenv("DATABASE_PREPARE_THRESHOLD", "five")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_PREPARE_THRESHOLD.*'five'"):
        database.with_options(postgresql())


def test_sqlite_is_left_as_it_is():
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}
    assert "OPTIONS" not in database.with_options(dict(sqlite))


@pytest.mark.django_db
def test_the_test_databases_connection_keeps_the_plan_of_a_repeated_query():
    if connection.vendor != "postgresql":
        pytest.skip("runs when DATABASE_URL names a PostgreSQL")
    for _ in range(8):
        list(Page.objects.filter(depth=1).values_list("pk", flat=True))
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any('"wagtailcore_page"."depth" = $1' in statement for statement in prepared), prepared
