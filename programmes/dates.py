"""Dates as readers see them: month ranges in the language being shown."""

from django.utils import dateformat
from django.utils.translation import get_language

# Django's month names are capitalised; these languages write them in lower case mid-sentence.
LOWERCASE_MONTH_LANGUAGES = {"pl", "uk"}


def month_and_year(day):
    """ "maj 2021", "May 2021", "травень 2021": the nominative month name and the year."""
    month = dateformat.format(day, "F")
    if (get_language() or "").split("-")[0] in LOWERCASE_MONTH_LANGUAGES:
        month = month.lower()
    return f"{month} {day.year}"


def month_range(start, end):
    """ "maj 2021 – kwiecień 2022"; "May 2021 – April 2022"."""
    return f"{month_and_year(start)} – {month_and_year(end)}"
