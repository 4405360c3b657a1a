"""The retention cut-off N months back keeps the day of the month, or takes the last day of that
month when it is shorter (as enrolment.retention documents: 31 March minus one month is the last
day of February)."""

import datetime

import pytest

from enrolment.retention import cutoff


@pytest.mark.parametrize(
    ("today", "months", "expected"),
    [
        (datetime.date(2027, 3, 31), 1, datetime.date(2027, 2, 28)),
        (datetime.date(2028, 3, 31), 1, datetime.date(2028, 2, 29)),  # a leap year
        (datetime.date(2028, 2, 29), 12, datetime.date(2027, 2, 28)),
        (datetime.date(2028, 1, 31), 13, datetime.date(2026, 12, 31)),  # across two year ends
        (datetime.date(2028, 12, 1), 12, datetime.date(2027, 12, 1)),
        (datetime.date(2028, 12, 1), 0, datetime.date(2028, 12, 1)),
    ],
)
def test_the_cut_off_is_the_same_day_or_the_last_day_of_a_shorter_month(today, months, expected):
    assert cutoff(today=today, months=months) == expected


def test_a_negative_number_of_months_is_refused():
    with pytest.raises(ValueError):
        cutoff(today=datetime.date(2028, 12, 1), months=-1)
