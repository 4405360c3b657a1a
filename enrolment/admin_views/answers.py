"""An application's answers with the labels the applicant saw, for the detail view and exports."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from enrolment.forms import NOT_STORED, EnrolmentBaseForm

# Contact details first: they are what a coordinator needs to call back.
LEADING = ["applicant_name", "phone", "email", "safe_contact"]
TRAILING = ["email_confirmation", "privacy_consent"]


@dataclass
class Answer:
    name: str
    label: str
    value: str


def system_labels():
    return {
        name: str(field.label)
        for name, field in EnrolmentBaseForm.base_fields.items()
        if name not in NOT_STORED
    }


def _question_labels(page):
    """clean_name -> label of a form page's questions, in the order the form shows them."""
    if page is None:
        return {}
    page = page.specific
    if not hasattr(page, "get_form_fields"):
        return {}
    labels = {field.clean_name: field.label for field in page.get_form_fields()}
    # The page in the admin user's language, where it is translated and live.
    localized = page.localized
    if localized.pk != page.pk:
        for field in localized.get_form_fields():
            if field.clean_name in labels:
                labels[field.clean_name] = field.label
    return labels


class AnswerLabels:
    """Labels for the answers of many applications, reading each form page once."""

    def __init__(self):
        self._system = system_labels()
        self._pages = {}

    def questions(self, application):
        if application.page_id not in self._pages:
            self._pages[application.page_id] = _question_labels(application.page)
        return self._pages[application.page_id]

    def label(self, application, name):
        return self.questions(application).get(name) or self._system.get(name) or name

    def ordered_names(self, application):
        data = application.form_data or {}
        questions = [name for name in self.questions(application) if name in data]
        known = [
            *[name for name in LEADING if name in data],
            *questions,
            *[name for name in TRAILING if name in data],
        ]
        return known + [name for name in data if name not in known]

    def answers(self, application):
        data = application.form_data or {}
        return [
            Answer(name, self.label(application, name), format_answer(data[name]))
            for name in self.ordered_names(application)
        ]


def format_answer(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, (list, tuple)):
        return ", ".join(format_answer(item) for item in value)
    return str(value)
