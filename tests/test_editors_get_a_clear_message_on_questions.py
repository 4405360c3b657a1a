"""An editor cannot add a question nobody could answer, which would stop every application: a
required hidden field with no default value (the applicant cannot see it to fill it in), or a
list to choose from with fewer than two choices. Each is refused with the reason, on the field to
correct. A single required checkbox ("I confirm…") is how a form asks for a confirmation: kept."""

import pytest
from django.urls import reverse

from enrolment.models import EnrolmentFormPage

from .admin_forms import page_form_data, with_new_question
from .admin_helpers import make_superuser
from .enrolment_world import open_enrolment_form
from .once_per_module import built_once

pytestmark = pytest.mark.django_db

QUESTIONS = "form_fields"

kept_world, open_form = built_once(open_enrolment_form, name="open_form")


def save_draft_with(client, page, label, field_type, *, choices="", **fields):
    """The form page saved as a draft with one more required question; `fields` set its other
    fields (default_value="…", required="" to untick it)."""
    client.force_login(make_superuser())
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data, index = with_new_question(page_form_data(client, url), label, field_type, choices=choices)
    data.update({f"{QUESTIONS}-{index}-{name}": [value] for name, value in fields.items()})
    return client.post(url, data), index


def error_codes(response, index, field):
    question = response.context["form"].formsets[QUESTIONS].forms[index]
    return [error.code for error in question.errors.as_data().get(field, [])]


def draft_labels(page):
    draft = EnrolmentFormPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    return [field.label for field in draft.form_fields.all()]


def test_a_required_hidden_field_without_a_default_value_is_refused(client, open_form):
    page, _edition = open_form
    before = draft_labels(page)
    response, index = save_draft_with(client, page, "Źródło", "hidden")

    assert response.status_code == 200
    assert error_codes(response, index, "default_value") == ["hidden_without_value"]
    assert draft_labels(page) == before


@pytest.mark.parametrize("fields", [{"default_value": "plakat"}, {"required": ""}])
def test_a_hidden_field_with_a_value_or_not_required_is_saved(client, open_form, fields):
    page, _edition = open_form
    response, _index = save_draft_with(client, page, "Źródło", "hidden", **fields)
    assert response.status_code == 302
    assert "Źródło" in draft_labels(page)


@pytest.mark.parametrize("field_type", ["dropdown", "radio", "checkboxes", "multiselect"])
@pytest.mark.parametrize("choices", ["", "Tak", "Tak\nTak", "Tak\n\n"])
def test_a_list_with_fewer_than_two_choices_is_refused_on_its_choices(
    client, open_form, field_type, choices
):
    page, _edition = open_form
    before = draft_labels(page)
    response, index = save_draft_with(
        client, page, "Dzielnica", field_type, choices=choices, required=""
    )

    assert response.status_code == 200
    assert error_codes(response, index, "choices") == ["too_few_choices"]
    assert draft_labels(page) == before


@pytest.mark.parametrize("choices", ["Tak\nNie", "Tak, Nie"])
def test_a_list_with_two_choices_is_saved(client, open_form, choices):
    page, _edition = open_form
    response, _index = save_draft_with(client, page, "Dzielnica", "radio", choices=choices)
    assert response.status_code == 302


def test_a_single_required_checkbox_to_confirm_something_is_saved(client, open_form):
    page, _edition = open_form
    response, _index = save_draft_with(
        client, page, "Potwierdzam, że mieszkam we Wrocławiu", "checkbox"
    )
    assert response.status_code == 302
    assert "Potwierdzam, że mieszkam we Wrocławiu" in draft_labels(page)
