"""Full rows for the repeatable parts of a programme page.

Every field is given, defaults included, so that updating an existing row in place also resets
what an earlier version of the demo data may have set.
"""

from programmes.models import FrequencyPeriod, HoursBasis, HoursUnit


def support_form(
    name,
    mode,
    description,
    *,
    hours=None,
    unit=HoursUnit.TEACHING_HOUR,
    basis=HoursBasis.TOTAL,
    average=False,
    times=None,
    period=FrequencyPeriod.MONTH,
):
    return {
        "name": name,
        "mode": mode,
        "description": description,
        "hours_amount": hours,
        "hours_unit": unit,
        "hours_basis": basis,
        "hours_is_average": average,
        "frequency_times": times,
        "frequency_period": period,
    }


def edition(number, starts_on, ends_on, places, team, person):
    """`team` is a team number and `person` a person's name; the builder resolves them."""
    return {
        "number": number,
        "title": "",
        "starts_on": starts_on,
        "ends_on": ends_on,
        "places": places,
        "team": team,
        "responsible_person": person,
        # The sources give no enrolment dates.
        "enrolment_opens_on": None,
        "enrolment_closes_on": None,
    }


# The seed editions are in the past: each programme gets one upcoming edition, marked as an
# example, so that a newcomer can try the enrolment form at once.
EXAMPLE_EDITION_TITLE = "przykładowa edycja do wypróbowania formularza"


def example_edition(number, places, team, person):
    """An upcoming edition to try the enrolment form with; the builder gives its dates."""
    return {
        "number": number,
        "title": EXAMPLE_EDITION_TITLE,
        "places": places,
        "team": team,
        "responsible_person": person,
    }


def question(label, field_type, *, required, choices=(), help_text="", autocomplete=""):
    """An editor's question on an enrolment form; `choices` are written one per line, and
    `autocomplete` is what it asks of the applicant's own data (enrolment.input_purposes)."""
    return {
        "label": label,
        "field_type": field_type,
        "required": required,
        "choices": "\n".join(choices),
        "default_value": "",
        "help_text": help_text,
        "autocomplete": autocomplete,
    }
