from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from enrolment import retention
from enrolment.models import Application


class Command(BaseCommand):
    help = (
        "Anonymise applications whose edition ended more than --months months ago (default: "
        "ENROLMENT_RETENTION_MONTHS), or delete them with --delete. Due means: the edition's end "
        "date is before today (Europe/Warsaw) minus that many months; an application whose "
        "edition was deleted counts from the day it was sent instead. Anonymising empties the "
        "answers, deletes the notes and abandons an unsent confirmation to the applicant; the "
        "reference, edition, team and status stay for statistics. --erase REFERENCE does the "
        "same to one application at the applicant's request, whatever its dates. Every "
        "application handled is written to the audit log, without personal data."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            default=None,
            help=(
                "Keep applications this many months after their edition ends "
                f"(default: ENROLMENT_RETENTION_MONTHS, now {settings.ENROLMENT_RETENTION_MONTHS})."
            ),
        )
        parser.add_argument(
            "--delete",
            action="store_true",
            help="Delete the applications, with their notes and notifications, instead.",
        )
        parser.add_argument(
            "--erase",
            metavar="REFERENCE",
            help="Handle only the application with this reference number, whatever its dates.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List what would be done and change nothing.",
        )

    def handle(self, *args, months=None, delete=False, erase=None, dry_run=False, **options):
        if erase and months is not None:
            raise CommandError("--erase ignores dates: leave out --months.")
        if months is not None and months < 0:
            raise CommandError("--months cannot be negative.")
        try:
            outcome = self.run(months, delete, erase, dry_run)
        except Application.DoesNotExist:
            raise CommandError(f"No application has the reference number {erase!r}.") from None
        except retention.AuditLogNotReady as error:
            raise CommandError(str(error)) from None
        self.report(outcome)

    def run(self, months, delete, erase, dry_run):
        if erase:
            return retention.erase(erase, delete=delete, dry_run=dry_run)
        months = retention.retention_months(months)
        before = retention.cutoff(months=months)
        self.stdout.write(
            f"Applications to editions that ended before {before.isoformat()} "
            f"({months} months ago), or sent before it if their edition was deleted:"
        )
        return retention.purge(delete=delete, months=months, dry_run=dry_run)

    def report(self, outcome):
        verb = "delete" if outcome.action == retention.DELETE else "anonymise"
        done = "Deleted" if outcome.action == retention.DELETE else "Anonymised"
        for reference in outcome.references:
            self.stdout.write(f"  {'would ' if outcome.dry_run else ''}{verb} {reference}")
        for reference in outcome.skipped:
            self.stdout.write(f"  {reference}: already anonymised or gone, nothing to do")
        noun = "application" if outcome.count == 1 else "applications"
        if outcome.dry_run:
            self.stdout.write(f"Dry run: would {verb} {outcome.count} {noun}; nothing changed.")
        else:
            self.stdout.write(self.style.SUCCESS(f"{done} {outcome.count} {noun}."))
