"""The demo site built once per test session instead of once per pytest-xdist worker.

The first worker that needs the demo builds it in its test database and keeps a copy of that
database and of the media files the demo made (its images), in the session's folder shared by
the workers; the others, waiting on a lock meanwhile, copy both into their own. A copy takes a
fraction of a second; a build about ten seconds of a core (more while the other worker runs).
SQLite copies with its online backup API into a file; PostgreSQL makes a database of its own on
the same server, used as the template of the others (dropped when the session ends:
tests/live_site.py).
"""

import contextlib
import shutil
import sqlite3
from pathlib import Path

from django.db import connections

from .database_snapshot import copy_postgres_database
from .file_lock import exclusive

MARKER = "built"


class SharedDemo:
    def __init__(self, folder, media_root, alias="default"):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.media_root = Path(media_root)
        self.alias = alias

    def into_this_database(self, build):
        """`build()` the demo here, unless another worker of the session has: then copy it."""
        with exclusive(self.folder / "lock"):
            if (self.folder / MARKER).exists():
                self._copy_in()
            else:
                build()
                self._keep()
                (self.folder / MARKER).write_text("")

    def _keep(self):
        if self._vendor == "sqlite":
            with contextlib.closing(sqlite3.connect(self.folder / "demo.sqlite3")) as kept:
                self._live().backup(kept)
        else:
            copy_postgres_database(self._name, postgres_copy_name(self._name), self.alias)
        shutil.copytree(self.media_root, self.folder / "media", dirs_exist_ok=True)

    def _copy_in(self):
        if self._vendor == "sqlite":
            with contextlib.closing(sqlite3.connect(self.folder / "demo.sqlite3")) as kept:
                kept.backup(self._live())
        else:
            copy_postgres_database(postgres_copy_name(self._name), self._name, self.alias)
        shutil.copytree(self.folder / "media", self.media_root, dirs_exist_ok=True)

    @property
    def _vendor(self):
        return connections[self.alias].vendor

    @property
    def _name(self):
        return connections[self.alias].settings_dict["NAME"]

    def _live(self):
        connection = connections[self.alias]
        connection.ensure_connection()
        return connection.connection


def postgres_copy_name(test_database_name):
    """The kept copy's name: the session's, whichever worker's test database it came from
    (test_mops_gw0 and test_mops_gw1 give test_mops_demo)."""
    base, _separator, worker = test_database_name.rpartition("_")
    if not worker.startswith("gw"):
        base = test_database_name
    return f"{base}_demo"
