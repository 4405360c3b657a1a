"""An editor's question that asks for the applicant's own data (a street, a date of birth) can
say so, and the form tells the browser (WCAG 2.2, 1.3.5 Identify Input Purpose): people who find
typing hard get the answer filled in. The purpose is the same in every language, and it is
refused, with the reason, on a question a browser cannot fill in."""

import re

import pytest
from django.urls import reverse

from enrolment.models import EnrolmentFormPage

from .admin_factories import translate
from .admin_forms import page_form_data, with_new_question
from .admin_helpers import make_superuser
from .enrolment_world import open_enrolment_form, with_question
from .once_per_module import built_once

pytestmark = pytest.mark.django_db

kept_world, open_form = built_once(open_enrolment_form, name="open_form")


def input_named(html, name):
    """The opening tag of the form control sent under `name`."""
    found = re.search(rf'<(?:input|select|textarea)\b[^>]*\bname="{name}"[^>]*>', html)
    assert found, f"No control named {name!r} in the form."
    return found.group(0)


def test_a_question_asking_for_the_street_lets_the_browser_fill_it_in(client, open_form):
    form, _edition = open_form
    form = with_question(form, "Ulica", autocomplete="address-line1")
    form = with_question(form, "Ulubione zajęcia")

    html = client.get(form.url).content.decode()

    assert 'autocomplete="address-line1"' in input_named(html, "ulica")
    # A question about something else says nothing of the kind.
    assert "autocomplete" not in input_named(html, "ulubione_zajecia")


def test_a_translated_form_asks_for_the_same_data(client, open_form):
    form, _edition = open_form
    form = with_question(form, "Data urodzenia", "date", autocomplete="bday")

    english = translate(form, "en", {"Data urodzenia": "Date of birth"})

    html = client.get(english.url).content.decode()
    assert 'autocomplete="bday"' in input_named(html, "data_urodzenia")


def save_draft_with(client, page, label, field_type, **question):
    client.force_login(make_superuser())
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data, index = with_new_question(page_form_data(client, url), label, field_type, **question)
    return client.post(url, data), index


def draft_questions(page):
    draft = EnrolmentFormPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    return {field.label: field.autocomplete for field in draft.form_fields.all()}


def test_an_editor_gives_a_question_its_purpose(client, open_form):
    form, _edition = open_form
    response, _index = save_draft_with(
        client, form, "Kod pocztowy", "singleline", autocomplete="postal-code"
    )
    assert response.status_code == 302
    assert draft_questions(form)["Kod pocztowy"] == "postal-code"


@pytest.mark.parametrize("field_type", ["checkbox", "checkboxes", "radio", "multiselect"])
def test_a_purpose_on_a_question_a_browser_cannot_fill_in_is_refused_with_the_reason(
    client, open_form, field_type
):
    form, _edition = open_form
    before = draft_questions(form)
    response, index = save_draft_with(
        client, form, "Płeć", field_type, choices="Kobieta\nMężczyzna", autocomplete="sex"
    )

    assert response.status_code == 200
    question = response.context["form"].formsets["form_fields"].forms[index]
    assert [error.code for error in question.errors.as_data()["autocomplete"]] == ["no_purpose"]
    assert draft_questions(form) == before
