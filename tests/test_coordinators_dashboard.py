"""The admin dashboard tells a coordinator what needs them: their teams' new applications, the
waiting list and the places offered from it, the notifications that failed and those waiting to
be sent, and enrolments opening or closing in the next 14 days; and it offers them a search of
their applications, not of the pages they cannot open."""

import datetime
import hashlib
import re
from pathlib import Path

import pytest
import time_machine
import wagtail.admin
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from enrolment.data_rights import DATA_PROTECTION_OFFICERS
from enrolment.models import ApplicationStatus, Notification, NotificationKind
from home import roles

from .admin_factories import another_edition
from .admin_helpers import make_application, make_coordinator, make_superuser, make_user
from .builders import edition_like
from .factories import SmallSite, TeamFactory
from .once_per_module import built_once
from .test_admin_speaks_polish import set_admin_language

pytestmark = pytest.mark.django_db

# 00:30 on 2 March in Warsaw, still 1 March in UTC: the 14 days count from the Warsaw date.
NOW = datetime.datetime(2030, 3, 1, 23, 30, tzinfo=datetime.UTC)
WARSAW_TODAY = datetime.date(2030, 3, 2)
# wagtail/admin/templates/wagtailadmin/home.html of Wagtail 7.4, which ours repeats.
WAGTAIL_HOME_TEMPLATE_SHA256 = "7eb3ee7b5a9d1355b79a97fdc4c6a9c8612821bb1cdccf24efdd7a36c827c17d"


def day(offset):
    return WARSAW_TODAY + datetime.timedelta(days=offset)


def add_edition(like, number, opens_on, closes_on):
    """Another edition of the same programme, run by the same team."""
    return edition_like(like, number, opens_on, closes_on, WARSAW_TODAY)


def build_teams_work():
    """One programme, two teams. Ours: two new applications, three on the waiting list, one
    offered a place and one being handled; one notification waiting to be sent, two failed,
    one delivered; editions opening in 14 days, closing in 8 days and opening in 15 days. The
    other team: one of everything. A third team has no work at all."""
    site = SmallSite.build()
    our_edition = site.edition
    other_edition = another_edition(site.programme)
    assert our_edition.team != other_edition.team

    new_ours = [make_application(our_edition) for _ in range(2)]
    waiting_ours = [
        make_application(our_edition, status=ApplicationStatus.WAITING_LIST) for _ in range(3)
    ]
    offered_ours = make_application(our_edition, status=ApplicationStatus.PLACE_OFFERED)
    handled_ours = make_application(our_edition, status=ApplicationStatus.CONTACTED)
    Notification.objects.create(application=new_ours[0], kind=NotificationKind.TEAM)
    for failed in (new_ours[1], offered_ours):
        Notification.objects.create(
            application=failed, kind=NotificationKind.TEAM, failed_at=timezone.now()
        )
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
        "waiting_ours": waiting_ours,
        "offered_ours": [offered_ours],
        "opening": opening,
        "closing": closing,
        "other": other_edition.team,
        "new_other": new_other,
        "idle": TeamFactory(),
    }


kept_world, teams_work = built_once(build_teams_work, name="teams_work")


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
    assert number_in(our_row["waiting_list"]) == 3
    assert number_in(our_row["places_offered"]) == 1
    assert number_in(our_row["failed"]) == 2
    assert number_in(our_row["waiting"]) == 1
    assert teams_work["opening"].label in our_row["editions"]
    assert teams_work["closing"].label in our_row["editions"]
    assert "Edition 13" not in our_row["editions"] and "Edycja 13" not in our_row["editions"]
    assert "Edycja 16" not in html and "Edition 16" not in html


def link_in(cell):
    return re.search(r'href="([^"]+)"', cell).group(1).replace("&amp;", "&")


@pytest.mark.parametrize(
    "column, applications",
    [("new", "new_ours"), ("waiting_list", "waiting_ours"), ("places_offered", "offered_ours")],
)
def test_the_counts_link_to_exactly_those_applications(client, teams_work, column, applications):
    ours = teams_work["ours"]
    our_row = team_rows(dashboard(client, make_coordinator(ours)))[ours.number]
    with time_machine.travel(NOW, tick=False):
        listed = client.get(link_in(our_row[column])).context["object_list"]
    assert {application.reference for application in listed} == {
        application.reference for application in teams_work[applications]
    }


