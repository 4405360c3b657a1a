"""Coordinators handle applications in the admin: detail, status, notes, export, audit log."""

import json

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from enrolment.models import (
    Application,
    ApplicationLogEntry,
    ApplicationNote,
    Notification,
    NotificationKind,
)
from enrolment.signals import ensure_coordinator_groups
from programmes.models import Team

from .admin_factories import add_questions, another_edition
from .admin_helpers import (
    APPLICATIONS_URL,
    export_rows,
    exported_references,
    make_application,
    make_coordinator,
    make_superuser,
    set_admin_language,
)
from .builders import make_team
from .factories import SmallSite, TeamFactory
from .once_per_module import built_once

pytestmark = pytest.mark.django_db

PERSONAL = {
    "applicant_name": "Zofia Poufna-Testowa",
    "phone": "600 987 654",
    "email": "zofia.poufna@example.org",
    "safe_contact": "Tylko SMS po 18:00",
}
FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+1", "-2", "@SUM(A1)", "\tTab", "\rCR"]
COORDINATOR_PERMISSIONS = {
    "wagtailadmin.access_admin",
    "enrolment.view_application",
    "enrolment.change_application",
    "enrolment.export_application",
}


def build_world():
    """A small site, one application with personal answers, a coordinator of its team."""
    site = SmallSite.build()
    application = make_application(site.edition, form_data=dict(PERSONAL, privacy_consent=True))
    coordinator = make_coordinator(application.team)
    return {"site": site, "application": application, "coordinator": coordinator}


kept_world, copied = built_once(build_world, name="copied")


@pytest.fixture
def site(copied):
    return copied["site"]


@pytest.fixture
def edition(site):
    return site.edition


@pytest.fixture
def application(copied):
    return copied["application"]


@pytest.fixture
def coordinator(copied):
    return copied["coordinator"]


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def url(name, application):
    return reverse(f"enrolment_application:{name}", args=[application.pk])


def logs(application, action):
    return ApplicationLogEntry.objects.filter(object_id=str(application.pk), action=action)


# The detail view.


def test_the_detail_shows_every_answer_under_its_label(
    coordinator, coordinator_client, application
):
    set_admin_language(coordinator, "en")
    response = coordinator_client.get(url("inspect", application))
    assert response.status_code == 200
    content = response.content.decode()
    for value in PERSONAL.values():
        assert value in content
    # The built-in fields are named in the third person, not with the form's "your".
    assert "Your name" not in content
    assert "<dt>Name</dt>" in content
    assert application.reference in content
    assert application.team.name in content


def test_the_detail_uses_the_form_pages_own_question_labels(
    coordinator, coordinator_client, site, edition
):
    page = add_questions(
        site.form,
        {"label": "Ile masz dzieci?", "field_type": "number", "clean_name": "ile_masz_dzieci"},
    )
    application = make_application(edition, page=page, form_data={"ile_masz_dzieci": 2})
    content = coordinator_client.get(url("inspect", application)).content.decode()
    assert "Ile masz dzieci?" in content


def test_viewing_an_application_is_written_to_the_audit_log(
    coordinator, coordinator_client, application
):
    coordinator_client.get(url("inspect", application))
    entry = logs(application, "enrolment.view").get()
    assert entry.user == coordinator


def test_an_anonymised_application_says_its_data_was_removed(
    coordinator, coordinator_client, edition
):
    set_admin_language(coordinator, "en")
    application = make_application(edition, form_data={}, anonymised_at=timezone.now())
    content = coordinator_client.get(url("inspect", application)).content.decode()
    assert "personal data was removed" in content
    response = coordinator_client.post(url("add_note", application), {"text": "Notatka"})
    assert response.status_code == 302
    assert not application.notes.exists()


def test_the_detail_shows_an_undelivered_notification_with_its_error(
    coordinator, coordinator_client, application
):
    set_admin_language(coordinator, "en")
    Notification.objects.create(
        application=application,
        kind=NotificationKind.TEAM,
        recipients=[application.team.email],
        attempts=3,
        last_error="Connection refused",
    )
    content = coordinator_client.get(url("inspect", application)).content.decode()
    assert "Not delivered after 3 attempts" in content
    assert "Connection refused" in content


# Status and notes.


def test_a_status_change_is_saved_and_logged_from_and_to(
    coordinator, coordinator_client, application
):
    response = coordinator_client.post(
        url("change_status", application), {"status": "qualified"}, follow=True
    )
    assert response.status_code == 200
    assert len(list(response.context["messages"])) == 1
    application.refresh_from_db()
    assert application.status == "qualified"
    entry = logs(application, "enrolment.status_change").get()
    assert entry.user == coordinator
    assert entry.data == {"from": "new", "to": "qualified"}


