"""Builders for the applications admin: applications for an edition, the admin's users, and
reading the exports."""

import csv
import io
import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.users.models import UserProfile

from enrolment.models import Application
from enrolment.signals import ensure_coordinator_groups
from programmes.models import Edition

_numbers = itertools.count(1)
APPLICATIONS_URL = "/admin/applications/"


def is_refused(response):
    """Wagtail's admin answers a PermissionDenied with a redirect to its dashboard."""
    if response.status_code == 302:
        return response["Location"] == reverse("wagtailadmin_home")
    return response.status_code in (403, 404)


def demo_edition(programme, number):
    """An edition of one of the demo's programmes (for tests that read the demo)."""
    return Edition.objects.select_related("team").get(
        programme=programme, number=number, locale=programme.locale
    )


def make_application(edition, **kwargs):
    """An application as the website would store it, routed to the edition's team; each of
    another person unless `form_data` says otherwise (a phone number of its own)."""
    number = next(_numbers)
    defaults = {
        "page": None,
        "form_data": {"applicant_name": "Jan Testowy", "phone": f"6{number:08d}"},
        "reference": f"T-{number:06d}",
        "programme": edition.programme,
        "edition": edition,
        "edition_number": edition.number,
        "team": edition.team,
        "status": "new",
        "language": "pl",
    }
    return Application.objects.create(**{**defaults, **kwargs})


def make_user(username=None, *, groups=(), permissions=(), **kwargs):
    user = get_user_model().objects.create_user(
        username=username or f"user{next(_numbers)}", password="x", **kwargs
    )
    user.groups.add(*groups)
    for codename in permissions:
        app_label, codename = codename.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user


def make_coordinator(team, **kwargs):
    ensure_coordinator_groups()
    team.refresh_from_db()
    return make_user(groups=[team.coordinators_group], **kwargs)


def make_superuser():
    return get_user_model().objects.create_superuser(
        username=f"admin{next(_numbers)}", password="x", email="admin@example.org"
    )


def make_editor():
    """Someone who edits pages (Wagtail's Editors group) but coordinates no team."""
    return make_user(groups=[Group.objects.get(name="Editors")])


def export_rows(client, export_format, **params):
    """The exported spreadsheet as a list of rows, the heading row first."""
    response = client.get(APPLICATIONS_URL, {"export": export_format, **params})
    assert response.status_code == 200, response.status_code
    content = b"".join(response.streaming_content)
    if export_format == "csv":
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(content)).active
    return [
        ["" if cell is None else cell for cell in row] for row in sheet.iter_rows(values_only=True)
    ]


def exported_references(client, export_format, **params):
    rows = export_rows(client, export_format, **params)
    return {row[0] for row in rows[1:]}


def signed_in(user):
    """A client of its own, with `user` signed in."""
    client = Client()
    client.force_login(user)
    return client


def set_admin_language(user, language):
    """The language the user chose for the admin (Account → Preferences)."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
