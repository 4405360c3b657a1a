from django.core.management.base import BaseCommand

from enrolment.recovery import recover_notifications


class Command(BaseCommand):
    help = (
        "Take back notification tasks left RUNNING by a dead worker for longer than "
        "NOTIFICATION_TASK_LEASE seconds, and queue again every notification still to be sent "
        "that has no task waiting or running. Safe to run at any time and in several places at "
        "once; run_scheduler runs it every minute."
    )

    def handle(self, *args, **options):
        taken_back, requeued = recover_notifications()
        if taken_back or requeued:
            self.stdout.write(
                f"Took back {taken_back} task(s) of stopped workers; "
                f"queued {requeued} notification(s) again."
            )
