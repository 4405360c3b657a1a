"""The site served by gunicorn in processes of its own, on a database of its own, with one
programme whose one edition takes applications: for faults that need real processes (many
applicants at once, a database that goes away).

The database is an SQLite file (the embedded default, with the options of the base settings)
or a PostgreSQL database of its own on the server of DATABASE_URL, created and dropped here.
The server reads it either directly or through `DatabaseLink`, a TCP relay on loopback that a
test can cut, as a network failure or a stopped server would.

Migrating takes longer than anything else here, so no site migrates: `live_site_databases`, a
fixture of this plugin, keeps templates for the session, made once from the test database as
migrated (tests/database_snapshot.py), and each site starts from a copy: of the file for
SQLite, of a template database for PostgreSQL (`CREATE DATABASE … TEMPLATE`).
"""

import contextlib
import json
import os
import shutil
import socket
import threading
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from bench.processes import MANAGE, PROJECT, PYTHON, Processes, free_loopback_port, run

from .file_lock import exclusive
from .shared_demo import postgres_copy_name

GUNICORN = PROJECT / ".venv" / "bin" / "gunicorn"
DATABASE_URL = os.environ.get("DATABASE_URL", "")


def postgres_in_use():
    return DATABASE_URL.startswith(("postgres://", "postgresql://"))


def _name_of_the_pass():
    return urlsplit(DATABASE_URL).path.lstrip("/") or "mops"


def postgres_name(purpose):
    """A database name of this pass and of this pytest-xdist worker, beside DATABASE_URL's own
    (mops_h4 gives mops_h4_fifty_gw0): parallel workers and passes never share one."""
    return f"{_name_of_the_pass()}_{purpose}_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"


def template_name(kind):
    """A PostgreSQL template of this pass, which all its workers copy (mops_h4_live_migrated)."""
    return f"{_name_of_the_pass()}_live_{kind}"


class SqliteDatabase:
    vendor = "sqlite"
    content = None  # what tests/live_site_content.py built in it, when it did

    def __init__(self, folder, template=None):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.path = self.folder / "site.sqlite3"
        self.url = f"sqlite:///{self.path}"
        self.template = template
        self._moved = self.folder.with_name(f"{self.folder.name}-unreachable")

    def create(self):
        if self.template is not None:
            # The whole database is in the file: the template's last connection checkpointed its
            # write-ahead log on closing.
            shutil.copyfile(self.template.path, self.path)

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
    content = None

    def __init__(self, name, template=None):
        self.name = name
        self.template = template
        self.link = None
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
        template = f' TEMPLATE "{self.template.name}"' if self.template is not None else ""
        self._execute(f'CREATE DATABASE "{self.name}"{template}')

    def drop(self):
        if self.link is not None:
            self.link.cut()
        self._execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def served_url(self):
        """The site reaches its database through a link that a test can cut."""
        if self.link is None:
            self.link = DatabaseLink(self.host, self.port)
        return self.url_through(self.link.port)

    def cut(self):
        self.link.cut()

    def restore(self):
        self.link.restore()

    def _execute(self, statement):
        with psycopg.connect(self._server, autocommit=True) as connection:
            connection.execute(statement)


