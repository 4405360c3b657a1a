"""An application's answers as coordinators read them, in the detail view and the exports.

Labels are the questions in the admin user's language. Choices are stored as the source-language
choice (see `enrolment.source_language_choices`), so they read the same whatever the applicant's
language; the answer as the applicant saw it stands beside them where it differs. Free text
cannot be translated: it is labelled with the language it was written in when that is not the
language the coordinator reads.
"""

from dataclasses import dataclass

from django.utils.translation import (
    get_language,
    get_language_info,
    gettext as _,
    gettext_lazy,
    pgettext_lazy,
)
from wagtail.models import Locale

from enrolment.field_names import question_key
from enrolment.forms import system_answer_labels
from enrolment.models import ApplicationChannel
from enrolment.source_language_choices import AS_ANSWERED

# Contact details first: they are what a coordinator needs to call back.
LEADING = ["applicant_name", "phone", "email", "safe_contact"]
TRAILING = ["email_confirmation", "privacy_consent"]
# Answers typed in the applicant's own words.
FREE_TEXT_FIELD_TYPES = frozenset({"singleline", "multiline"})
FREE_TEXT_SYSTEM_ANSWERS = frozenset({"safe_contact"})
# Export columns: one per answer, and one of the answers as the applicants saw them beside each
# question where any of them differs.
ANSWER_PREFIX = "answer:"
AS_ANSWERED_PREFIX = "as-answered:"


@dataclass
class Answer:
    name: str
    label: str
    value: str
    # The answer as the applicant saw it, where it differs from `value`.
    as_answered: str = ""
    # True when a translated choice had no source-language choice to stand for.
    unmatched: bool = False
    # The name of the language the answer was written in, for free text not in the reader's.
    written_in: str = ""
    # Shown with the application's own facts rather than among the answers (oral consent).
    shown_with_routing: bool = False


