"""Whatever an editor names a question, the fields the form asks itself keep working: a label
that would take a system field's name is refused in the admin with the reason, and a form page
stored with such a question before (or behind the admin's back) still takes applications."""

import pytest
from django.urls import reverse
from hypothesis import given, settings, strategies as st
from wagtail.contrib.forms.utils import get_field_clean_name

from enrolment.admin_views.answers import AnswerLabels
from enrolment.field_names import SYSTEM_FIELD_NAMES, question_key, system_field_name
from enrolment.models import Application, EnrolmentFormField, EnrolmentFormPage

from .admin_forms import page_form_data, with_new_question
from .admin_helpers import make_superuser
from .enrolment_helpers import submit, valid_answers
from .enrolment_world import open_enrolment_form
from .once_per_module import built_once

pytestmark = pytest.mark.django_db

QUESTIONS = "form_fields"


# (the enrolment form, its open edition) of a small site, built once for the module; each test
# gets its own copy.
kept_world, open_form = built_once(open_enrolment_form, name="open_form")


def draft_labels(page):
    """The questions of the page's latest draft (read afresh: the page caches its revision)."""
    draft = EnrolmentFormPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    return [field.label for field in draft.form_fields.all()]


def save_draft_with_question(client, page, label):
    client.force_login(make_superuser())
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data, index = with_new_question(page_form_data(client, url), label)
    return client.post(url, data), index


@pytest.mark.parametrize(
    ("label", "name"),
    [
        ("Email", "email"),
        ("Edition", "edition"),
        ("Phone", "phone"),
        ("Applicant name", "applicant_name"),
        ("  PRIVACY consent ", "privacy_consent"),
        ("Website", "website"),
    ],
)
def test_a_question_labelled_like_a_system_field_is_refused_with_the_reason(
    client, open_form, label, name
):
    page, _chosen = open_form
    questions_before = draft_labels(page)
    response, index = save_draft_with_question(client, page, label)

    assert response.status_code == 200
    question = response.context["form"].formsets[QUESTIONS].forms[index]
    assert [error.code for error in question.errors.as_data()["label"]] == ["reserved_name"]
    assert f"„{name}”" in response.content.decode()  # the admin speaks Polish
    assert draft_labels(page) == questions_before


def test_a_label_with_nothing_to_name_the_question_after_is_refused(client, open_form):
    page, _chosen = open_form
    response, index = save_draft_with_question(client, page, "???")
    question = response.context["form"].formsets[QUESTIONS].forms[index]
    assert [error.code for error in question.errors.as_data()["label"]] == ["no_name"]


@pytest.mark.parametrize("label", ["E-mail kontaktowy", "Telefon do opiekuna", "Телефон"])
def test_a_question_in_other_words_is_saved(client, open_form, label):
    page, _chosen = open_form
    response, _index = save_draft_with_question(client, page, label)
    assert response.status_code == 302
    assert label in draft_labels(page)


@settings(max_examples=200, deadline=None)
@given(label=st.text())
def test_no_label_in_any_language_gives_a_system_fields_name(label):
    name = get_field_clean_name(label)
    system_names = {system_field_name(key) for key in SYSTEM_FIELD_NAMES}
    assert "-" not in name and name not in system_names
    assert question_key(name) not in system_names | SYSTEM_FIELD_NAMES


def stored_with_colliding_questions(page):
    """Questions saved behind the admin's back (or before it refused them), named like the
    system's edition and e-mail fields."""
    for label, clean_name, field_type in [
        ("Edition", "edition", "singleline"),
        ("Email", "email", "singleline"),
    ]:
        EnrolmentFormField.objects.create(
            page=page, label=label, clean_name=clean_name, field_type=field_type, required=True
        )
    return EnrolmentFormPage.objects.get(pk=page.pk)


def test_a_page_stored_with_colliding_questions_still_takes_applications(client, open_form):
    page, chosen = open_form
    page = stored_with_colliding_questions(page)
    answers = valid_answers(
        page,
        chosen,
        email="anna@example.org",
        **{"question-edition": "Jesienna", "question-email": "nie adres"},
    )
    response = submit(client, page, answers)

    assert response.status_code == 302
    stored = Application.objects.get()
    assert stored.edition == chosen
    assert stored.form_data["email"] == "anna@example.org"
    assert stored.form_data["question-email"] == "nie adres"
    assert stored.form_data["question-edition"] == "Jesienna"
    assert "edition" not in stored.form_data


def test_a_colliding_question_cannot_weaken_the_system_fields_checks(client, open_form):
    page, chosen = open_form
    page = stored_with_colliding_questions(page)
    answers = valid_answers(
        page,
        chosen,
        email="not-an-address",
        **{"question-edition": "x", "question-email": "x"},
    )
    response = submit(client, page, answers)
    assert response.status_code == 200
    assert '<a href="#id_system-email">' in response.content.decode()
    assert not Application.objects.exists()


def test_the_coordinator_sees_a_colliding_questions_answer_under_its_label(client, open_form):
    page, chosen = open_form
    page = stored_with_colliding_questions(page)
    answers = valid_answers(
        page, chosen, **{"question-edition": "Jesienna", "question-email": "nie adres"}
    )
    submit(client, page, answers)
    labelled = {a.name: a.label for a in AnswerLabels().answers(Application.objects.get())}
    assert labelled["question-email"] == "Email"
    assert labelled["question-edition"] == "Edition"
    assert labelled["applicant_name"] != "applicant_name"
