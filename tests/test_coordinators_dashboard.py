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
from programmes.models import Edition

from .admin_helpers import (
    demo_edition,
    make_application,
    make_coordinator,
    make_superuser,
    make_user,
)

pytestmark = pytest.mark.django_db

# 00:30 on 2 March in Warsaw, still 1 March in UTC: the 14 days count from the Warsaw date.
NOW = datetime.datetime(2030, 3, 1, 23, 30, tzinfo=datetime.UTC)
WARSAW_TODAY = datetime.date(2030, 3, 2)


def day(offset):
    return WARSAW_TODAY + datetime.timedelta(days=offset)


def add_edition(like, number, opens_on, closes_on):
    """Another edition of the same programme, run by the same team."""
    return Edition.objects.create(
        programme=like.programme,
        locale=like.locale,
        number=number,
        starts_on=day(60),
        ends_on=day(300),
        places=10,
        team=like.team,
        responsible_person=like.responsible_person,
        enrolment_opens_on=opens_on,
        enrolment_closes_on=closes_on,
    )


@pytest.fixture
def teams_work(violence_programme):
    """Team no. 4: two new applications and one being handled, one notification not delivered,
    editions opening in 14 days, closing in 8 days and opening in 15 days. Team no. 6: one of
    everything."""
    team_4_edition = demo_edition(violence_programme, 1)
    team_6_edition = demo_edition(violence_programme, 2)
    assert (team_4_edition.team.number, team_6_edition.team.number) == (4, 6)

    new_4 = [make_application(team_4_edition) for _ in range(2)]
    handled_4 = make_application(team_4_edition, status=ApplicationStatus.CONTACTED)
    Notification.objects.create(application=new_4[0], kind=NotificationKind.TEAM)
    Notification.objects.create(
        application=handled_4, kind=NotificationKind.TEAM, delivered_at=timezone.now()
    )
    opening = add_edition(team_4_edition, 11, day(14), day(30))
    closing = add_edition(team_4_edition, 12, day(-5), day(8))
    add_edition(team_4_edition, 13, day(15), day(30))

    new_6 = make_application(team_6_edition)
    Notification.objects.create(application=new_6, kind=NotificationKind.TEAM)
    add_edition(team_6_edition, 16, day(3), day(20))
    return {
        "team_4": team_4_edition.team,
        "new_4": new_4,
        "opening": opening,
        "closing": closing,
        "new_6": new_6,
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


def test_the_panel_counts_team_4s_work_and_shows_nothing_of_team_6(client, teams_work):
    html = dashboard(client, make_coordinator(teams_work["team_4"]))
    rows = team_rows(html)
    assert list(rows) == [4]
    team_4 = rows[4]
    assert number_in(team_4["new"]) == 2
    assert number_in(team_4["undelivered"]) == 1
    assert teams_work["opening"].label in team_4["editions"]
    assert teams_work["closing"].label in team_4["editions"]
    assert "Edition 13" not in team_4["editions"] and "Edycja 13" not in team_4["editions"]
    assert "Edycja 16" not in html and "Edition 16" not in html


def test_the_counts_link_to_exactly_those_applications(client, teams_work):
    coordinator = make_coordinator(teams_work["team_4"])
    team_4 = team_rows(dashboard(client, coordinator))[4]
    new_url = re.search(r'href="([^"]+)"', team_4["new"]).group(1).replace("&amp;", "&")
    with time_machine.travel(NOW, tick=False):
        listed = client.get(new_url).context["object_list"]
    assert {application.reference for application in listed} == {
        application.reference for application in teams_work["new_4"]
    }


def test_superusers_see_every_team(client, teams_work):
    rows = team_rows(dashboard(client, make_superuser()))
    assert {2, 4, 6} <= set(rows)
    assert number_in(rows[6]["new"]) == 1


def test_editors_who_coordinate_no_team_get_no_panel(client, teams_work):
    editor = make_user(groups=[Group.objects.get(name=roles.EDITORS)])
    assert team_rows(dashboard(client, editor)) == {}
