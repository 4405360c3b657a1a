"""The enrolment form never asks for the same answer twice (WCAG 3.3.7): after an error every
answer given is still in the form (text, dates, numbers, choices, ticked boxes, the consent the
applicant gave), the "Send again" page after an outage sends every answer back, and no field
asks to repeat the e-mail address or the phone number."""

from collections import Counter
from html.parser import HTMLParser

import pytest
from django.test import RequestFactory
from wagtail.models import Page

from enrolment.field_names import question_key, system_field_name
from enrolment.models import EnrolmentFormField, EnrolmentFormPage
from enrolment.submission_tokens import FIELD_NAME as TOKEN_FIELD_NAME
from mops_site.error_views import service_unavailable

from .factories import QUESTION_LABEL, SmallSite

# The editor's questions of every kind the form builder offers, and the applicant's answers.
QUESTIONS = [
    ("Skąd wiesz o programie?", "singleline", "", ["Od sąsiadki z klatki"]),
    ("Opisz swoją sytuację", "multiline", "", ["Mieszkam sama.\r\nSzukam zajęć w grupie."]),
    ("Ile osób mieszka z Tobą?", "number", "", ["2"]),
    ("Twoja data urodzenia", "date", "", ["1950-03-04"]),
    ("Twoja strona internetowa", "url", "", ["https://example.org/"]),
    ("Czy masz orzeczenie?", "radio", "Tak\nNie", ["Nie"]),
    ("W jakiej dzielnicy mieszkasz?", "dropdown", "Fabryczna\nKrzyki\nPsie Pole", ["Krzyki"]),
    (
        "Jakie zajęcia Cię interesują?",
        "checkboxes",
        "Komputer\nGotowanie\nSpacery",
        ["Komputer", "Spacery"],
    ),
    ("W jakich językach mówisz?", "multiselect", "polski\nukraiński\nangielski", ["ukraiński"]),
    ("Potrzebuję tłumacza języka migowego", "checkbox", "", ["on"]),
]
SYSTEM_ANSWERS = {
    "applicant_name": ["Halina"],
    "phone": ["sześćset sto"],  # the one mistake: not a number
    "email": ["halina@example.org"],
    "safe_contact": ["Tylko rano, nie zostawiać wiadomości."],
    "email_confirmation": ["on"],
    "privacy_consent": ["on"],
}


class FormState(HTMLParser):
    """What a browser would send from the page's form (name -> values), and the questions it
    asks: the labels and legends of its fields, not those of a choice's options."""

    def __init__(self, page_html):
        super().__init__(convert_charrefs=True)
        self.values, self.labels, self.inputs = {}, [], []
        self._select = self._textarea = self._label = None
        self._in_form = self._in_fieldset = False
        self.feed(page_html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "form":
            # The form that is sent, not the search box of the header.
            self._in_form = attrs.get("method") == "post"
        if not self._in_form:
            return
        if tag == "input" and name:
            self.inputs.append(attrs)
            kind = attrs.get("type", "text")
            if kind not in {"checkbox", "radio"} or "checked" in attrs:
                self.values.setdefault(name, []).append(attrs.get("value", ""))
        elif tag == "textarea":
            self.inputs.append(attrs)
            self._textarea = name
            self.values.setdefault(name, []).append("")
        elif tag == "select":
            self.inputs.append(attrs)
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.values.setdefault(self._select, []).append(attrs["value"])
        elif tag == "fieldset":
            self._in_fieldset = True
        elif tag == "legend" or (tag == "label" and not self._in_fieldset):
            # A group's question is its legend; the labels in the group are its options.
            self._label = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            # A browser drops the newline that follows the opening tag.
            value = self.values[self._textarea][-1]
            self.values[self._textarea][-1] = value.removeprefix("\n")
            self._textarea = None
        elif tag == "fieldset":
            self._in_fieldset = False
        elif tag in {"label", "legend"} and self._label is not None:
            self.labels.append(" ".join(self._label.split()))
            self._label = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea][-1] += data
        if self._label is not None:
            self._label += data


@pytest.fixture
def form_page(db):
    site = SmallSite.build(sensitive=True)
    page = site.form
    for order, (label, kind, choices, _answer) in enumerate(QUESTIONS, start=1):
        EnrolmentFormField.objects.create(
            page=page, sort_order=order, label=label, field_type=kind, choices=choices
        )
    return EnrolmentFormPage.objects.get(pk=page.pk)


def the_answers(page, shown_form):
    """Every question answered, one of them wrongly."""
    answers = {system_field_name(key): value for key, value in SYSTEM_ANSWERS.items()}
    by_label = {label: answer for label, _kind, _choices, answer in QUESTIONS}
    by_label[QUESTION_LABEL] = ["Chcę poznać ludzi z osiedla."]  # SmallSite's own question
    for field in page.get_form_fields():
        answers[question_key(field.clean_name)] = by_label[field.label]
    edition = system_field_name("edition")
    answers[edition] = shown_form.values[edition]  # the only edition, chosen for the applicant
    answers[TOKEN_FIELD_NAME] = shown_form.values[TOKEN_FIELD_NAME]
    answers[system_field_name("website")] = [""]
    return answers


def test_after_an_error_every_answer_is_still_in_the_form(client, form_page):
    shown = FormState(client.get(form_page.url).content.decode())
    answers = the_answers(form_page, shown)

    response = client.post(form_page.url, answers)

    assert response.status_code == 200
    page_html = response.content.decode()
    assert 'id="error-summary-heading"' in page_html
    shown_again = FormState(page_html).values
    shown_again.pop("csrfmiddlewaretoken", None)
    assert shown_again == answers
    # The consent the applicant gave stays given: they need not look for it again.
    assert shown_again[system_field_name("privacy_consent")] == ["on"]


def test_the_send_again_page_sends_every_answer_back(client, form_page):
    answers = the_answers(form_page, FormState(client.get(form_page.url).content.decode()))
    request = RequestFactory().post(form_page.url, answers)

    response = service_unavailable(request)

    assert response.status_code == 503
    assert FormState(response.content.decode()).values == answers


def test_no_field_asks_for_an_answer_already_given(client, form_page):
    shown = FormState(client.get(form_page.url).content.decode())

    assert len(shown.labels) == len(set(shown.labels)), Counter(shown.labels).most_common(2)
    tokens = [attrs["autocomplete"] for attrs in shown.inputs if attrs.get("autocomplete")]
    tokens = [token for token in tokens if token != "off"]
    assert len(tokens) == len(set(tokens)), tokens
    assert sum(attrs.get("type") == "email" for attrs in shown.inputs) == 1
    assert (
        sum(attrs.get("type") == "tel" or attrs.get("inputmode") == "tel" for attrs in shown.inputs)
        == 1
    )
    for label in shown.labels:
        assert not any(word in label.lower() for word in ("powtórz", "ponownie", "repeat")), label


@pytest.mark.django_db
@pytest.mark.demo
@pytest.mark.parametrize("language", ["pl", "en", "uk"])
def test_no_demo_form_asks_twice(client, language):
    forms = Page.objects.type(EnrolmentFormPage).filter(locale__language_code=language).live()
    assert forms
    for form in forms:
        shown = FormState(client.get(form.url).content.decode())
        assert len(shown.labels) == len(set(shown.labels)), form.url
        assert sum(attrs.get("type") == "email" for attrs in shown.inputs) == 1, form.url
