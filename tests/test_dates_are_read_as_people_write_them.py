"""A date typed into an enrolment form as it is written in a letter ("31.12.1980 r.", with the
Ukrainian "р.", spaces after the dots, "godz." before the hour) is read, not refused; what is
not a date is still refused with a message."""

import pytest

from enrolment.field_names import question_key
from enrolment.models import Application

from .enrolment_helpers import submit, valid_answers
from .enrolment_world import small_site, with_question

pytestmark = pytest.mark.django_db


def form_asking(field_type):
    site = small_site(sensitive=False)
    form = with_question(site.form, "Kiedy", field_type, required=True)
    question = question_key(form.get_form_fields().get(label="Kiedy").clean_name)
    return site, form, question


def stored_values():
    return {str(value) for value in Application.objects.get().form_data.values()}


@pytest.mark.parametrize(
    "typed",
    [
        "31.12.1980 r.",
        "31.12.1980r.",
        "31.12.1980 r",
        "31. 12. 1980",
        "31.12.1980 р.",
        "31.12.1980",
    ],
    ids=str,
)
def test_a_date_written_as_in_a_letter_is_read(client, typed):
    site, form, question = form_asking("date")

    response = submit(client, form, valid_answers(form, site.edition, **{question: typed}))

    assert response.status_code == 302
    assert "1980-12-31" in stored_values()


@pytest.mark.parametrize(
    "typed", ["31.12.2026 r., godz. 9:30", "31.12.2026 godz. 09:30", "31.12.2026, 9:30"], ids=str
)
def test_a_date_and_hour_written_as_in_a_letter_are_read(client, typed):
    site, form, question = form_asking("datetime")

    response = submit(client, form, valid_answers(form, site.edition, **{question: typed}))

    assert response.status_code == 302
    assert "2026-12-31T09:30:00+01:00" in stored_values()  # half past nine in Poland


@pytest.mark.parametrize(
    ("field_type", "typed"),
    [
        ("date", "31.13.1980 r."),
        ("date", "r."),
        ("date", "rok 1980"),
        ("date", "trzydziesty pierwszy"),
        # Read as a time with an offset, it would be stored as nine in the evening.
        ("datetime", "2026-12-31 9:30 - 10:30"),
        ("datetime", "2026-12-31 9:30-10:30"),
        ("datetime", "2026-12-31T09:30:00+02:00"),
    ],
    ids=str,
)
def test_what_is_not_a_date_is_still_refused_with_a_message(client, field_type, typed):
    site, form, question = form_asking(field_type)

    response = submit(client, form, valid_answers(form, site.edition, **{question: typed}))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Wpisz poprawną datę" in html  # "Enter a valid date." (or "date/time.")
    assert not Application.objects.exists()
