"""A team's coordinator sees, exports and changes only their own team's applications."""

import pytest
from django.urls import reverse
from wagtail.contrib.forms.utils import get_forms_for_user

from enrolment.models import Application, ApplicationNote

from .admin_factories import another_edition, another_programme
from .admin_helpers import (
    APPLICATIONS_URL,
    exported_references,
    is_refused,
    make_application,
    make_coordinator,
    make_editor,
    make_superuser,
    make_user,
)
from .factories import SmallSite
from .once_per_module import built_once

pytestmark = pytest.mark.django_db


def build_world():
    """Three editions, each run by a team of its own: two of one programme, one of another; one
    application for each edition, so one for each team; a coordinator of the first team."""
    site = SmallSite.build()
    editions = {
        "own": site.edition,
        "other": another_edition(site.programme),
        "third": another_programme(site.programme_index),
    }
    applications = {key: make_application(edition) for key, edition in editions.items()}
    return {
        "site": site,
        "editions": editions,
        "applications": applications,
        "own_coordinator": make_coordinator(applications["own"].team),
    }


kept_world, world = built_once(build_world)


@pytest.fixture
def site(world):
    return world["site"]


@pytest.fixture
def editions(world):
    return world["editions"]


@pytest.fixture
def applications(world):
    return world["applications"]


@pytest.fixture
def own_coordinator(world):
    return world["own_coordinator"]


def url(name, application):
    return reverse(f"enrolment_application:{name}", args=[application.pk])


def listed_references(client, **params):
    response = client.get(APPLICATIONS_URL, params)
    assert response.status_code == 200
    return {application.reference for application in response.context["object_list"]}


def test_each_application_goes_to_the_team_of_its_edition(editions, applications):
    teams = {key: application.team for key, application in applications.items()}
    assert teams == {key: edition.team for key, edition in editions.items()}
    assert len(set(teams.values())) == 3


def test_coordinator_lists_only_their_own_teams_applications(client, applications, own_coordinator):
    client.force_login(own_coordinator)
    assert listed_references(client) == {applications["own"].reference}


def test_a_filter_for_another_team_does_not_widen_the_list(client, applications, own_coordinator):
    client.force_login(own_coordinator)
    references = listed_references(client, team=applications["other"].team_id)
    assert applications["other"].reference not in references


def test_coordinator_gets_404_on_another_teams_application(client, applications, own_coordinator):
    client.force_login(own_coordinator)
    other = applications["other"]
    assert client.get(url("inspect", other)).status_code == 404
    assert client.get(url("history", other)).status_code == 404
    assert client.get(url("delete", other)).status_code == 404
    assert client.post(url("delete", other)).status_code == 404
    assert Application.objects.filter(pk=other.pk).exists()


def test_coordinator_cannot_change_the_status_of_another_teams_application(
    client, applications, own_coordinator
):
    client.force_login(own_coordinator)
    other = applications["other"]
    response = client.post(url("change_status", other), {"status": "rejected"})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == "new"


def test_coordinator_cannot_add_a_note_to_another_teams_application(
    client, applications, own_coordinator
):
    client.force_login(own_coordinator)
    other = applications["other"]
    response = client.post(url("add_note", other), {"text": "Oddzwonić"})
    assert response.status_code == 404
    assert not ApplicationNote.objects.filter(application=other).exists()


def test_ids_of_other_teams_applications_cannot_be_guessed(client, applications, own_coordinator):
    client.force_login(own_coordinator)
    own = applications["own"]
    others = Application.objects.exclude(team=own.team)
    assert others.exists()
    for application in others:
        assert client.get(url("inspect", application)).status_code == 404
    assert client.get(url("inspect", own)).status_code == 200


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_coordinator_exports_only_their_own_teams_applications(
    client, applications, own_coordinator, export_format
):
    client.force_login(own_coordinator)
    assert exported_references(client, export_format) == {applications["own"].reference}


def test_coordinator_handles_their_own_teams_application(client, applications, own_coordinator):
    client.force_login(own_coordinator)
    own = applications["own"]
    assert client.post(url("change_status", own), {"status": "contacted"}).status_code == 302
    assert client.post(url("add_note", own), {"text": "Umówiona rozmowa."}).status_code == 302
    own.refresh_from_db()
    assert own.status == "contacted"
    assert own.notes.get().author == own_coordinator


def test_coordinator_may_not_delete_even_their_own_teams_application(
    client, applications, own_coordinator
):
    client.force_login(own_coordinator)
    own = applications["own"]
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
    user = make_coordinator(applications["own"].team)
    user.groups.add(applications["third"].team.coordinators_group)
    client.force_login(user)
    assert listed_references(client) == {
        applications["own"].reference,
        applications["third"].reference,
    }


@pytest.fixture
def form_page(site):
    return site.form


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
    client, applications, own_coordinator
):
    superuser = make_superuser()
    client.force_login(superuser)
    for application in applications.values():
        client.get(reverse("enrolment_application:inspect", args=[application.pk]))

    client.force_login(own_coordinator)
    history = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert applications["own"].reference in history
    assert applications["other"].reference not in history
    assert applications["third"].reference not in history
