"""The form, the closed form and the confirmation name whom to call about the editions that
matter to the applicant, never the person of a finished edition; the confirmation names the
person of the edition the applicant chose, with the phone number, and repeats no heading.

In the violence-victims programme edition 1 (finished) is Jolanta Orszulak's, edition 3 (the
demo's example, upcoming) Katarzyna Kopycka's."""

import datetime
import re

import pytest
from django.utils import timezone
from wagtail.models import Locale

from enrolment.models import EnrolmentFormPage
from programmes.models import Edition

from .enrolment_helpers import edition, open_enrolment, programme, submit, valid_answers
from .page_text import visible_text

pytestmark = pytest.mark.django_db

ORSZULAK, ORSZULAK_PHONE = "Jolanta Orszulak", "71 78 22 449"
KOPYCKA, KOPYCKA_PHONE = "Katarzyna Kopycka", "506 381 533"
# The first block of the editor's text under a heading of the template.
_FIRST_BLOCK = re.compile(
    r'(?s)<h2>[^<]*</h2>\s*<div class="rich-text">\s*<(p|h\d|ol|ul)\b[^>]*>(.*?)</\1>'
)


@pytest.fixture
def polish_form():
    return EnrolmentFormPage.objects.child_of(programme("KomPAS")).get()


def main_text(response):
    assert response.status_code == 200
    markup = response.content.decode()
    return visible_text(markup.split('<main id="main-content"', 1)[-1].split("</main>", 1)[0])


def apply_and_confirm(client, page, chosen):
    response = submit(client, page, valid_answers(page, chosen))
    assert response.status_code == 302, response.content.decode()[:1000]
    return client.get(response["Location"])


def test_the_confirmation_names_only_the_chosen_editions_person_and_phone(client, polish_form):
    finished, example = edition("KomPAS", 1), edition("KomPAS", 3)
    # Both take applications, so that the form offers both persons' editions.
    open_enrolment(finished, example)
    text = main_text(apply_and_confirm(client, polish_form, example))
    assert KOPYCKA in text and KOPYCKA_PHONE in text
    assert ORSZULAK not in text and ORSZULAK_PHONE not in text


def test_the_confirmation_of_the_other_edition_names_its_own_person(client, polish_form):
    first, example = edition("KomPAS", 1), edition("KomPAS", 3)
    open_enrolment(first, example)
    text = main_text(apply_and_confirm(client, polish_form, first))
    assert ORSZULAK in text and ORSZULAK_PHONE in text
    assert KOPYCKA not in text


def test_the_ukrainian_confirmation_names_the_chosen_editions_person(client, polish_form):
    example = edition("KomPAS", 3)
    open_enrolment(example)
    ukrainian_form = polish_form.get_translation(Locale.objects.get(language_code="uk"))
    text = main_text(apply_and_confirm(client, ukrainian_form, example))
    assert KOPYCKA_PHONE in text and ORSZULAK_PHONE not in text


def test_the_form_names_the_people_of_the_open_editions_only(client, polish_form):
    open_enrolment(edition("KomPAS", 3))
    text = main_text(client.get(polish_form.url))
    assert KOPYCKA in text and KOPYCKA_PHONE in text
    assert ORSZULAK not in text


def test_the_closed_form_names_the_people_of_the_planned_editions_only(client, polish_form):
    open_enrolment(edition("KomPAS", 1))  # closes every other edition's enrolment
    today = timezone.localdate()
    Edition.objects.filter(programme=programme("KomPAS")).update(
        enrolment_opens_on=None, enrolment_closes_on=None
    )
    Edition.objects.filter(pk=edition("KomPAS", 3).pk).update(
        enrolment_opens_on=today + datetime.timedelta(days=10),
        enrolment_closes_on=today + datetime.timedelta(days=40),
    )
    text = main_text(client.get(polish_form.url))
    assert KOPYCKA in text and KOPYCKA_PHONE in text
    assert ORSZULAK not in text


@pytest.mark.parametrize("language", ["pl", "en", "uk"])
def test_the_confirmation_repeats_no_heading(client, polish_form, language):
    """Under the template's "What happens next" the editor's text goes straight to the steps:
    its first block is not a heading of its own (a short line ending with a colon)."""
    example = edition("KomPAS", 3)
    open_enrolment(example)
    page = polish_form.get_translation(Locale.objects.get(language_code=language))
    markup = apply_and_confirm(client, page, example).content.decode()
    assert markup.count("<h2>") == len(set(re.findall(r"<h2>(.*?)</h2>", markup)))
    first_block = visible_text(_FIRST_BLOCK.search(markup).group(2))
    assert not (first_block.endswith(":") and len(first_block.split()) <= 5), first_block
