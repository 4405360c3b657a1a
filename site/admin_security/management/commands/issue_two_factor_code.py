from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from mops_site.admin_security import devices, set_up_codes


class Command(BaseCommand):
    help = (
        "Print a one-time code with which a user sets up their authenticator app (a new account, "
        "or after reset_two_factor). Give it to them in person or by phone, never by the e-mail "
        "their password may already have been stolen with. Only its hash is stored; a new code "
        "replaces the previous one."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--hours",
            type=int,
            default=int(set_up_codes.ISSUED_CODE_LIFETIME.total_seconds() // 3600),
            help="How long the code works (default: %(default)s hours).",
        )

    def handle(self, *args, username, hours, **options):
        if hours < 1:
            raise CommandError("--hours must be at least 1.")
        User = get_user_model()
        try:
            user = User.objects.get_by_natural_key(username)
        except User.DoesNotExist:
            raise CommandError(f"There is no user {username!r}.") from None
        if devices.has_second_factor(user):
            raise CommandError(
                f"{username} already has an authenticator app. If they lost it, run "
                f"reset_two_factor {username} first."
            )
        code = set_up_codes.issue(user, lifetime=timedelta(hours=hours))
        expires = timezone.localtime() + timedelta(hours=hours)
        self.stdout.write(
            f"Set-up code for {username}: {code}\nIt works once, until {expires:%Y-%m-%d %H:%M}."
        )