def site_environment(database_url, **extra):
    """The environment of the site's processes: the test settings on the given database."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mops_site.settings.test",
        "DATABASE_URL": database_url,
        # Every test applicant comes from 127.0.0.1.
        "ENROLMENT_RATE_LIMIT": "10000/600",
        **extra,
    }


class LiveSite:
    """Serves the site with gunicorn, `workers` processes of `threads` threads each, on a fresh
    database that holds the programme of tests/live_site_content.py (from
    `live_site_databases.fresh(backend, …)`)."""

    def __init__(self, database, log_dir, *, workers=2, threads=8, env=None):
        self.database = database
        self.content = database.content
        self.processes = Processes(log_dir)
        self.workers, self.threads = workers, threads
        self.extra_env = env or {}
        self.port = None

    def environment(self, database_url):
        return site_environment(database_url, **self.extra_env)

    def __enter__(self):
        self.processes.__enter__()
        try:
            self.database.create()
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


# The database a live-site test runs on: the pass's own. The SQLite variant would run the very
# same processes in the PostgreSQL pass (their DATABASE_URL is set here, not inherited), so it
# runs once, in the SQLite pass.
BACKENDS = [
    pytest.param(
        "sqlite",
        marks=pytest.mark.skipif(
            postgres_in_use(), reason="runs in the SQLite pass (DATABASE_URL unset)"
        ),
    ),
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(
            not postgres_in_use(), reason="runs when DATABASE_URL names a PostgreSQL"
        ),
    ),
]


def database_for(backend, folder, purpose, template=None):
    """A database of the backend, made by `create()`: an SQLite file in `folder`, or a
    PostgreSQL database named after `purpose`; a copy of `template` (a database of the same
    backend) when given, else empty."""
    if backend == "sqlite":
        return SqliteDatabase(folder / "database", template)
    return PostgresDatabase(postgres_name(purpose), template)


class LiveSiteDatabases:
    """The session's templates of live-site databases, per backend: `migrated`, and `programme`
    (migrated, with the programme of tests/live_site_content.py). The first pytest-xdist worker
    that needs one makes it, in a folder all the session's workers share; the others wait for
    it and copy it too. Each test gets a copy of its own to change."""

    def __init__(self, folder, migrated=None, unblocked=contextlib.nullcontext):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        # The test database right after its migrations (tests/database_snapshot.py), copied
        # rather than migrating again when it is of the same backend.
        self.migrated = migrated
        self.unblocked = unblocked
        self._templates = {}

    def fresh(self, backend, folder, purpose, *, programme=True):
        """A new database (not yet created: `create()` copies the template) with `content`
        saying what the programme template holds (None for the migrated one)."""
        kind = "programme" if programme else "migrated"
        if (backend, kind) not in self._templates:
            with exclusive(self.folder / "lock"):
                self._made(backend, kind)
        template = self._templates[backend, kind]
        database = database_for(backend, Path(folder), purpose, template)
        database.content = template.content
        return database

    def _made(self, backend, kind):
        """The template, made here unless a worker made it already (the lock is held)."""
        if (backend, kind) in self._templates:
            return self._templates[backend, kind]
        folder = self.folder / f"{backend}-{kind}"
        folder.mkdir(exist_ok=True)
        made = folder / "content.json"
        source = None if kind == "migrated" else self._made(backend, "migrated")
        if backend == "sqlite":
            database = SqliteDatabase(folder / "database", source)
        else:
            database = PostgresDatabase(template_name(kind), source)
        if made.exists():
            database.content = json.loads(made.read_text())
        else:
            self._build(backend, kind, database, folder / "setup.log")
            made.write_text(json.dumps(database.content))
        self._templates[backend, kind] = database
        return database

    def _build(self, backend, kind, database, log):
        if kind == "programme":
            database.create()
            output = run(
                [PYTHON, "-m", "tests.live_site_content"], env=site_environment(database.url)
            )
            database.content = json.loads(output.strip().splitlines()[-1])
        elif getattr(self.migrated, "vendor", None) == backend:
            with self.unblocked():
                self.migrated.copy_to(database.path if backend == "sqlite" else database.name)
        else:
            database.create()
            command = [*MANAGE, "migrate", "--noinput", "--verbosity", "0"]
            run(command, env=site_environment(database.url), log=log)


@pytest.fixture(scope="session")
def live_site_databases(tmp_path_factory, migrated_database, django_db_blocker):
    """Migrated live-site databases to copy, made from the test database's migrated copy."""
    session_folder = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        session_folder = session_folder.parent  # the folder of the session, above the workers'
    return LiveSiteDatabases(
        session_folder / "live-site-templates", migrated_database, django_db_blocker.unblock
    )


def pytest_sessionfinish(session):
    """The PostgreSQL templates go when the session ends (in the process that started the
    workers, once they have all finished)."""
    if postgres_in_use() and not hasattr(session.config, "workerinput"):
        for kind in ("programme", "migrated"):
            PostgresDatabase(template_name(kind)).drop()
        # And the demo's copy (tests/shared_demo.py), beside pytest-django's test databases.
        PostgresDatabase(postgres_copy_name(f"test_{_name_of_the_pass()}")).drop()
