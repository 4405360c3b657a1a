from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from mops_site.admin_security.devices import remove_second_factors


class Command(BaseCommand):
    help = (
        "Remove a user's authenticator app and backup codes (a lost or replaced phone). At "
        "their next sign-in they set up a new app, with a set-up code (issue_two_factor_code, or "
        "one sent to their e-mail address). They are told by e-mail. Check who is asking "
        "before running it."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get_by_natural_key(username)
        except User.DoesNotExist:
            raise CommandError(f"There is no user {username!r}.") from None
        removed = remove_second_factors(user)
        self.stdout.write(
            f"Removed {removed} second-factor device(s) of {username}; they set up a new "
            f"authenticator app at their next sign-in, with a code from "
            f"`issue_two_factor_code {username}` or sent to their e-mail address."
        )