def test_an_unknown_status_is_refused_and_nothing_changes(coordinator_client, application):
    response = coordinator_client.post(url("change_status", application), {"status": "accepted"})
    assert response.status_code == 200
    assert response.context["status_form"].errors
    application.refresh_from_db()
    assert application.status == "new"
    assert not logs(application, "enrolment.status_change").exists()


def test_a_note_is_added_and_logged_without_its_text(coordinator, coordinator_client, application):
    text = "Pani Zofia prosi o telefon po 18:00."
    response = coordinator_client.post(url("add_note", application), {"text": text}, follow=True)
    assert response.status_code == 200
    note = ApplicationNote.objects.get(application=application)
    assert (note.text, note.author) == (text, coordinator)
    assert text in response.content.decode()
    entry = logs(application, "enrolment.note").get()
    assert text not in json.dumps(entry.data)


def test_a_note_as_long_as_the_browser_lets_one_type_is_kept_line_breaks_and_all(
    coordinator_client, application
):
    # 20 lines of 99 characters: 1,999 as the browser counts them (each break one), sent with
    # each break as CR LF.
    text = "\r\n".join("n" * 99 for _ in range(20))
    coordinator_client.post(url("add_note", application), {"text": text})
    note = ApplicationNote.objects.get(application=application)
    assert note.text == text.replace("\r\n", "\n")


def test_an_empty_note_is_refused_and_shows_an_error(coordinator_client, application):
    response = coordinator_client.post(url("add_note", application), {"text": "  "})
    assert response.status_code == 200
    assert response.context["note_form"].errors
    assert not ApplicationNote.objects.filter(application=application).exists()


def test_a_post_without_a_csrf_token_is_refused(coordinator, application):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    response = client.post(url("change_status", application), {"status": "rejected"})
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == "new"


def test_there_is_no_way_to_create_or_edit_an_application_in_the_admin(
    coordinator_client, application
):
    assert coordinator_client.get(APPLICATIONS_URL + "new/").status_code == 404
    assert coordinator_client.get(APPLICATIONS_URL + f"edit/{application.pk}/").status_code == 404


def test_a_superuser_deletes_an_application_and_it_is_logged(client, application):
    admin = make_superuser()
    client.force_login(admin)
    assert client.get(url("delete", application)).status_code == 200
    assert client.post(url("delete", application)).status_code == 302
    assert not Application.objects.filter(pk=application.pk).exists()
    assert logs(application, "enrolment.delete").get().user == admin


# Listing and filters.


def test_the_list_filters_by_status_edition_and_undelivered_notifications(client, site, edition):
    client.force_login(make_superuser())
    contacted = make_application(edition, status="contacted")
    second_edition = another_edition(site.programme)
    assert second_edition.number == 2
    second = make_application(second_edition)
    pending = make_application(edition)
    Notification.objects.create(application=pending, kind=NotificationKind.TEAM)
    delivered = make_application(edition)
    Notification.objects.create(
        application=delivered, kind=NotificationKind.TEAM, delivered_at=timezone.now()
    )

    def listed(**params):
        response = client.get(APPLICATIONS_URL, params)
        return {application.pk for application in response.context["object_list"]}

    assert contacted.pk in listed(status="contacted")
    assert pending.pk not in listed(status="contacted")
    assert listed(edition_number=2, programme=site.programme.pk) >= {second.pk}
    assert contacted.pk not in listed(edition_number=2)
    assert listed(notification="undelivered") == {pending.pk}
    assert delivered.pk in listed(notification="delivered")


def test_the_newest_application_comes_first(client, edition):
    client.force_login(make_superuser())
    make_application(edition)
    newest = make_application(edition)
    response = client.get(APPLICATIONS_URL)
    assert response.context["object_list"][0] == newest


def test_the_notifications_menu_item_counts_failed_ones_only_while_there_are_some(
    coordinator, coordinator_client, application
):
    set_admin_language(coordinator, "en")
    marker = "Notifications: 1 failed"
    notification = Notification.objects.create(application=application, kind=NotificationKind.TEAM)
    assert marker not in coordinator_client.get("/admin/").content.decode()  # only waiting
    notification.failed_at = timezone.now()
    notification.save()
    assert marker in coordinator_client.get("/admin/").content.decode()
    notification.delivered_at = timezone.now()
    notification.save()
    assert marker not in coordinator_client.get("/admin/").content.decode()


