"""Coordinators read every application with one value per choice: an applicant on the Ukrainian
form of a programme answers "Ні" and "Тренінг особистого розвитку"; the application is stored,
shown and exported with "Nie" and "Trening rozwoju osobistego", the answer as the applicant saw
it beside them, the form's language as a name, and the free text marked with the language it
was written in. An answer to a question an editor removed since keeps the question's words."""

import re

import pytest
from django.urls import reverse

from enrolment.models import Application, EnrolmentFormField
from enrolment.source_language_choices import AS_ANSWERED, choice_values

from .admin_factories import add_questions, translate
from .admin_helpers import export_rows, make_coordinator, set_admin_language
from .enrolment_helpers import submit, valid_answers
from .factories import SmallSite
from .once_per_module import built_once
from .page_text import visible_text

pytestmark = pytest.mark.django_db

FORMATS = ["csv", "xlsx"]
STREET = "Вулиця Лісова, біля школи"
_ANSWER = re.compile(r"(?s)<dt>(.*?)</dt>\s*<dd>(.*?)</dd>")


# The form's questions besides the one every test form has: a free-text one and two choices.
QUESTIONS = [
    {"label": "Gdzie możemy się spotkać?", "field_type": "singleline", "required": False},
    {
        "label": "Które treningi Cię interesują?",
        "field_type": "checkboxes",
        "choices": "Trening rozwoju osobistego\nTrening aktywności społecznej\nTrening zawodowy",
        "required": False,
    },
    {
        "label": "Czy brałeś już udział w naszych programach?",
        "field_type": "radio",
        "choices": "Tak\nNie",
        "required": False,
    },
]
TRANSLATIONS = {
    "uk": {
        "Gdzie możemy się spotkać?": "Де ми можемо зустрітися?",
        "Które treningi Cię interesują?": "Які тренінги вас цікавлять?",
        "Trening rozwoju osobistego\nTrening aktywności społecznej\nTrening zawodowy": (
            "Тренінг особистого розвитку\nТренінг соціальної активності\nПрофесійний тренінг"
        ),
        "Czy brałeś już udział w naszych programach?": "Чи брали ви вже участь у наших програмах?",
        "Tak\nNie": "Так\nНі",
    },
    "en": {
        "Gdzie możemy się spotkać?": "Where can we meet?",
        "Które treningi Cię interesują?": "Which trainings interest you?",
        "Trening rozwoju osobistego\nTrening aktywności społecznej\nTrening zawodowy": (
            "Personal development training\nSocial activity training\nVocational training"
        ),
        "Czy brałeś już udział w naszych programach?": (
            "Have you taken part in our programmes before?"
        ),
        "Tak\nNie": "Yes\nNo",
    },
}


def build_world():
    """A site of the module's own whose form has the questions above, in Polish, and translated
    into Ukrainian and English (as a translator does)."""
    site = SmallSite.build()
    polish_form = add_questions(site.form, *QUESTIONS)
    return {
        "site": site,
        "polish_form": polish_form,
        "ukrainian_form": translate(polish_form, "uk", TRANSLATIONS["uk"]),
        "english_form": translate(polish_form, "en", TRANSLATIONS["en"]),
    }


kept_world, world = built_once(build_world)


@pytest.fixture
def chosen_edition(world):
    return world["site"].edition


@pytest.fixture
def polish_form(world):
    return world["polish_form"]


@pytest.fixture
def ukrainian_form(world):
    return world["ukrainian_form"]


@pytest.fixture
def english_form(world):
    return world["english_form"]


def question(page, field_type):
    return page.get_form_fields().get(field_type=field_type)


@pytest.fixture
def ukrainian_application(client, ukrainian_form, chosen_edition):
    trainings = choice_values(question(ukrainian_form, "checkboxes"))
    answers = {
        question(ukrainian_form, "singleline").clean_name: STREET,
        question(ukrainian_form, "checkboxes").clean_name: trainings[:2],
        question(ukrainian_form, "radio").clean_name: "Ні",
    }
    response = submit(
        client, ukrainian_form, valid_answers(ukrainian_form, chosen_edition, **answers)
    )
    assert response.status_code == 302, response.content.decode()[:1000]
    return Application.objects.get(language="uk")


def coordinator_client(client, application, language):
    coordinator = make_coordinator(application.team)
    set_admin_language(coordinator, language)
    client.force_login(coordinator)
    return client


def detail(client, application):
    response = client.get(reverse("enrolment_application:inspect", args=[application.pk]))
    assert response.status_code == 200
    return {
        visible_text(label): visible_text(value)
        for label, value in _ANSWER.findall(response.content.decode())
    }


def test_choices_from_the_ukrainian_form_are_stored_as_the_polish_choices(
    ukrainian_application, polish_form
):
    data = ukrainian_application.form_data
    checkboxes = question(polish_form, "checkboxes").clean_name
    radio = question(polish_form, "radio").clean_name
    street = question(polish_form, "singleline").clean_name
    assert data[checkboxes] == ["Trening rozwoju osobistego", "Trening aktywności społecznej"]
    assert data[radio] == "Nie"
    assert data[street] == STREET
    assert data[AS_ANSWERED] == {
        checkboxes: {
            "value": ["Тренінг особистого розвитку", "Тренінг соціальної активності"],
            "matched": True,
        },
        radio: {"value": "Ні", "matched": True},
    }


