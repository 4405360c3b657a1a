"""The admin dashboard tells a coordinator what needs them: their teams' new applications,
notifications not delivered yet, and enrolments opening or closing in the next 14 days."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from enrolment.models import ApplicationStatus, Notification, NotificationKind
from home import roles

from .admin_factories import another_edition
from .admin_helpers import make_application, make_coordinator, make_superuser, make_user
from .builders import edition_like
from .factories import SmallSite, TeamFactory

pytestmark = pytest.mark.django_db

# 00:30 on 2 March in Warsaw, still 1 March in UTC: the 14 days count from the Warsaw date.
NOW = datetime.datetime(2030, 3, 1, 23, 30, tzinfo=datetime.UTC)
WARSAW_TODAY = datetime.date(2030, 3, 2)


def day(offset):
    return WARSAW_TODAY + datetime.timedelta(days=offset)


def add_edition(like, number, opens_on, closes_on):
    """Another edition of the same programme, run by the same team."""
    return edition_like(like, number, opens_on, closes_on, WARSAW_TODAY)


@pytest.fixture
def teams_work():
    """One programme, two teams. Ours: two new applications and one being handled, one
    notification not delivered, editions opening in 14 days, closing in 8 days and opening in
    15 days. The other team: one of everything. A third team has no work at all."""
    site = SmallSite.build()
    our_edition = site.edition
    other_edition = another_edition(site.programme)
    assert our_edition.team != other_edition.team

    new_ours = [make_application(our_edition) for _ in range(2)]
    handled_ours = make_application(our_edition, status=ApplicationStatus.CONTACTED)
    Notification.objects.create(application=new_ours[0], kind=NotificationKind.TEAM)
    Notification.objects.create(
        application=handled_ours, kind=NotificationKind.TEAM, delivered_at=timezone.now()
    )
    opening = add_edition(our_edition, 11, day(14), day(30))
    closing = add_edition(our_edition, 12, day(-5), day(8))
    add_edition(our_edition, 13, day(15), day(30))

    new_other = make_application(other_edition)
    Notification.objects.create(application=new_other, kind=NotificationKind.TEAM)
    add_edition(other_edition, 16, day(3), day(20))
    return {
        "ours": our_edition.team,
        "new_ours": new_ours,
        "opening": opening,
        "closing": closing,
        "other": other_edition.team,
        "new_other": new_other,
        "idle": TeamFactory(),
    }


def dashboard(client, user):
    with time_machine.travel(NOW, tick=False):
        client.force_login(user)
        response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def team_rows(html):
    """{team number: {column: cell html}} from the coordinators' panel."""
    rows = {}
    for number, row in re.findall(r'<tr data-team="(\d+)">(.*?)</tr>', html, re.S):
        cells = re.findall(r'<td data-count="(\w+)">(.*?)</td>', row, re.S)
        rows[int(number)] = dict(cells)
    return rows


def number_in(cell):
    return int(re.sub(r"<[^>]+>", "", cell).strip())


def test_the_panel_counts_the_own_teams_work_and_shows_nothing_of_another_team(client, teams_work):
    ours = teams_work["ours"]
    html = dashboard(client, make_coordinator(ours))
    rows = team_rows(html)
    assert list(rows) == [ours.number]
    our_row = rows[ours.number]
    assert number_in(our_row["new"]) == 2
    assert number_in(our_row["undelivered"]) == 1
    assert teams_work["opening"].label in our_row["editions"]
    assert teams_work["closing"].label in our_row["editions"]
    assert "Edition 13" not in our_row["editions"] and "Edycja 13" not in our_row["editions"]
    assert "Edycja 16" not in html and "Edition 16" not in html


def test_the_counts_link_to_exactly_those_applications(client, teams_work):
    ours = teams_work["ours"]
    our_row = team_rows(dashboard(client, make_coordinator(ours)))[ours.number]
    new_url = re.search(r'href="([^"]+)"', our_row["new"]).group(1).replace("&amp;", "&")
    with time_machine.travel(NOW, tick=False):
        listed = client.get(new_url).context["object_list"]
    assert {application.reference for application in listed} == {
        application.reference for application in teams_work["new_ours"]
    }


def test_superusers_see_every_team(client, teams_work):
    rows = team_rows(dashboard(client, make_superuser()))
    teams = (teams_work["ours"], teams_work["other"], teams_work["idle"])
    assert {team.number for team in teams} <= set(rows)
    assert number_in(rows[teams_work["other"].number]["new"]) == 1


def test_editors_who_coordinate_no_team_get_no_panel(client, teams_work):
    editor = make_user(groups=[Group.objects.get(name=roles.EDITORS)])
    assert team_rows(dashboard(client, editor)) == {}
