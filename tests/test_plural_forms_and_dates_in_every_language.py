"""Numbers and months read naturally in Polish, Ukrainian and English."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from programmes.dates import month_range
from programmes.models import HoursUnit
from programmes.models.sections import describe_amount

PLACES = Template(
    "{% load i18n %}{% blocktranslate count counter=places %}{{ counter }} place"
    "{% plural %}{{ counter }} places{% endblocktranslate %}"
)


def places(language, count):
    with translation.override(language):
        return PLACES.render(Context({"places": count}))


@pytest.mark.parametrize(
    ("count", "polish", "ukrainian"),
    [
        (1, "1 miejsce", "1 місце"),
        (2, "2 miejsca", "2 місця"),
        (5, "5 miejsc", "5 місць"),
        (11, "11 miejsc", "11 місць"),
        (21, "21 miejsc", "21 місце"),
        (22, "22 miejsca", "22 місця"),
        (25, "25 miejsc", "25 місць"),
    ],
)
def test_places_take_the_right_plural_form(count, polish, ukrainian):
    assert places("pl", count) == polish
    assert places("uk", count) == ukrainian
    assert places("en", count) == (f"{count} place" if count == 1 else f"{count} places")


@pytest.mark.parametrize(
    ("count", "polish", "ukrainian"),
    [
        (1, "1 godzina dydaktyczna", "1 академічна година"),
        (2, "2 godziny dydaktyczne", "2 академічні години"),
        (5, "5 godzin dydaktycznych", "5 академічних годин"),
        (22, "22 godziny dydaktyczne", "22 академічні години"),
        (48, "48 godzin dydaktycznych", "48 академічних годин"),
    ],
)
def test_teaching_hours_take_the_right_plural_form(count, polish, ukrainian):
    with translation.override("pl"):
        assert describe_amount(count, HoursUnit.TEACHING_HOUR) == polish
    with translation.override("uk"):
        assert describe_amount(count, HoursUnit.TEACHING_HOUR) == ukrainian


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("pl", "maj 2021 – kwiecień 2022"),
        ("en", "May 2021 – April 2022"),
        ("uk", "травень 2021 – квітень 2022"),
    ],
)
def test_month_ranges_are_written_in_the_language_shown(language, expected):
    with translation.override(language):
        assert month_range(datetime.date(2021, 5, 1), datetime.date(2022, 4, 30)) == expected
