"""A directory reads the institution's opening hours from the HSDS API as schedules, which the
standard defines as when a place is open: a line of the hours that closes the place (both times
left empty: weekends, a holiday) is no schedule, or the directory would show the office open on
Saturdays and on the holiday. The closure is said in the place's description instead, as the
page lists it."""

import datetime

import pytest

from home.models import HoursRuleKind, Institution, InstitutionOpeningHours

from .builders import make_contact_point
from .factories import SmallSite, polish
from .once_per_module import built_once

pytestmark = pytest.mark.django_db

API = "/api/hsds"
HOLIDAY = datetime.date(2099, 5, 1)  # a Friday
OPEN_SATURDAY = datetime.date(2099, 5, 9)
MONDAY_TO_FRIDAY = [0, 1, 2, 3, 4]
WEEKEND = [5, 6]


def hours(opens=None, closes=None, **line):
    return {
        "opens": datetime.time(*opens) if opens else None,
        "closes": datetime.time(*closes) if closes else None,
        **line,
    }


def build_world():
    """A small site, the institution open on working days but on a holiday, closed at weekends
    but on one Saturday, and a desk closed on the holiday."""
    site = SmallSite.build()
    institution, _ = Institution.objects.update_or_create(
        locale=polish(),
        defaults={
            "name": "Ośrodek Pomocy Społecznej",
            "hours_note": "Kasa czynna do 14:00.",
            "street_address": "ul. Testowa 1",
            "postal_code": "50-001",
            "city": "Wrocław",
        },
    )
    institution.opening_hours.all().delete()
    for index, line in enumerate(
        [
            hours((8, 0), (16, 0), kind=HoursRuleKind.WEEKLY, weekdays=MONDAY_TO_FRIDAY),
            hours(kind=HoursRuleKind.WEEKLY, weekdays=WEEKEND),
            hours(kind=HoursRuleKind.DATE, date=HOLIDAY),
            hours((10, 0), (13, 0), kind=HoursRuleKind.DATE, date=OPEN_SATURDAY),
        ]
    ):
        InstitutionOpeningHours.objects.create(institution=institution, sort_order=index, **line)
    make_contact_point(
        name="Punkt Konsultacyjny",
        room="pokój 12",
        hours=[
            hours((9, 0), (15, 0), kind=HoursRuleKind.WEEKLY, weekdays=MONDAY_TO_FRIDAY),
            hours(kind=HoursRuleKind.DATE, date=HOLIDAY),
        ],
    )
    return site


kept_world, site = built_once(build_world, name="site")


def locations(client):
    organization_id = client.get(f"{API}/organizations").json()["contents"][0]["id"]
    organization = client.get(f"{API}/organizations/{organization_id}").json()
    return {location["name"]: location for location in organization["locations"]}


def test_every_schedule_of_a_place_is_a_time_it_is_open(client, site):
    for name, location in locations(client).items():
        assert location["schedules"], name
        for schedule in location["schedules"]:
            assert schedule["opens_at"] < schedule["closes_at"], (name, schedule)


def test_a_closed_weekend_and_holiday_are_no_schedules(client, site):
    schedules = locations(client)["Ośrodek Pomocy Społecznej"]["schedules"]
    assert [schedule.get("byday") for schedule in schedules if "freq" in schedule] == [
        "MO,TU,WE,TH,FR"
    ]
    one_day = [
        (s["valid_from"], s["opens_at"], s["closes_at"]) for s in schedules if "valid_from" in s
    ]
    # The Saturday the office opens stays: it is a time it is open.
    assert one_day == [(OPEN_SATURDAY.isoformat(), "10:00", "13:00")]


def test_the_closures_are_said_in_the_places_description(client, site):
    found = locations(client)
    assert found["Ośrodek Pomocy Społecznej"]["description"].splitlines() == [
        "Kasa czynna do 14:00.",
        "Sobota i niedziela: nieczynne",
        "1 maja 2099: nieczynne",
    ]
    desk = found["Punkt Konsultacyjny"]
    assert desk["description"].splitlines() == ["pokój 12", "1 maja 2099: nieczynne"]
    assert [schedule.get("byday") for schedule in desk["schedules"]] == ["MO,TU,WE,TH,FR"]
