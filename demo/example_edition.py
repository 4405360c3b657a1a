"""The dates of each programme's example edition, so that the demo always has an open form.

Enrolment opens on the day the demo is built and stays open for `ENROLMENT_DAYS` days; the
edition starts on the first day of the month after enrolment closes and lasts `LENGTH_MONTHS`
whole months. A later run keeps the dates while enrolment is still open that day, and otherwise
moves the whole window to start on the day of the run.
"""

import datetime

from dateutil.relativedelta import relativedelta

ENROLMENT_DAYS = 60
LENGTH_MONTHS = 10

DATE_FIELDS = ["enrolment_opens_on", "enrolment_closes_on", "starts_on", "ends_on"]


def fresh_dates(today):
    """The window that opens today: 60 days of enrolment, then ten whole months of the edition."""
    closes_on = today + datetime.timedelta(days=ENROLMENT_DAYS)
    # The first day of the next month; the day before the first day LENGTH_MONTHS months later.
    starts_on = closes_on + relativedelta(months=1, day=1)
    ends_on = starts_on + relativedelta(months=LENGTH_MONTHS, days=-1)
    return {
        "enrolment_opens_on": today,
        "enrolment_closes_on": closes_on,
        "starts_on": starts_on,
        "ends_on": ends_on,
    }


def example_dates(existing, today):
    """Keep the existing example edition's dates while its enrolment is open today."""
    if existing is not None and existing.is_enrolment_open(today):
        return {name: getattr(existing, name) for name in DATE_FIELDS}
    return fresh_dates(today)