def test_the_notification_counts_lead_to_the_failed_and_the_waiting_ones(client, teams_work):
    ours = teams_work["ours"]
    our_row = team_rows(dashboard(client, make_coordinator(ours)))[ours.number]
    notifications = reverse("enrolment_notifications")
    assert link_in(our_row["failed"]) == f"{notifications}#failed-notifications"
    assert link_in(our_row["waiting"]) == f"{notifications}#waiting-notifications"
    page = client.get(notifications).content.decode()
    assert 'id="failed-notifications"' in page and 'id="waiting-notifications"' in page


def test_the_dashboard_the_notifications_page_and_the_menu_count_failed_ones_alike(
    client, teams_work
):
    """ "Failed" is the same two notifications on the dashboard, on the notifications page and
    in the one menu item of notifications; the one waiting to be sent is not among them."""
    ours = teams_work["ours"]
    coordinator = make_coordinator(ours)
    set_admin_language(coordinator, "en")
    html = dashboard(client, coordinator)
    assert number_in(team_rows(html)[ours.number]["failed"]) == 2
    assert "Notifications: 2 failed" in html
    assert "Undelivered notifications" not in html
    page = client.get(reverse("enrolment_notifications")).content.decode()
    failed_section = page.split('id="failed-notifications"', 1)[1].split("</section>", 1)[0]
    assert failed_section.count("<tr data-notification") == 2


def test_superusers_see_every_team(client, teams_work):
    rows = team_rows(dashboard(client, make_superuser()))
    teams = (teams_work["ours"], teams_work["other"], teams_work["idle"])
    assert {team.number for team in teams} <= set(rows)
    assert number_in(rows[teams_work["other"].number]["new"]) == 1


def test_editors_who_coordinate_no_team_get_no_panel(client, teams_work):
    editor = make_user(groups=[Group.objects.get(name=roles.EDITORS)])
    assert team_rows(dashboard(client, editor)) == {}


# The search box.


def search_forms(html):
    """{action: placeholder} of the dashboard's search forms."""
    forms = re.findall(r'<form[^>]*action="([^"]*)"[^>]*role="search"(.*?)</form>', html, re.S)
    return {
        action: (re.search(r'placeholder="([^"]*)"', body) or [None, None])[1]
        for action, body in forms
    }


def test_a_coordinator_searches_the_applications_not_the_pages_they_cannot_open(client, teams_work):
    ours = teams_work["ours"]
    coordinator = make_coordinator(ours)
    set_admin_language(coordinator, "en")
    forms = search_forms(dashboard(client, coordinator))
    assert forms == {
        reverse("enrolment_application:index"): "Search: reference, name, phone, e-mail"
    }
    # And the search finds what it promises.
    with time_machine.travel(NOW, tick=False):
        response = client.get(
            reverse("enrolment_application:index"), {"q": teams_work["new_ours"][0].reference}
        )
    assert [a.reference for a in response.context["object_list"]] == [
        teams_work["new_ours"][0].reference
    ]


def test_a_data_protection_officer_gets_no_search_box_that_leads_to_an_error(client, teams_work):
    officer = make_user(groups=[Group.objects.get(name=DATA_PROTECTION_OFFICERS)])
    assert search_forms(dashboard(client, officer)) == {}


def test_those_who_may_explore_pages_keep_wagtails_page_search(client, teams_work):
    editor = make_user(groups=[Group.objects.get(name=roles.EDITORS)])
    forms = search_forms(dashboard(client, editor))
    assert len(forms) == 1
    (action,) = forms
    assert action.startswith("/admin/pages/")
    # Its hidden button speaks Polish too.
    assert 'value="Szukaj"' in dashboard(client, editor)


def test_the_dashboard_template_still_matches_the_wagtail_it_was_copied_from():
    """templates/wagtailadmin/home.html repeats the "content" block of Wagtail 7.4's dashboard
    (with the page search for those who may explore pages only). A Wagtail upgrade that changes
    the original fails here: compare the two, carry the change over, then the checksum here."""
    original = Path(wagtail.admin.__file__).parent / "templates/wagtailadmin/home.html"
    assert hashlib.sha256(original.read_bytes()).hexdigest() == WAGTAIL_HOME_TEMPLATE_SHA256
