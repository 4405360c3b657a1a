"""The page editor's form for enrolment form pages: questions may not take a system field's name.

Wagtail names a new question after its label. A label that would give a reserved name ("Email",
"Edition", "Phone"…) or no name at all ("???", only emoji) is refused on saving, with an error on
that question that says why. A question already stored with such a name is left alone: the form
sends and stores it under a key of its own (see `field_names`), so it keeps working. A question's
input purpose (`input_purposes`) is refused on a type a browser cannot fill in.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import WagtailAdminFormPageForm

from home.inline_forms import kept_forms

from .field_names import is_reserved
from .input_purposes import can_have_a_purpose
from .source_language_choices import CHOICE_FIELD_TYPES, choice_values

QUESTIONS = "form_fields"
_RESERVED = _(
    "This label would give the question the name “%(name)s”, which the form keeps for a "
    "question it asks itself (every form asks for the edition, name, phone, e-mail address and "
    "consent). Change the label, for example by adding a word."
)
_NO_PURPOSE = _(
    "A browser cannot fill in checkboxes, radio buttons or a hidden field. Leave this empty, or "
    "change the question's type."
)
_NO_NAME = _(
    "This label has no letters or digits to name the question after. Add a word to the label."
)
_HIDDEN_WITHOUT_VALUE = _(
    "A required hidden field needs a default value: the applicant cannot see it to fill it in, "
    "so every application would be refused. Give a default value, or untick “Required”."
)
_TOO_FEW_CHOICES = _(
    "Give at least two choices, one per line: with fewer, the applicant has nothing to choose "
    "from. To ask for a confirmation (“I confirm…”), use a single checkbox instead."
)


class EnrolmentFormPageForm(WagtailAdminFormPageForm):
    def clean(self):
        cleaned_data = super().clean()
        for form in kept_forms(self.formsets.get(QUESTIONS)):
            self._check_purpose(form)
            self._check_answerable(form)
            if not self._names_a_new_question(form):
                continue
            name = form.instance.get_field_clean_name()
            if not name:
                form.add_error("label", forms.ValidationError(_NO_NAME, code="no_name"))
            elif is_reserved(name):
                form.add_error(
                    "label",
                    forms.ValidationError(_RESERVED, code="reserved_name", params={"name": name}),
                )
        return cleaned_data

    @staticmethod
    def _check_purpose(form):
        """A purpose only on a question the browser could fill in (`input_purposes`)."""
        if form.cleaned_data.get("autocomplete") and not can_have_a_purpose(
            form.cleaned_data.get("field_type")
        ):
            form.add_error("autocomplete", forms.ValidationError(_NO_PURPOSE, code="no_purpose"))

    @staticmethod
    def _check_answerable(form):
        """Refuse a question no applicant could answer, which would stop every application."""
        question = form.instance
        if question.field_type == "hidden" and question.required and not question.default_value:
            form.add_error(
                "default_value",
                forms.ValidationError(_HIDDEN_WITHOUT_VALUE, code="hidden_without_value"),
            )
        elif question.field_type in CHOICE_FIELD_TYPES and len(_distinct_choices(question)) < 2:
            form.add_error(
                "choices", forms.ValidationError(_TOO_FEW_CHOICES, code="too_few_choices")
            )

    @staticmethod
    def _names_a_new_question(form):
        """A question kept on this save that gets its name now: new and filled in."""
        return form.has_changed() and not form.instance.clean_name


def _distinct_choices(question):
    """The choices the form will offer, split as the form splits them, blanks left out."""
    return {choice for choice in choice_values(question) if choice}
