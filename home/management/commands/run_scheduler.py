import logging
import signal
import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Publish and unpublish scheduled pages and notices: run Wagtail's publish_scheduled "
        "every minute until stopped (make run starts it beside the server and the worker). "
        "A server may instead run `manage.py publish_scheduled` from a timer every minute."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=float,
            default=60,
            help="Seconds between runs (default: 60).",
        )
        parser.add_argument(
            "--once", action="store_true", help="Run publish_scheduled once and stop."
        )

    def handle(self, *args, interval, once, **options):
        stopped = threading.Event()
        if not once:
            for signum in (signal.SIGINT, signal.SIGTERM):
                signal.signal(signum, lambda *_: stopped.set())
            self.stdout.write(f"Publishing scheduled pages and notices every {interval:g} s.")
        while True:
            # A resident scheduler replaces connections the database dropped between runs; a
            # single run (`--once`, also in tests) keeps the caller's connection and transaction.
            self.run_once(recycle_connections=not once)
            if once or stopped.wait(interval):
                return

    def run_once(self, recycle_connections):
        if recycle_connections:
            close_old_connections()
        try:
            call_command("publish_scheduled", verbosity=0, stdout=self.stdout)
        except Exception:
            # The next run tries again; a failure must not stop scheduled publishing for good.
            logger.exception("Scheduled publishing failed; trying again at the next run.")
        finally:
            if recycle_connections:
                close_old_connections()
