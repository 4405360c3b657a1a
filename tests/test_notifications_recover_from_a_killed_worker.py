"""A real notification worker killed with SIGKILL while a real mail server on loopback holds its
message: its task stays RUNNING, and once a worker runs again beside the scheduler that `make
run`, `make worker` and production's timer start, the message arrives exactly once, within the
lease and the recovery interval.

The processes share a database of their own (a file for SQLite; a new database on the same
server when DATABASE_URL names PostgreSQL), a copy of the session's migrated one
(tests/live_site.py): the test's own database is in memory or inside a transaction, where
another process cannot see it.
"""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .live_site import postgres_in_use
from .scripted_smtp import HoldingInbox
from .smtp_server import LoopbackSMTPServer, free_loopback_port

PROJECT_DIR = Path(__file__).resolve().parent.parent

# The database of the processes is a copy of the migrated test database.
pytestmark = pytest.mark.django_db

LEASE_SECONDS = 3
# How often the scheduler runs the recovery, and the workers look for due tasks.
RECOVERY_INTERVAL_SECONDS = 0.5
WORKER_INTERVAL_SECONDS = 0.2
TEAM_ADDRESS = "ztps99@example.org"

SET_UP = """
from django.db import transaction
from enrolment.models import Application, Notification, NotificationKind
from enrolment.tasks import queue_delivery
from programmes.models import Team

with transaction.atomic():
    team = Team.objects.create(name="Zespół 99", short_name="ZTPS 99", number=99,
                               email="ztps99@example.org")
    application = Application.objects.create(reference="KILL-0001", form_data={},
        edition_number=1, team=team, status="new", language="pl")
    notification = Notification.objects.create(application=application,
        kind=NotificationKind.TEAM, recipients=[team.email])
    queue_delivery(notification)
"""

STATE = """
import json
from django_tasks_db.models import DBTaskResult
from enrolment.models import Notification

notification = Notification.objects.get()
print(json.dumps({
    "delivered": notification.delivered_at is not None,
    "failed": notification.failed_at is not None,
    "attempts": notification.attempts,
    "tasks": sorted(DBTaskResult.objects.values_list("status", flat=True)),
}))
"""


@pytest.fixture
def shared_database_url(tmp_path, live_site_databases):
    backend = "postgresql" if postgres_in_use() else "sqlite"
    database = live_site_databases.fresh(backend, tmp_path, "killed_worker", programme=False)
    database.create()
    yield database.url
    database.drop()


class Site:
    """manage.py commands of the installation under test, as separate processes."""

    def __init__(self, database_url, mail_port, log_dir):
        self.environment = {
            **os.environ,
            # The local settings: e-mail goes to the mail server named here.
            "DJANGO_SETTINGS_MODULE": "mops_site.settings.dev",
            "DATABASE_URL": database_url,
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(mail_port),
            "NOTIFICATION_TASK_LEASE": str(LEASE_SECONDS),
        }
        self.environment.pop("REDIS_URL", None)
        self.log_dir = log_dir
        self.started = []

    def run(self, *arguments):
        result = subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=PROJECT_DIR,
            env=self.environment,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def state(self):
        return json.loads(self.run("shell", "-c", STATE).strip().splitlines()[-1])

    def start(self, name, *arguments):
        log = (self.log_dir / f"{name}.log").open("w")
        process = subprocess.Popen(
            [sys.executable, "manage.py", *arguments],
            cwd=PROJECT_DIR,
            env=self.environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.started.append(process)
        return process

    def start_worker(self, name):
        return self.start(
            name, "db_worker", "--backend", "notifications", "--no-reload",
            "--no-startup-delay", "--interval", str(WORKER_INTERVAL_SECONDS),
        )  # fmt: skip

    def stop_all(self):
        for process in reversed(self.started):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()


def wait_until(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"not within {timeout} s: {what}"
        time.sleep(0.1)


def test_a_message_held_by_a_worker_killed_mid_send_arrives_exactly_once_after_recovery(
    shared_database_url, tmp_path
):
    mail_server = LoopbackSMTPServer(free_loopback_port())
    mail_server.inbox = HoldingInbox()
    mail_server.start()
    site = Site(shared_database_url, mail_server.port, tmp_path)
    try:
        site.run("shell", "-c", SET_UP)

        first_worker = site.start_worker("first-worker")
        wait_until(mail_server.inbox.holding.is_set, 60, "the worker sends the message")
        os.killpg(first_worker.pid, signal.SIGKILL)
        first_worker.wait(timeout=10)
        killed_at = time.monotonic()
        # The server never said "250": the message was not taken.
        mail_server.inbox.release()

        state = site.state()
        assert state["tasks"] == ["RUNNING"], state
        assert not state["delivered"]

        site.start_worker("second-worker")
        site.start("scheduler", "run_scheduler", "--interval", str(RECOVERY_INTERVAL_SECONDS))
        wait_until(
            lambda: mail_server.inbox.messages,
            LEASE_SECONDS + RECOVERY_INTERVAL_SECONDS + 30,
            "the message arrives after recovery",
        )
        arrived_after = time.monotonic() - killed_at
        # Not before the lease ran out (counted from when the worker took the task, just before
        # the kill: it might have been alive), and soon after it: the next recovery run, then
        # the worker's next poll (plus the processes' start-up).
        assert LEASE_SECONDS - 1 <= arrived_after < LEASE_SECONDS + RECOVERY_INTERVAL_SECONDS + 20

        # More recovery runs and worker polls change nothing: exactly once.
        time.sleep(LEASE_SECONDS + 2 * RECOVERY_INTERVAL_SECONDS)
        (message,) = mail_server.inbox.messages
        assert message.rcpt_tos == [TEAM_ADDRESS]
        assert b"KILL-0001" in message.content
        state = site.state()
        assert state["delivered"] and not state["failed"], state
        # The killed attempt was claimed (and counted) before the mail server was asked.
        assert state["attempts"] == 2, state
        assert sorted(state["tasks"]) == ["FAILED", "SUCCESSFUL"], state
    finally:
        site.stop_all()
        mail_server.stop()
