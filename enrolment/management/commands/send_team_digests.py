from django.core.management.base import BaseCommand, CommandError

from enrolment.digest import send_team_digests


class Command(BaseCommand):
    help = (
        "Send each team's coordinators the daily digest of its applications (counts only, no "
        "applicant's data), once a day per team, from DIGEST_HOUR (Warsaw time). Safe to run at "
        "any time: a team whose digest of the day is recorded is skipped, and a digest the mail "
        "server did not take is tried again at the next run. run_scheduler runs it."
    )

    def handle(self, *args, **options):
        outcome = send_team_digests()
        if outcome.sent:
            self.stdout.write(f"Sent the digest of teams {', '.join(map(str, outcome.sent))}.")
        if outcome.nothing_to_report:
            numbers = ", ".join(map(str, outcome.nothing_to_report))
            self.stdout.write(f"Nothing to report today for teams {numbers}.")
        if outcome.failed:
            failures = "; ".join(f"team {n}: {error}" for n, error in outcome.failed.items())
            raise CommandError(f"Not sent, to be tried at the next run: {failures}.")