def language_name(code):
    """A language's name in the active language ("ukraiński" in the Polish admin), not its code."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def source_language_name():
    return language_name(Locale.get_default().language_code)


def _same_language(code, other):
    return (code or "").split("-")[0].lower() == (other or "").split("-")[0].lower()


# The built-in fields as the admin and the exports name them: about the applicant, in the third
# person, not the form's "your name" (a caller never said "I want a confirmation"). The name is
# headed like the list's column.
ADMIN_LABELS = {
    "applicant_name": pgettext_lazy("applicant", "Name"),
    "phone": pgettext_lazy("applicant", "Phone"),
    "email": pgettext_lazy("applicant", "E-mail"),
    "safe_contact": gettext_lazy("Safe-contact instructions"),
    "email_confirmation": gettext_lazy("Confirmation by e-mail"),
    "privacy_consent": gettext_lazy("Consent to data processing"),
}
# An application taken by phone or in person: the coordinator read the notice out, and the
# applicant agreed aloud.
ORAL_CONSENT_LABEL = gettext_lazy("Consent given orally")
CONSENT = "privacy_consent"


def system_labels():
    """Stored key -> admin label of the built-in fields whose answers are stored."""
    labels = system_answer_labels()
    return {name: str(ADMIN_LABELS.get(name, label)) for name, label in labels.items()}


def is_given_orally(application):
    return application.channel != ApplicationChannel.ONLINE


def _questions(page):
    """clean_name -> (label, field type) of a form page's questions, in the form's order."""
    if page is None:
        return {}
    page = page.specific
    if not hasattr(page, "get_form_fields"):
        return {}
    questions = {
        question_key(field.clean_name): (field.label, field.field_type)
        for field in page.get_form_fields()
    }
    # The page in the admin user's language, where it is translated and live.
    localized = page.localized
    if localized.pk != page.pk:
        for field in localized.get_form_fields():
            key = question_key(field.clean_name)
            if key in questions:
                questions[key] = (field.label, questions[key][1])
    return questions


def _former_questions(page):
    """clean_name -> label of every question the page's revisions had, the latest wording first:
    answers sent before an editor removed a question keep its words, not its bare key."""
    if page is None:
        return {}
    labels = {}
    contents = page.revisions.order_by("-created_at", "-pk").values_list("content", flat=True)
    for content in contents.iterator():
        for field in (content or {}).get("form_fields", []):
            if field.get("clean_name") and field.get("label"):
                labels.setdefault(question_key(field["clean_name"]), field["label"])
    return labels


class AnswerLabels:
    """Labels for the answers of many applications, reading each form page once (and its
    revisions once, only if an answer's question is no longer on it)."""

    def __init__(self):
        self._system = system_labels()
        self._pages = {}
        self._former = {}

    def _page_questions(self, application):
        if application.page_id not in self._pages:
            self._pages[application.page_id] = _questions(application.page)
        return self._pages[application.page_id]

    def questions(self, application):
        return {name: label for name, (label, _type) in self._page_questions(application).items()}

    def heading(self, application, name):
        """The label whatever the channel: a spreadsheet column holds every channel's answers."""
        return (
            self.questions(application).get(name)
            or self._system.get(name)
            or self._former_label(application, name)
        )

    def _former_label(self, application, name):
        if application.page_id not in self._former:
            self._former[application.page_id] = _former_questions(application.page)
        return self._former[application.page_id].get(name) or name

    def label(self, application, name):
        if self.is_oral_consent(application, name):
            return str(ORAL_CONSENT_LABEL)
        return self.heading(application, name)

    def is_oral_consent(self, application, name):
        return (
            name == CONSENT
            and name not in self.questions(application)
            and is_given_orally(application)
        )

    def is_free_text(self, application, name):
        question = self._page_questions(application).get(name)
        if question is not None:
            return question[1] in FREE_TEXT_FIELD_TYPES
        return name in FREE_TEXT_SYSTEM_ANSWERS

    def ordered_names(self, application):
        data = answers_of(application)
        questions = [name for name in self.questions(application) if name in data]
        known = [
            *[name for name in LEADING if name in data],
            *questions,
            *[name for name in TRAILING if name in data],
        ]
        return known + [name for name in data if name not in known]

    def answer(self, application, name):
        data = answers_of(application)
        seen = (application.form_data or {}).get(AS_ANSWERED, {}).get(name)
        written_in = ""
        if (
            data[name] not in (None, "")
            and self.is_free_text(application, name)
            and not _same_language(application.language, get_language())
        ):
            written_in = language_name(application.language)
        return Answer(
            name,
            self.label(application, name),
            format_answer(data[name]),
            as_answered=format_answer(seen["value"]) if seen else "",
            unmatched=bool(seen) and not seen.get("matched"),
            written_in=written_in,
            shown_with_routing=self.is_oral_consent(application, name),
        )

    def answers(self, application):
        return [self.answer(application, name) for name in self.ordered_names(application)]


# What the detail view shows first, under the safe-contact instructions: who to call and how.
WAYS_TO_REACH = ["applicant_name", "phone", "email"]
SAFE_CONTACT = "safe_contact"


@dataclass
class ArrangedAnswers:
    """An application's answers as the detail view lays them out."""

    # The safe-contact instructions (None when the applicant was not asked or gave none).
    safe_contact: Answer | None
    # Name, phone, e-mail.
    ways_to_reach: list
    # Everything else, in the form's order.
    others: list


def arranged(answers):
    """Answers (`AnswerLabels.answers`) split into safe contact, ways to reach, the rest."""
    by_name = {answer.name: answer for answer in answers}
    safe_contact = by_name.get(SAFE_CONTACT)
    if safe_contact is not None and not safe_contact.value.strip():
        safe_contact = None
    return ArrangedAnswers(
        safe_contact=safe_contact,
        ways_to_reach=[by_name[name] for name in WAYS_TO_REACH if name in by_name],
        # Oral consent stands with the channel and its time, in the application's own facts.
        others=[
            answer
            for answer in answers
            if answer.name not in WAYS_TO_REACH
            and answer.name != SAFE_CONTACT
            and not answer.shown_with_routing
        ],
    )


def answers_of(application):
    """The stored answers by key, without what is stored beside them."""
    return {
        name: value for name, value in (application.form_data or {}).items() if name != AS_ANSWERED
    }


def as_answered_text(answer):
    """What an export shows of the answer as the applicant saw it."""
    if answer.unmatched:
        return _("%(answer)s (no matching choice in %(language)s)") % {
            "answer": answer.as_answered,
            "language": source_language_name(),
        }
    return answer.as_answered


class AnswerColumns:
    """The answer columns of a spreadsheet of `applications`.

    One column per answer (but those `without`), one value per choice whatever the applicant's
    language. Right after a
    question whose answer, as some applicant saw it, differs from what is stored, a column
    "<question> (as answered)" holds those answers: a coordinator filters the question's column
    by one value and still reads what each applicant chose.
    """

    def __init__(self, applications, without=()):
        self._labels = AnswerLabels()
        self._without = frozenset(without)
        self.fields = []
        self.headings = {}
        answered_differently = set()
        for application in applications:
            for name in self._labels.ordered_names(application):
                if name in self._without:
                    continue
                field = ANSWER_PREFIX + name
                if field not in self.headings:
                    self.fields.append(field)
                    self.headings[field] = str(self._labels.heading(application, name))
            answered_differently.update((application.form_data or {}).get(AS_ANSWERED, {}))
        for name in answered_differently:
            field = ANSWER_PREFIX + name
            if field in self.headings:
                as_answered = AS_ANSWERED_PREFIX + name
                self.fields.insert(self.fields.index(field) + 1, as_answered)
                self.headings[as_answered] = _("%(question)s (as answered)") % {
                    "question": self.headings[field]
                }

    def row(self, application):
        """Field -> cell text of this application's answers."""
        row = dict.fromkeys(self.fields, "")
        data = answers_of(application)
        for name in data:
            if name in self._without:
                continue
            answer = self._labels.answer(application, name)
            row[ANSWER_PREFIX + name] = answer.value
            if answer.shown_with_routing and data[name] is True:
                row[ANSWER_PREFIX + name] = _("Yes, given orally")
            if AS_ANSWERED_PREFIX + name in row and answer.as_answered:
                row[AS_ANSWERED_PREFIX + name] = as_answered_text(answer)
        return row


def format_answer(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, (list, tuple)):
        return ", ".join(format_answer(item) for item in value)
    return str(value)
