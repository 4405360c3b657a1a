"""Copies of the test database as the session set it up, to put back or to start from.

A transactional test (live server, `transaction=True`) ends with Django's flush, which empties
every table, the rows that migrations created included; without a copy, the next test that
reads the demo would find nothing and the next transactional test would rebuild the demo
(about 15 s). Putting the copy back takes a fraction of a second: SQLite's online backup, or on
PostgreSQL a new database made from the copy as its template (`CREATE DATABASE … TEMPLATE`).

The copy taken right after the migrations is where the live sites' databases start from
(tests/live_site.py): migrating once more, in a process of its own, takes 10 s and more.
"""

import contextlib
import sqlite3

from django.db import connections


def snapshot_of(label, alias="default"):
    """The database of `alias` as it is now, kept under `label` ("migrated", "set_up")."""
    connection = connections[alias]
    if connection.vendor == "sqlite":
        return SqliteSnapshot(label, alias)
    if connection.vendor == "postgresql":
        return PostgresSnapshot(label, alias)
    raise NotImplementedError(f"no snapshot for {connection.vendor}")


class SqliteSnapshot:
    """An in-memory copy, written with SQLite's backup API (the test database is in memory)."""

    vendor = "sqlite"

    def __init__(self, label, alias):
        self.alias = alias
        self._copy = sqlite3.connect(":memory:", check_same_thread=False)
        self._live().backup(self._copy)

    def _live(self):
        connection = connections[self.alias]
        connection.ensure_connection()
        return connection.connection

    def restore(self):
        self._copy.backup(self._live())

    def copy_to(self, path):
        """Write the copy to a database file of its own."""
        with contextlib.closing(sqlite3.connect(path)) as target:
            self._copy.backup(target)

    def discard(self):
        self._copy.close()


class PostgresSnapshot:
    """A database of its own on the same server, beside the test database, used as template."""

    vendor = "postgresql"

    def __init__(self, label, alias):
        self.alias = alias
        self.name = connections[alias].settings_dict["NAME"]
        self.copy_name = f"{self.name}_{label}"
        self._copy(self.name, self.copy_name)

    def restore(self):
        self._copy(self.copy_name, self.name)

    def copy_to(self, name):
        """Make the database `name` on the same server, as a copy."""
        self._copy(self.copy_name, name)

    def discard(self):
        self._execute(f'DROP DATABASE IF EXISTS "{self.copy_name}" WITH (FORCE)')

    def _copy(self, source, target):
        copy_postgres_database(source, target, self.alias)

    def _execute(self, statement, parameters=None):
        execute_without_database(self.alias, statement, parameters)


def copy_postgres_database(source, target, alias="default"):
    """Make `target` a copy of `source`, two databases of the server of `alias`."""
    # A template must have no connection while it is copied; the tests' connections (and
    # any a live server left) are closed and reopened by Django when next needed.
    connections.close_all()
    execute_without_database(alias, f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
    execute_without_database(alias, f'CREATE DATABASE "{target}" TEMPLATE "{source}"')


def execute_without_database(alias, statement, parameters=None):
    with connections[alias]._nodb_cursor() as cursor:
        cursor.execute(statement, parameters)


def let_the_test_database_go(alias="default"):
    """Close what is left connected to the test database, so that pytest-django can drop it:
    a live server's request thread can leave a connection behind (seen on PostgreSQL: idle
    after a ROLLBACK), and the drop fails while one is there."""
    connection = connections[alias]
    connections.close_all()
    if connection.vendor == "postgresql":
        with connection._nodb_cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                [connection.settings_dict["NAME"]],
            )
