import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"


def password_file():
    return Path(settings.BASE_DIR) / "var" / "local-admin-password.txt"


def write_password(path, password):
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(password + "\n")
    # O_CREAT's mode does not apply to a file that already existed.
    path.chmod(0o600)


def read_password(path):
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        return ""


class Command(BaseCommand):
    help = (
        "For local development: create the superuser 'admin' with a random password kept in "
        "var/local-admin-password.txt, and print how to log in."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--url",
            default=f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/",
            help="The admin address to print (default: WAGTAILADMIN_BASE_URL + /admin/).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off. Never use this on a server people can reach.",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "DEBUG is off: this looks like a real server, so no local admin was created. "
                "Use --force only on a machine nobody else can reach."
            )
        path = password_file()
        user_model = get_user_model()
        user = user_model.objects.filter(username=USERNAME).first()

        if user is None:
            password = secrets.token_urlsafe(12)
            user_model.objects.create_superuser(USERNAME, "admin@example.org", password)
            write_password(path, password)
            self.stdout.write(f"Created the superuser '{USERNAME}'; password saved in {path}.")
        else:
            password = read_password(path)
            if not password or not user.check_password(password):
                reason = "is missing" if not password else "no longer matches"
                password = secrets.token_urlsafe(12)
                user.set_password(password)
                user.save(update_fields=["password"])
                write_password(path, password)
                self.stdout.write(
                    f"The saved password {reason}; set a new one for '{USERNAME}' "
                    f"and saved it in {path}."
                )

        self.stdout.write(
            self.style.SUCCESS(f"Log in at {options['url']} as {USERNAME} with password {password}")
        )