def test_the_polish_admin_shows_polish_choices_the_original_beside_and_the_language_by_name(
    client, ukrainian_application, polish_form
):
    answers = detail(coordinator_client(client, ukrainian_application, "pl"), ukrainian_application)
    assert answers["Język formularza"] == "ukraiński"
    radio = answers[question(polish_form, "radio").label]
    assert radio.startswith("Nie (") and "Ні" in radio
    trainings = answers[question(polish_form, "checkboxes").label]
    assert trainings.startswith("Trening rozwoju osobistego, Trening aktywności społecznej (")
    assert "Тренінг особистого розвитку, Тренінг соціальної активності" in trainings
    street = answers[question(polish_form, "singleline").label]
    assert street.startswith(STREET) and "ukraiński" in street


def test_the_english_admin_says_as_answered_and_written_in(
    client, ukrainian_application, english_form
):
    # Questions are labelled in the admin's language; choices stay one value, the Polish one.
    answers = detail(coordinator_client(client, ukrainian_application, "en"), ukrainian_application)
    assert answers["Language of the form"] == "Ukrainian"
    assert answers[question(english_form, "radio").label] == "Nie (as answered: Ні)"
    street = answers[question(english_form, "singleline").label]
    assert street == f"{STREET} (written in Ukrainian)"


def test_a_polish_answer_is_not_marked_with_its_language_in_the_polish_admin(
    client, polish_form, chosen_edition
):
    street = question(polish_form, "singleline").clean_name
    submit(client, polish_form, valid_answers(polish_form, chosen_edition, **{street: "Lipowa"}))
    application = Application.objects.get(language="pl")
    answers = detail(coordinator_client(client, application, "pl"), application)
    assert answers[question(polish_form, "singleline").label] == "Lipowa"
    assert answers["Język formularza"] == "polski"
    assert AS_ANSWERED not in application.form_data


@pytest.mark.parametrize("export_format", FORMATS)
def test_exports_have_one_value_per_choice_with_the_answers_as_seen_in_the_next_column(
    client, ukrainian_application, polish_form, chosen_edition, export_format
):
    radio = question(polish_form, "radio")
    submit(
        client, polish_form, valid_answers(polish_form, chosen_edition, **{radio.clean_name: "Nie"})
    )
    polish_application = Application.objects.get(language="pl")
    rows = export_rows(coordinator_client(client, ukrainian_application, "pl"), export_format)
    heading = rows[0]
    by_reference = {row[0]: dict(zip(heading, row, strict=True)) for row in rows[1:]}
    from_ukrainian = by_reference[ukrainian_application.reference]
    from_polish = by_reference[polish_application.reference]

    column = heading.index(radio.label)
    as_answered = heading[column + 1]
    assert as_answered.startswith(radio.label + " (")
    assert from_ukrainian[radio.label] == from_polish[radio.label] == "Nie"
    assert from_ukrainian[as_answered] == "Ні"
    assert from_polish[as_answered] == ""

    trainings = question(polish_form, "checkboxes").label
    assert from_ukrainian[trainings] == "Trening rozwoju osobistego, Trening aktywności społecznej"
    assert from_ukrainian[heading[heading.index(trainings) + 1]] == (
        "Тренінг особистого розвитку, Тренінг соціальної активності"
    )
    assert from_ukrainian["Język formularza"] == "ukraiński"
    assert from_polish["Język formularza"] == "polski"


@pytest.mark.parametrize("export_format", FORMATS)
def test_an_export_without_translated_answers_has_no_as_answered_columns(
    client, polish_form, english_form, chosen_edition, export_format
):
    submit(client, polish_form, valid_answers(polish_form, chosen_edition))
    application = Application.objects.get()
    heading = export_rows(coordinator_client(client, application, "en"), export_format)[0]
    assert not [name for name in heading if name.endswith("(as answered)")]
    assert question(english_form, "radio").label in heading


def test_an_answer_from_an_out_of_date_translation_is_kept_and_marked_not_guessed(
    client, ukrainian_form, english_form, chosen_edition
):
    # The translator has not caught up: the Ukrainian question offers one choice, not two.
    ukrainian_radio = question(ukrainian_form, "radio")
    EnrolmentFormField.objects.filter(pk=ukrainian_radio.pk).update(choices="Так")
    answers = valid_answers(ukrainian_form, chosen_edition, **{ukrainian_radio.clean_name: "Так"})
    assert submit(client, ukrainian_form, answers).status_code == 302
    application = Application.objects.get()
    assert application.form_data[ukrainian_radio.clean_name] == "Так"
    assert application.form_data[AS_ANSWERED] == {
        ukrainian_radio.clean_name: {"value": "Так", "matched": False}
    }

    coordinator = coordinator_client(client, application, "en")
    label = question(english_form, "radio").label
    shown = detail(coordinator, application)[label]
    assert shown.startswith("Так (as answered; no matching choice in Polish")
    heading, row = export_rows(coordinator, "csv")
    assert row[heading.index(label)] == "Так"
    assert row[heading.index(label) + 1] == "Так (no matching choice in Polish)"


def test_an_answer_to_a_question_removed_since_keeps_the_question_s_words(
    client, polish_form, chosen_edition
):
    answers = valid_answers(polish_form, chosen_edition)
    key = question(polish_form, "singleline").clean_name
    answers[key] = "Przy bibliotece"
    assert submit(client, polish_form, answers).status_code == 302
    application = Application.objects.get()

    # An editor removes the question and publishes the form.
    page = type(polish_form).objects.get(pk=polish_form.pk)
    page.form_fields.remove(page.form_fields.get(clean_name=key))
    page.save_revision().publish()

    client = coordinator_client(client, application, "pl")
    assert detail(client, application)["Gdzie możemy się spotkać?"] == "Przy bibliotece"
    [heading, row] = export_rows(client, "csv")
    assert row[heading.index("Gdzie możemy się spotkać?")] == "Przy bibliotece"
