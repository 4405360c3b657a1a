"""Adding a team in the admin gives it a coordinators' group with exactly what coordinators need:
the admin, and the applications of that team (see, change status, export), nothing else."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupCollectionPermission, GroupPagePermission

from enrolment.signals import COORDINATOR_PERMISSIONS
from home import roles
from programmes.models import Team

from .admin_factories import another_edition, language
from .admin_forms import form_data
from .admin_helpers import APPLICATIONS_URL, is_refused, make_application, make_user
from .factories import PersonFactory, SmallSite

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator_client(client):
    client.force_login(make_user(groups=[Group.objects.get(name=roles.MODERATORS)]))
    return client


def add_team(client, **values):
    url = reverse("wagtailsnippets_programmes_team:add") + "?locale=pl"
    data = form_data(client.get(url).content.decode(), "w-editor-form", **values)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    return Team.objects.get(number=values["number"], locale__language_code="pl")


def new_team_7(client):
    return add_team(
        client,
        name="Zespół Terenowej Pracy Socjalnej nr 7",
        short_name="ZTPS nr 7",
        number="7",
        email="ztps7@example.org",
    )


def test_adding_a_team_in_the_admin_creates_its_coordinators_group(moderator_client):
    team = new_team_7(moderator_client)
    group = team.coordinators_group
    assert group.name == "Koordynatorzy – ZTPS nr 7"
    granted = {(p.content_type.app_label, p.codename) for p in group.permissions.all()}
    assert granted == {(app, codename) for app, _model, codename, _name in COORDINATOR_PERMISSIONS}
    assert not GroupPagePermission.objects.filter(group=group).exists()
    assert not GroupCollectionPermission.objects.filter(group=group).exists()


def test_the_new_groups_members_see_that_teams_applications_and_no_page(client, moderator_client):
    site = SmallSite.build()
    team = new_team_7(moderator_client)
    edition = another_edition(site.programme, responsible_person=PersonFactory(team=team))
    assert edition.team == team
    theirs = make_application(edition)
    others = make_application(site.edition)

    client.force_login(make_user(groups=[team.coordinators_group]))
    listed = client.get(APPLICATIONS_URL).context["object_list"]
    assert [application.reference for application in listed] == [theirs.reference]
    assert others.team != team
    assert is_refused(client.get(reverse("wagtailadmin_pages:edit", args=[site.programme.pk])))


def test_a_translated_team_shares_its_coordinators_group(moderator_client):
    team = new_team_7(moderator_client)
    english = language("en")
    url = reverse(
        "wagtail_localize:submit_snippet_translation", args=["programmes", "team", team.pk]
    )
    assert moderator_client.post(url, {"locales": [english.pk]}).status_code == 302
    translated = team.get_translation(english)
    assert translated.coordinators_group == team.coordinators_group
    assert Group.objects.filter(name__startswith="Koordynatorzy – ZTPS nr 7").count() == 1
