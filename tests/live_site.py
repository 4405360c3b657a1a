"""The site served by gunicorn in processes of its own, on a database of its own, with one
programme whose one edition takes applications: for faults that need real processes (many
applicants at once, a database that goes away).

The database is an SQLite file (the embedded default, with the options of the base settings)
or a PostgreSQL database of its own on the server of DATABASE_URL, created and dropped here.
The server reads it either directly or through `DatabaseLink`, a TCP relay on loopback that a
test can cut, as a network failure or a stopped server would.
"""

import contextlib
import json
import os
import socket
import threading
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from bench.processes import MANAGE, PROJECT, PYTHON, Processes, free_loopback_port, run

GUNICORN = PROJECT / ".venv" / "bin" / "gunicorn"
DATABASE_URL = os.environ.get("DATABASE_URL", "")


def postgres_in_use():
    return DATABASE_URL.startswith(("postgres://", "postgresql://"))


class SqliteDatabase:
    vendor = "sqlite"

    def __init__(self, folder):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.url = f"sqlite:///{self.folder / 'site.sqlite3'}"
        self._moved = self.folder.with_name(f"{self.folder.name}-unreachable")

    def create(self):
        pass

    def drop(self):
        pass

    def served_url(self):
        return self.url

    def cut(self):
        """As a disk gone away: the file cannot be opened where the site looks for it."""
        self.folder.rename(self._moved)

    def restore(self):
        self._moved.rename(self.folder)


class PostgresDatabase:
    vendor = "postgresql"

    def __init__(self, name):
        self.name = name
        parts = urlsplit(DATABASE_URL)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 5432
        self._server = urlunsplit(parts._replace(path="/postgres"))
        self.url = urlunsplit(parts._replace(path=f"/{name}"))

    def url_through(self, port):
        """This database reached on another loopback port (a DatabaseLink)."""
        parts = urlsplit(self.url)
        credentials = parts.netloc.rpartition("@")[0]
        netloc = f"{credentials}@127.0.0.1:{port}" if credentials else f"127.0.0.1:{port}"
        return urlunsplit(parts._replace(netloc=netloc))

    def create(self):
        self._execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        self._execute(f'CREATE DATABASE "{self.name}"')
        self.link = DatabaseLink(self.host, self.port)

    def drop(self):
        self.link.cut()
        self._execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def served_url(self):
        """The site reaches its database through a link that a test can cut."""
        return self.url_through(self.link.port)

    def cut(self):
        self.link.cut()

    def restore(self):
        self.link.restore()

    def _execute(self, statement):
        with psycopg.connect(self._server, autocommit=True) as connection:
            connection.execute(statement)


class LiveSite:
    """Migrates the database, builds the programme (tests/live_site_content.py) and serves the
    site with gunicorn: `workers` processes of `threads` threads each."""

    def __init__(self, database, log_dir, *, workers=2, threads=8, env=None):
        self.database = database
        self.processes = Processes(log_dir)
        self.workers, self.threads = workers, threads
        self.extra_env = env or {}
        self.port = None
        self.content = None

    def environment(self, database_url):
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "mops_site.settings.test",
            "DATABASE_URL": database_url,
            # Every test applicant comes from 127.0.0.1.
            "ENROLMENT_RATE_LIMIT": "10000/600",
            **self.extra_env,
        }

    def __enter__(self):
        self.processes.__enter__()
        try:
            self.database.create()
            setup_env = self.environment(self.database.url)
            log = self.processes.log_path("setup")
            run([*MANAGE, "migrate", "--noinput", "--verbosity", "0"], env=setup_env, log=log)
            output = run([PYTHON, "-m", "tests.live_site_content"], env=setup_env)
            self.content = json.loads(output.strip().splitlines()[-1])
            self.port = free_loopback_port()
            self.processes.start(
                "gunicorn",
                [
                    GUNICORN,
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    "--workers",
                    self.workers,
                    "--threads",
                    self.threads,
                    "--worker-class",
                    "gthread",
                    "--chdir",
                    PROJECT,
                    "mops_site.wsgi",
                ],
                env=self.environment(self.database.served_url()),
                port=self.port,
            )
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc_info):
        self.processes.__exit__(*exc_info)
        self.database.drop()

    def url(self, path=""):
        return f"http://127.0.0.1:{self.port}{path}"

    def django(self, code):
        """Run Python with Django set up on this site's database; returns what it prints."""
        program = f"import django\ndjango.setup()\n{code}"
        return run([PYTHON, "-c", program], env=self.environment(self.database.url))


class DatabaseLink:
    """A TCP relay on loopback from `port` to the database server, that a test can cut: `cut()`
    closes the listening socket and every relayed connection, so that the site's next query
    finds nothing there (connection refused) and a query under way loses its server."""

    def __init__(self, target_host, target_port):
        self.target = (target_host, target_port)
        self._sockets = []
        self._lock = threading.Lock()
        self.port = 0
        self.restore()

    def restore(self):
        """Listen again, on the same port."""
        self.listener = socket.create_server(("127.0.0.1", self.port))
        self.port = self.listener.getsockname()[1]
        self._open = True
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def _accept(self, listener):
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self._lock:
                if not self._open:
                    client.close()
                    server.close()
                    return
                self._sockets += [client, server]
            threading.Thread(target=self._pump, args=(client, server), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client), daemon=True).start()

    @staticmethod
    def _pump(source, destination):
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                destination.sendall(data)
        for end in (source, destination):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)

    def cut(self):
        with self._lock:
            if not self._open:
                return
            self._open = False
            self.listener.close()
            for end in self._sockets:
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
                end.close()
            self._sockets.clear()


# The databases a live-site test runs on: SQLite always, PostgreSQL when the pass uses it.
BACKENDS = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(
            not postgres_in_use(), reason="runs when DATABASE_URL names a PostgreSQL"
        ),
    ),
]


def database_for(backend, folder, postgres_name):
    """A fresh database of the backend: an SQLite file in `folder`, or a PostgreSQL database."""
    if backend == "sqlite":
        return SqliteDatabase(folder / "database")
    return PostgresDatabase(postgres_name)
