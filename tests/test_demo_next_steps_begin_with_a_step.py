"""The demo's own texts: on the confirmation of the violence-victims programme, in every
language, the editor's "what happens next" goes straight to the steps under the template's
heading, without a heading of its own (a short line ending with a colon)."""

import re

import pytest
from wagtail.models import Locale

from enrolment.models import EnrolmentFormPage

from .enrolment_helpers import edition, open_enrolment, programme, submit, valid_answers
from .page_text import visible_text

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

# The first block of the editor's text under a heading of the template.
_FIRST_BLOCK = re.compile(
    r'(?s)<h2>[^<]*</h2>\s*<div class="rich-text">\s*<(p|h\d|ol|ul)\b[^>]*>(.*?)</\1>'
)


@pytest.mark.parametrize("language", ["pl", "en", "uk"])
def test_the_demo_confirmation_begins_with_the_first_step(client, language):
    example = edition("KomPAS", 3)
    open_enrolment(example)
    polish_form = EnrolmentFormPage.objects.child_of(programme("KomPAS")).get()
    page = polish_form.get_translation(Locale.objects.get(language_code=language))
    response = submit(client, page, valid_answers(page, example))
    assert response.status_code == 302, response.content.decode()[:1000]
    markup = client.get(response["Location"]).content.decode()
    first_block = visible_text(_FIRST_BLOCK.search(markup).group(2))
    assert not (first_block.endswith(":") and len(first_block.split()) <= 5), first_block
