import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from enrolment.signals import ensure_coordinator_groups
from home import roles
from programmes.models import Team

USERNAME = "admin"
ADMIN_NAME = ("Adam", "Administracyjny")
# Local demo users, one per role; each team's coordinator is added after these.
DEMO_USERS = [
    ("moderator", roles.MODERATORS),
    ("editor", roles.EDITORS),
    ("translator", roles.TRANSLATORS),
]
# Invented names (first, last), so that the account form saves without asking for them and
# the admin shows a person ("Recorded by Urszula Szkoleniowa"), not a user name.
DEMO_NAMES = {
    "moderator": ("Marta", "Moderacka"),
    "editor": ("Ewa", "Redakcyjna"),
    "translator": ("Taras", "Tłumaczenko"),
}
# Coordinators by team number; a team without one here gets "Koordynatorka Zespołu <n>".
COORDINATOR_NAMES = [
    ("Teresa", "Pokazowa"),
    ("Renata", "Ćwiczebna"),
    ("Halina", "Modelowa"),
    ("Urszula", "Szkoleniowa"),
    ("Wanda", "Próbna"),
    ("Alicja", "Wdrożeniowa"),
    ("Bożena", "Wstępna"),
    ("Celina", "Demonstracyjna"),
]


def coordinator_name(number):
    if 1 <= number <= len(COORDINATOR_NAMES):
        return COORDINATOR_NAMES[number - 1]
    return ("Koordynatorka", f"Zespołu {number}")


def give_name(user, first_name, last_name):
    """Names a user who has none; a name someone changed in the admin stays."""
    if not user.first_name and not user.last_name:
        user.first_name, user.last_name = first_name, last_name
        user.save(update_fields=["first_name", "last_name"])


def password_file():
    return Path(settings.BASE_DIR) / "var" / "local-admin-password.txt"


def demo_password_file():
    return Path(settings.BASE_DIR) / "var" / "local-demo-users-password.txt"


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
        "var/local-admin-password.txt, and demo users for each role (a moderator, an editor, a "
        "translator and a coordinator for each team) sharing one random password kept in "
        "var/local-demo-users-password.txt; print how to log in."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--url",
            default=f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/",
            help="The admin address to print (default: WAGTAILADMIN_BASE_URL + /admin/).",
        )
        parser.add_argument(
            "--no-demo-users",
            action="store_true",
            help="Create only the local admin.",
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
            user = user_model.objects.create_superuser(USERNAME, "admin@example.org", password)
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

        give_name(user, *ADMIN_NAME)
        self.stdout.write(
            self.style.SUCCESS(f"Log in at {options['url']} as {USERNAME} with password {password}")
        )
        if not options["no_demo_users"]:
            self.create_demo_users()

    def create_demo_users(self):
        """Idempotent: users are created or put back in their group, and keep the saved password."""
        path = demo_password_file()
        password = read_password(path)
        if not password:
            password = secrets.token_urlsafe(12)
            write_password(path, password)

        users = [
            (username, Group.objects.get(name=group), DEMO_NAMES[username])
            for username, group in DEMO_USERS
        ]
        ensure_coordinator_groups()
        teams = Team.objects.filter(locale=Locale.get_default(), coordinators_group__isnull=False)
        users += [
            (f"coordinator{team.number}", team.coordinators_group, coordinator_name(team.number))
            for team in teams
        ]

        user_model = get_user_model()
        for username, group, name in users:
            user, created = user_model.objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.org"}
            )
            if created or not user.check_password(password):
                user.set_password(password)
                user.save(update_fields=["password"])
            give_name(user, *name)
            user.groups.add(group)

        self.stdout.write(
            self.style.SUCCESS(f"Demo users, each with password {password} (saved in {path}):")
        )
        for username, group, _name in users:
            self.stdout.write(f"  {username:<16} {group.name}")
