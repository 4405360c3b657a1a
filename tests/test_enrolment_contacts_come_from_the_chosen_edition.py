"""The form, the closed form and the confirmation name whom to call about the editions that
matter to the applicant, never the person of a finished edition; the confirmation names the
person of the edition the applicant chose, with the phone number, and repeats no heading.

The programme has a finished edition (Jolanta Nowicka's) and an upcoming one (Katarzyna
Wiśniewska's), besides the open edition it was built with."""

import re

import pytest

from programmes.models import Edition

from .enrolment_helpers import open_enrolment, submit, valid_answers
from .enrolment_world import (
    NO_ENROLMENT,
    coordinator,
    days_from_today,
    finished_edition,
    small_site,
    translated,
    upcoming_edition,
)
from .once_per_module import built_once
from .page_text import visible_text

pytestmark = pytest.mark.django_db

FINISHED_PERSON, FINISHED_PHONE = "Jolanta Nowicka", "71 700 10 01"
UPCOMING_PERSON, UPCOMING_PHONE = "Katarzyna Wiśniewska", "506 100 200"
# The first block of the editor's text under a heading of the template.
_FIRST_BLOCK = re.compile(
    r'(?s)<h2>[^<]*</h2>\s*<div class="rich-text">\s*<(p|h\d|ol|ul)\b[^>]*>(.*?)</\1>'
)


def build_world():
    """The programme with its finished and upcoming editions, and its form translated into
    Ukrainian and English (as an editor translates it)."""
    site = small_site()
    finished_edition(
        site.programme, responsible_person=coordinator(FINISHED_PERSON, FINISHED_PHONE)
    )
    upcoming_edition(
        site.programme, responsible_person=coordinator(UPCOMING_PERSON, UPCOMING_PHONE)
    )
    return {
        "site": site,
        "finished": Edition.objects.get(
            programme=site.programme, responsible_person__name=FINISHED_PERSON
        ),
        "upcoming": Edition.objects.get(
            programme=site.programme, responsible_person__name=UPCOMING_PERSON
        ),
        "translated_forms": {code: translated(site.form, code) for code in ["uk", "en"]},
    }


kept_world, world = built_once(build_world)


@pytest.fixture
def site(world):
    return world["site"]


@pytest.fixture
def polish_form(site):
    return site.form


@pytest.fixture
def translated_forms(world):
    return world["translated_forms"]


@pytest.fixture
def finished(world):
    return world["finished"]


@pytest.fixture
def upcoming(world):
    return world["upcoming"]


def main_text(response):
    assert response.status_code == 200
    markup = response.content.decode()
    return visible_text(markup.split('<main id="main-content"', 1)[-1].split("</main>", 1)[0])


def apply_and_confirm(client, page, chosen):
    response = submit(client, page, valid_answers(page, chosen))
    assert response.status_code == 302, response.content.decode()[:1000]
    return client.get(response["Location"])


def test_the_confirmation_names_only_the_chosen_editions_person_and_phone(
    client, polish_form, finished, upcoming
):
    # Both take applications, so that the form offers both persons' editions.
    open_enrolment(finished, upcoming)
    text = main_text(apply_and_confirm(client, polish_form, upcoming))
    assert UPCOMING_PERSON in text and UPCOMING_PHONE in text
    assert FINISHED_PERSON not in text and FINISHED_PHONE not in text


def test_the_confirmation_of_the_other_edition_names_its_own_person(
    client, polish_form, finished, upcoming
):
    open_enrolment(finished, upcoming)
    text = main_text(apply_and_confirm(client, polish_form, finished))
    assert FINISHED_PERSON in text and FINISHED_PHONE in text
    assert UPCOMING_PERSON not in text


def test_the_ukrainian_confirmation_names_the_chosen_editions_person(
    client, translated_forms, upcoming
):
    ukrainian_form = translated_forms["uk"]
    open_enrolment(upcoming)
    text = main_text(apply_and_confirm(client, ukrainian_form, upcoming))
    assert UPCOMING_PHONE in text and FINISHED_PHONE not in text


def test_the_form_names_the_people_of_the_open_editions_only(client, polish_form, upcoming):
    open_enrolment(upcoming)
    text = main_text(client.get(polish_form.url))
    assert UPCOMING_PERSON in text and UPCOMING_PHONE in text
    assert FINISHED_PERSON not in text


def test_the_closed_form_names_the_people_of_the_planned_editions_only(
    client, site, polish_form, upcoming
):
    Edition.objects.filter(programme=site.programme).update(**NO_ENROLMENT)
    Edition.objects.filter(pk=upcoming.pk).update(
        enrolment_opens_on=days_from_today(10), enrolment_closes_on=days_from_today(40)
    )
    text = main_text(client.get(polish_form.url))
    assert UPCOMING_PERSON in text and UPCOMING_PHONE in text
    assert FINISHED_PERSON not in text


@pytest.mark.parametrize("language", ["pl", "en", "uk"])
def test_the_confirmation_repeats_no_heading(
    client, polish_form, translated_forms, upcoming, language
):
    """Under the template's "What happens next" the editor's text goes straight to the steps:
    its first block is not a heading of its own (a short line ending with a colon)."""
    open_enrolment(upcoming)
    page = polish_form if language == "pl" else translated_forms[language]
    markup = apply_and_confirm(client, page, upcoming).content.decode()
    assert markup.count("<h2>") == len(set(re.findall(r"<h2>(.*?)</h2>", markup)))
    first_block = visible_text(_FIRST_BLOCK.search(markup).group(2))
    assert not (first_block.endswith(":") and len(first_block.split()) <= 5), first_block
