"""Readers see today's hours of each desk, in Warsaw time, with the exceptions applied."""

import datetime

import pytest
import time_machine
from django.utils import translation

from home.models import ContactPoint

from .builders import make_contact_point

pytestmark = pytest.mark.django_db

WARSAW = datetime.timezone(datetime.timedelta(hours=1))  # CET, the months used below


def at_noon(year, month, day):
    return datetime.datetime(year, month, day, 12, 0, tzinfo=WARSAW)


def time(text):
    return datetime.time.fromisoformat(text)


# The demo's desks (their hours come from the seeds); the tests that read them are marked `demo`.
@pytest.fixture
def cash_desks():
    return ContactPoint.objects.get(name__startswith="Kasy", locale__language_code="pl")


@pytest.fixture
def family_card_desk():
    return ContactPoint.objects.get(name__startswith="Karta Rodzina", locale__language_code="pl")


@pytest.mark.demo
def test_cash_desks_close_at_noon_on_the_last_day_of_the_month(cash_desks):
    with time_machine.travel(at_noon(2026, 11, 30), tick=False):  # a Monday
        today = cash_desks.hours_today()
    assert (today.opens, today.closes) == (time("10:00"), time("12:00"))
    assert today.is_exception


@pytest.mark.demo
def test_cash_desks_keep_usual_hours_on_another_day(cash_desks):
    with time_machine.travel(at_noon(2026, 11, 27), tick=False):  # a Friday
        today = cash_desks.hours_today()
    assert (today.opens, today.closes) == (time("10:00"), time("14:00"))
    assert not today.is_exception


@pytest.mark.demo
def test_cash_desks_are_closed_when_the_last_day_of_the_month_is_a_sunday(cash_desks):
    with time_machine.travel(at_noon(2026, 5, 31), tick=False):
        assert not cash_desks.hours_today().is_open


@pytest.mark.demo
def test_family_card_desk_stays_open_longer_on_thursday(family_card_desk):
    with time_machine.travel(at_noon(2026, 11, 26), tick=False):  # a Thursday
        today = family_card_desk.hours_today()
    assert (today.opens, today.closes) == (time("08:00"), time("16:30"))


@pytest.mark.demo
def test_family_card_desk_keeps_short_hours_on_monday(family_card_desk):
    with time_machine.travel(at_noon(2026, 11, 23), tick=False):  # a Monday
        today = family_card_desk.hours_today()
    assert (today.opens, today.closes) == (time("08:00"), time("15:00"))


def test_today_is_the_day_in_warsaw_not_in_utc():
    point = make_contact_point(
        hours=[
            {"kind": "weekly", "weekdays": [0], "opens": time("08:00"), "closes": time("15:00")},
        ]
    )
    # 23:30 UTC on Sunday is already Monday 00:30 in Warsaw.
    with time_machine.travel(datetime.datetime(2026, 11, 22, 23, 30, tzinfo=datetime.UTC)):
        assert point.hours_today().is_open


def test_one_date_line_can_close_a_working_day():
    point = make_contact_point(
        hours=[
            {
                "kind": "weekly",
                "weekdays": [0, 1, 2, 3, 4],
                "opens": time("08:00"),
                "closes": time("15:00"),
            },
            {"kind": "date", "date": datetime.date(2026, 12, 24)},
        ]
    )
    assert not point.hours_on(datetime.date(2026, 12, 24)).is_open
    assert point.hours_on(datetime.date(2026, 12, 23)).is_open


@pytest.mark.demo
def test_weekly_hours_are_described_as_readers_write_them(family_card_desk):
    with translation.override("pl"):
        lines = [
            (line.describe_when(), line.describe_hours()) for line in family_card_desk.hours_lines()
        ]
    assert lines == [
        ("poniedziałek – środa i piątek", "8:00–15:00"),
        ("czwartek", "8:00–16:30"),
    ]


@pytest.mark.demo
def test_family_card_desk_shows_todays_hours_on_every_page(client, family_card_desk):
    with time_machine.travel(at_noon(2026, 11, 26), tick=False):
        response = client.get("/")
    assert "8:00–16:30" in response.content.decode()
