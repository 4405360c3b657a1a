import logging
import signal
import threading
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Run the management commands listed in SCHEDULED_COMMANDS (publishing scheduled pages, "
        "recovering notifications, clearing expired sessions and finished tasks …), each every "
        "so many seconds, until stopped; make run and make worker start it. --once runs each "
        "once and stops; production's timers (deploy/systemd) start it every minute for the "
        "commands scheduled more often than hourly (--max-period 3599) and daily for the "
        "others (--min-period 3600)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help="Run each command once and stop.",
        )
        parser.add_argument(
            "--min-period",
            type=float,
            default=0,
            help="Only the commands scheduled every this many seconds or less often.",
        )
        parser.add_argument(
            "--max-period",
            type=float,
            default=float("inf"),
            help="Only the commands scheduled every this many seconds or more often.",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=None,
            help="Run every command this often, in seconds, instead of each at its own pace "
            "(for tests and debugging).",
        )

    def handle(self, *args, once, interval, min_period, max_period, **options):
        schedule = [
            (name, interval if interval is not None else every, list(arguments))
            for name, every, arguments in settings.SCHEDULED_COMMANDS
            if min_period <= every <= max_period
        ]
        if once or not schedule:
            # A single run keeps the caller's connection and transaction (tests call it so).
            for name, _every, arguments in schedule:
                self.run_command(name, arguments)
            return
        stopped = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stopped.set())
        for name, every, _arguments in schedule:
            self.stdout.write(f"Running {name} every {every:g} s.")
        due = dict.fromkeys((name for name, _every, _arguments in schedule), time.monotonic())
        while not stopped.is_set():
            for name, every, arguments in schedule:
                if time.monotonic() >= due[name]:
                    due[name] = time.monotonic() + every
                    # A resident scheduler replaces connections the database dropped meanwhile.
                    close_old_connections()
                    self.run_command(name, arguments)
                    close_old_connections()
            stopped.wait(max(0.0, min(due.values()) - time.monotonic()))

    def run_command(self, name, arguments):
        try:
            call_command(name, *arguments, verbosity=0, stdout=self.stdout)
        except Exception:
            # The next run tries again; one failing command must not stop the others for good.
            logger.exception("Scheduled command %s failed; trying again at its next run.", name)