# Export.


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_the_export_has_the_routing_columns_and_one_column_per_answer(
    coordinator, coordinator_client, application, export_format
):
    set_admin_language(coordinator, "en")
    rows = export_rows(coordinator_client, export_format)
    heading, row = rows[0], rows[1]
    assert heading[:6] == [
        "Reference number",
        "Received",
        "Programme",
        "Edition",
        "Team",
        "Status",
    ]
    assert row[0] == application.reference
    assert row[2] == application.programme.title
    assert str(row[3]) == str(application.edition_number)
    assert row[4] == application.team.name
    assert "Name" in heading
    assert row[heading.index("Name")] == PERSONAL["applicant_name"]
    assert row[heading.index("E-mail")] == PERSONAL["email"]


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_formula_looking_answers_are_exported_as_text(coordinator_client, edition, export_format):
    answers = {f"question_{index}": value for index, value in enumerate(FORMULAS)}
    answers["choices"] = ["=1+1", "b"]
    application = make_application(edition, form_data=answers)
    rows = export_rows(coordinator_client, export_format)
    heading = rows[0]
    row = next(row for row in rows[1:] if row[0] == application.reference)
    for name, value in answers.items():
        cell = row[heading.index(name)]
        expected = "=1+1, b" if name == "choices" else value
        # XML turns a carriage return into a line feed when the workbook is read back.
        assert cell in ("'" + expected, "'" + expected.replace("\r", "\n"))


def test_a_formula_looking_question_label_is_neutralised_in_the_heading(
    coordinator_client, site, edition
):
    page = add_questions(
        site.form,
        {"label": "=cmd|' /C calc'!A0", "field_type": "singleline", "clean_name": "pytanie"},
    )
    make_application(edition, page=page, form_data={"pytanie": "tak"})
    for export_format in ("csv", "xlsx"):
        heading = export_rows(coordinator_client, export_format)[0]
        assert "'=cmd|' /C calc'!A0" in heading


def test_an_export_is_logged_once_per_exported_application(
    coordinator, coordinator_client, application, edition
):
    other = make_application(edition)
    references = exported_references(coordinator_client, "csv")
    assert {application.reference, other.reference} <= references
    for exported in (application, other):
        entry = logs(exported, "enrolment.export").get()
        assert (entry.user, entry.data) == (coordinator, {"format": "csv"})


def test_the_export_follows_the_lists_filters(coordinator_client, application, edition):
    contacted = make_application(edition, status="contacted")
    assert exported_references(coordinator_client, "csv", status="contacted") == {
        contacted.reference
    }


def test_the_audit_log_holds_no_personal_data(coordinator_client, application):
    coordinator_client.get(url("inspect", application))
    coordinator_client.post(url("change_status", application), {"status": "contacted"})
    coordinator_client.post(url("add_note", application), {"text": PERSONAL["safe_contact"]})
    exported_references(coordinator_client, "xlsx")
    entries = ApplicationLogEntry.objects.filter(object_id=str(application.pk))
    assert entries.count() >= 4
    for entry in entries:
        logged = json.dumps(entry.data) + entry.label
        for value in PERSONAL.values():
            assert value not in logged


# Pages render in both admin languages.


@pytest.mark.parametrize("language", ["pl", "en"])
def test_the_admin_pages_render_in_polish_and_english(client, application, language):
    admin = make_superuser()
    set_admin_language(admin, language)
    client.force_login(admin)
    Notification.objects.create(application=application, kind=NotificationKind.TEAM, attempts=1)
    ApplicationNote.objects.create(application=application, author=admin, text="Notatka")
    for address in (
        APPLICATIONS_URL,
        APPLICATIONS_URL + "?notification=undelivered&status=new",
        url("inspect", application),
        url("history", application),
        url("delete", application),
    ):
        response = client.get(address)
        assert response.status_code == 200, address
        assert f'lang="{language}"' in response.content.decode()


# The coordinators' groups.


def test_a_new_team_gets_a_coordinators_group_with_exactly_the_needed_permissions():
    team = Team.objects.create(
        name="Zespół Terenowej Pracy Socjalnej nr 9",
        short_name="ZTPS nr 9",
        number=9,
        email="ztps9@example.org",
        locale=Locale.get_default(),
    )
    assert team.coordinators_group is not None
    team.refresh_from_db()
    group = team.coordinators_group
    assert group.name == "Koordynatorzy – ZTPS nr 9"
    permissions = {
        f"{app_label}.{codename}"
        for app_label, codename in group.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }
    assert permissions == COORDINATOR_PERMISSIONS


def test_a_translated_team_shares_its_source_teams_group():
    team = make_team()
    team.refresh_from_db()
    english, _created = Locale.objects.get_or_create(language_code="en")
    translation = team.copy_for_translation(english)
    translation.save()
    translation.refresh_from_db()
    assert team.coordinators_group is not None
    assert translation.coordinators_group == team.coordinators_group


def test_teams_without_a_group_get_one_and_ensuring_again_changes_nothing():
    # Teams made before the coordinators' groups existed (or by a data import) have none.
    teams = TeamFactory.create_batch(2)
    Team.objects.filter(pk__in=[team.pk for team in teams]).update(coordinators_group=None)
    ensure_coordinator_groups()
    groups = dict(Team.objects.values_list("pk", "coordinators_group"))
    assert None not in groups.values()
    count = Group.objects.count()
    ensure_coordinator_groups()
    assert dict(Team.objects.values_list("pk", "coordinators_group")) == groups
    assert Group.objects.count() == count
