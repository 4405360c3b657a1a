"""A team's coordinator sees, exports and changes only their own team's applications."""

import pytest
from django.urls import reverse
from wagtail.contrib.forms.utils import get_forms_for_user

from enrolment.models import Application, ApplicationNote, EnrolmentFormPage

from .admin_helpers import (
    APPLICATIONS_URL,
    demo_edition,
    exported_references,
    is_refused,
    make_application,
    make_coordinator,
    make_editor,
    make_superuser,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def applications(violence_programme, lesnica_programme):
    """One application for each demo team: no. 4 (edition 1), no. 6 (edition 2), no. 2."""
    return {
        4: make_application(demo_edition(violence_programme, 1)),
        6: make_application(demo_edition(violence_programme, 2)),
        2: make_application(demo_edition(lesnica_programme, 1)),
    }


@pytest.fixture
def team_4_coordinator(applications):
    team = applications[4].team
    assert team.number == 4
    return make_coordinator(team)


def url(name, application):
    return reverse(f"enrolment_application:{name}", args=[application.pk])


def listed_references(client, **params):
    response = client.get(APPLICATIONS_URL, params)
    assert response.status_code == 200
    return {application.reference for application in response.context["object_list"]}


def test_the_demo_routes_the_editions_to_teams_4_6_and_2(applications):
    assert {number: app.team.number for number, app in applications.items()} == {4: 4, 6: 6, 2: 2}


def test_coordinator_lists_only_their_own_teams_applications(
    client, applications, team_4_coordinator
):
    client.force_login(team_4_coordinator)
    assert listed_references(client) == {applications[4].reference}


def test_a_filter_for_another_team_does_not_widen_the_list(
    client, applications, team_4_coordinator
):
    client.force_login(team_4_coordinator)
    references = listed_references(client, team=applications[6].team_id)
    assert applications[6].reference not in references


def test_coordinator_gets_404_on_another_teams_application(
    client, applications, team_4_coordinator
):
    client.force_login(team_4_coordinator)
    other = applications[6]
    assert client.get(url("inspect", other)).status_code == 404
    assert client.get(url("history", other)).status_code == 404
    assert client.get(url("delete", other)).status_code == 404
    assert client.post(url("delete", other)).status_code == 404
    assert Application.objects.filter(pk=other.pk).exists()


def test_coordinator_cannot_change_the_status_of_another_teams_application(
    client, applications, team_4_coordinator
):
    client.force_login(team_4_coordinator)
    other = applications[6]
    response = client.post(url("change_status", other), {"status": "rejected"})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == "new"


def test_coordinator_cannot_add_a_note_to_another_teams_application(
    client, applications, team_4_coordinator
):
    client.force_login(team_4_coordinator)
    other = applications[6]
    response = client.post(url("add_note", other), {"text": "Oddzwonić"})
    assert response.status_code == 404
    assert not ApplicationNote.objects.filter(application=other).exists()


def test_ids_of_other_teams_applications_cannot_be_guessed(
    client, applications, team_4_coordinator
):
    client.force_login(team_4_coordinator)
    own = applications[4]
    others = Application.objects.exclude(team=own.team)
    assert others.exists()
    for application in others:
        assert client.get(url("inspect", application)).status_code == 404
    assert client.get(url("inspect", own)).status_code == 200


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_coordinator_exports_only_their_own_teams_applications(
    client, applications, team_4_coordinator, export_format
):
    client.force_login(team_4_coordinator)
    assert exported_references(client, export_format) == {applications[4].reference}


def test_coordinator_handles_their_own_teams_application(client, applications, team_4_coordinator):
    client.force_login(team_4_coordinator)
    own = applications[4]
    assert client.post(url("change_status", own), {"status": "contacted"}).status_code == 302
    assert client.post(url("add_note", own), {"text": "Umówiona rozmowa."}).status_code == 302
    own.refresh_from_db()
    assert own.status == "contacted"
    assert own.notes.get().author == team_4_coordinator


def test_coordinator_may_not_delete_even_their_own_teams_application(
    client, applications, team_4_coordinator
):
    client.force_login(team_4_coordinator)
    own = applications[4]
    assert is_refused(client.get(url("delete", own)))
    assert is_refused(client.post(url("delete", own)))
    assert Application.objects.filter(pk=own.pk).exists()


def test_superuser_sees_and_exports_every_teams_applications(client, applications):
    client.force_login(make_superuser())
    everything = {application.reference for application in applications.values()}
    assert everything <= listed_references(client)
    assert everything <= exported_references(client, "csv")
    for application in applications.values():
        assert client.get(url("inspect", application)).status_code == 200


def test_model_permissions_without_a_coordinators_group_show_nothing(client, applications):
    user = make_user(
        permissions=[
            "wagtailadmin.access_admin",
            "enrolment.view_application",
            "enrolment.change_application",
            "enrolment.export_application",
        ]
    )
    client.force_login(user)
    assert is_refused(client.get(APPLICATIONS_URL))
    assert is_refused(client.get(APPLICATIONS_URL, {"export": "csv"}))
    for application in applications.values():
        assert client.get(url("inspect", application)).status_code == 404
        response = client.post(url("change_status", application), {"status": "rejected"})
        assert response.status_code == 404
    assert set(Application.objects.values_list("status", flat=True)) == {"new"}


def test_a_member_of_two_teams_sees_both(client, applications):
    user = make_coordinator(applications[4].team)
    user.groups.add(applications[2].team.coordinators_group)
    client.force_login(user)
    assert listed_references(client) == {applications[4].reference, applications[2].reference}


@pytest.fixture
def form_page(violence_programme):
    page = EnrolmentFormPage(
        title="Zgłoszenie testowe", slug="zgloszenie-testowe", next_steps="<p>Zadzwonimy.</p>"
    )
    violence_programme.add_child(instance=page)
    return page


def test_wagtails_forms_menu_hides_applications_from_editors(client, form_page, applications):
    # Closed to everyone (tests/test_wagtail_form_screens_are_closed.py has the superuser's side).
    editor = make_editor()
    assert not get_forms_for_user(editor).exists()
    assert not get_forms_for_user(make_superuser()).exists()

    client.force_login(editor)
    assert is_refused(client.get(reverse("wagtailforms:index")))
    submissions = reverse("wagtailforms:list_submissions", args=[form_page.pk])
    assert is_refused(client.get(submissions))
    assert is_refused(client.get(submissions, {"export": "csv"}))


def test_the_site_history_shows_a_coordinator_only_their_teams_entries(
    client, applications, team_4_coordinator
):
    superuser = make_superuser()
    client.force_login(superuser)
    for application in applications.values():
        client.get(reverse("enrolment_application:inspect", args=[application.pk]))

    client.force_login(team_4_coordinator)
    history = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert applications[4].reference in history
    assert applications[6].reference not in history
    assert applications[2].reference not in history
