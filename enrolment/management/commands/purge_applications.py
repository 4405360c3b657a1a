from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from enrolment import data_rights, retention
from enrolment.models import Application


class Command(BaseCommand):
    help = (
        "Anonymise applications whose edition ended more than --months months ago (default: "
        "ENROLMENT_RETENTION_MONTHS), or delete them with --delete. Due means: the edition's end "
        "date is before today (Europe/Warsaw) minus that many months; an application whose "
        "edition was deleted counts from the day it was sent instead. Anonymising empties the "
        "answers, deletes the notes and abandons an unsent confirmation to the applicant; the "
        "reference, edition, team and status stay for statistics. --erase REFERENCE erases one "
        "application at the person's request, whatever its dates, exactly as Personal data "
        "requests in the admin does (a place it held goes to the waiting list; its answers, "
        "notes, notifications and confirmation sessions go; the erasure is recorded for "
        "--replay); with --delete the application is then deleted too. Every "
        "application handled is written to the audit log, without personal data. A programme "
        "with its own period (its page: Keeping applications) keeps it, --months or not, and "
        "nothing of a programme is removed before its 'keep applications at least until' date. "
        "--replay, to run after every restore of the database, erases again every application "
        "erased at a person's request (ENROLMENT_ERASURE_LOG and the erasure records) that "
        "holds data again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            default=None,
            help=(
                "Keep applications this many months after their edition ends, instead of "
                f"ENROLMENT_RETENTION_MONTHS (now {settings.ENROLMENT_RETENTION_MONTHS}); "
                "programmes with a period of their own keep theirs."
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
            help=(
                "Erase only the application with this reference number, at the person's "
                "request, whatever its dates (with --delete: erase it, then delete it)."
            ),
        )
        parser.add_argument(
            "--replay",
            action="store_true",
            help=(
                "After a restore from a backup: erase again every application erased at a "
                "person's request that holds data again, and put back missing erasure records."
            ),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List what would be done and change nothing.",
        )

    def handle(
        self, *args, months=None, delete=False, erase=None, replay=False, dry_run=False, **options
    ):
        if replay:
            if months is not None or delete or erase or dry_run:
                raise CommandError("--replay takes no other option.")
            try:
                return self.report_replay(data_rights.replay())
            except retention.AuditLogNotReady as error:
                raise CommandError(str(error)) from None
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
        if erase and dry_run:
            return retention.plan_erasure(erase, delete=delete)
        if erase:
            # The same erasure as the data protection officers' in the admin, deleting or not:
            # one path, so that neither leaves a session, a notification or a held place behind.
            reference = erase.strip().upper()
            if not data_rights.erase_application(
                reference, reason=data_rights.REQUEST, delete=delete
            ):
                raise Application.DoesNotExist
            action = retention.DELETE if delete else retention.ANONYMISE
            return retention.Outcome(action, references=[reference])
        months = retention.retention_months(months)
        before = retention.cutoff(months=months)
        self.stdout.write(
            f"Applications to editions that ended before {before.isoformat()} "
            f"({months} months ago), or sent before it if their edition was deleted:"
        )
        for own in retention.programme_periods():
            self.stdout.write(
                f"  programmes with a period of their own of {own} months: editions that ended "
                f"before {retention.cutoff(months=own).isoformat()}"
            )
        self.stdout.write("  none of a programme before its 'keep applications until' date.")
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

    def report_replay(self, outcome):
        self.stdout.write(
            f"Erasures recorded: {outcome.listed} (file: {settings.ENROLMENT_ERASURE_LOG})."
        )
        if outcome.damaged_lines:
            self.stderr.write(
                self.style.WARNING(
                    f"  {outcome.damaged_lines} damaged line(s) in the file were skipped."
                )
            )
        for reference in outcome.records_restored:
            self.stdout.write(f"  {reference}: erasure record put back in the database")
        for reference in outcome.file_restored:
            self.stdout.write(f"  {reference}: written to the file, which lacked it")
        for reference in outcome.erased:
            self.stdout.write(f"  {reference}: held data again, erased again")
        noun = "application" if len(outcome.erased) == 1 else "applications"
        self.stdout.write(self.style.SUCCESS(f"Erased again {len(outcome.erased)} {noun}."))
