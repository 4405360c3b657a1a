"""The enrolment form: the editor's questions framed by the fields the system needs.

System fields are sent under names no question can take (see `field_names`); `answers()` stores
them under their plain keys.
"""

import logging
import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.forms.utils import from_current_timezone
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from home.email_addresses import normalised_email_address

from .default_language import in_default_language
from .field_names import (
    LEADING_KEYS,
    NOT_STORED,
    SYSTEM_FIELD_NAMES,
    TRAILING_KEYS,
    question_key,
    system_field_name,
)
from .input_purposes import can_have_a_purpose
from .spam import ResilientReCaptchaField, recaptcha_is_configured
from .submission_tokens import FIELD_NAME as TOKEN_FIELD_NAME, new_token, token_from

__all__ = [
    "NOT_STORED",
    "SYSTEM_FIELD_NAMES",
    "EnrolmentBaseForm",
    "EnrolmentFormBuilder",
    "system_answer_labels",
]

NAME_MAX_LENGTH = 200
PHONE_MAX_LENGTH = 30
SAFE_CONTACT_MAX_LENGTH = 500
SINGLE_LINE_MAX_LENGTH = 255
MULTI_LINE_MAX_LENGTH = 2000
logger = logging.getLogger(__name__)
_PHONE = re.compile(r"^\+?[\d\s\-()]{9,}$")


class OneEmailAddressField(forms.EmailField):
    """One address, stored in one spelling (home.email_addresses): it ends up in a mail header."""

    def clean(self, value):
        return normalised_email_address(super().clean(value))


def _with_sentence(help_text, sentence):
    return f"{help_text} {sentence}".strip()


def _with_limit(help_text, limit):
    return _with_sentence(help_text, gettext("Up to %(limit)s characters.") % {"limit": limit})


# Lazy, so that help texts defined at import time follow the language of each request.
with_limit = lazy(_with_limit, str)

# Dates are read day first in every language, as they are written in Poland (and in Ukraine):
# English's default would read 05/12/1980 as the 12th of May. The ISO form is what a browser's
# own date field, or a copy from a document, may send.
DATE_FORMATS = ["%d.%m.%Y", "%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]
DATE_TIME_FORMATS = [f"{date} {time}" for date in DATE_FORMATS for time in ("%H:%M", "%H:%M:%S")]
# How dates are written in a sentence, which people type into a form too: "31.12.1980 r."
# (roku; "р." in Ukrainian), "31. 12. 1980", "31.12.2026 r., godz. 9:30".
_YEAR_WORD = re.compile(r"(?<=\d)\s*[rр]\.?(?=[\s,]|$)", re.IGNORECASE)
_HOUR_WORD = re.compile(r"\s*,\s*|\s*\b(?:godz|год)\b\.?\s*", re.IGNORECASE)
_SPACED_SEPARATOR = re.compile(r"(?<=\d)\s*([./-])\s*(?=\d)")


def as_plain_date(typed):
    """`typed` with the words and spaces of a written date taken out, for the formats above."""
    plain = _HOUR_WORD.sub(" ", _YEAR_WORD.sub("", typed.strip()))
    return " ".join(_SPACED_SEPARATOR.sub(r"\1", plain).split())


class WrittenDateField(forms.DateField):
    """A date typed as it is written in a letter ("31.12.1980 r.") is read, not refused."""

    def to_python(self, value):
        return super().to_python(as_plain_date(value) if isinstance(value, str) else value)


class WrittenDateTimeField(forms.DateTimeField):
    """A date and time typed as written in a letter ("31.12.2026 r., godz. 9:30") is read.

    Only in the formats above: Django's field reads ISO 8601 first, where "9:30-10:30" (a time
    range) is half past nine at a UTC offset of -10:30, stored as nine in the evening."""

    def to_python(self, value):
        if not isinstance(value, str):
            return super().to_python(value)
        value = as_plain_date(value)
        if value in self.empty_values:
            return None
        for input_format in self.input_formats:
            try:
                return from_current_timezone(self.strptime(value, input_format))
            except (ValueError, TypeError):
                continue
        raise ValidationError(self.error_messages["invalid"], code="invalid")


def _with_example(help_text, example):
    return _with_sentence(help_text, gettext("For example: %(example)s.") % {"example": example})


with_example = lazy(_with_example, str)


class MultilineField(forms.CharField):
    """Text of several lines, its line breaks counted as the browser counts them.

    A browser sends each line break of a text area as CR LF but counts it as one character
    against the area's `maxlength`: without this, text the browser let a person type in full
    would be refused as too long. Breaks are stored as LF, whatever the browser sent."""

    widget = forms.Textarea

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        return super().to_python(value)


class CheckboxInput(forms.CheckboxInput):
    """A box that counts as ticked only when the browser sends the value it renders.

    Django's own widget reads any value but "false" as ticked ("0", "no", anything): consent must
    be given, not guessed. (Named like Django's widget: templates tell checkboxes by that name.)
    """

    checked_value = "on"

    def format_value(self, value):
        return self.checked_value

    def value_from_datadict(self, data, files, name):
        return data.get(name) == self.checked_value


class CheckboxField(forms.BooleanField):
    widget = CheckboxInput


class DistinctMultipleChoiceField(forms.MultipleChoiceField):
    """A choice sent twice (`?a=x&a=x`) is one answer, stored once, in the order first sent."""

    def clean(self, value):
        return list(dict.fromkeys(super().clean(value)))


class NeverFilledTextInput(forms.TextInput):
    """A text box shown empty again after an error, whatever was sent in it."""

    def format_value(self, value):
        return None


class HoneypotField(forms.CharField):
    """A field people never see: bots fill it in, people leave it empty. Whitespace counts.

    A person's browser or password manager may still fill it in unseen: the error then says
    so where the person reads it, and the field comes back empty, so that sending again works.
    """

    def __init__(self, **kwargs):
        super().__init__(strip=False, required=False, **kwargs)


def system_fields():
    """The fields every enrolment form has, by the key their answers are stored under."""
    return {
        "edition": forms.TypedChoiceField(
            label=_("Edition you are applying for"),
            coerce=int,
            empty_value=None,
            widget=forms.RadioSelect,
            error_messages={
                "invalid_choice": _("Choose one of the editions that take applications.")
            },
        ),
        "applicant_name": forms.CharField(
            label=_("Your name"),
            max_length=NAME_MAX_LENGTH,
            help_text=with_limit(
                _("Your first name is enough: how should we address you?"), NAME_MAX_LENGTH
            ),
            widget=forms.TextInput(attrs={"autocomplete": "name"}),
        ),
        "phone": forms.CharField(
            label=_("Your phone number"),
            required=False,
            max_length=PHONE_MAX_LENGTH,
            help_text=_("For example: 600 123 456."),
            validators=[
                RegexValidator(
                    _PHONE, _("Write the phone number in digits, for example: 600 123 456.")
                )
            ],
            widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        ),
        "email": OneEmailAddressField(
            label=_("Your e-mail address"),
            required=False,
            help_text=_("Give a phone number, an e-mail address, or both."),
            widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        ),
        "safe_contact": MultilineField(
            label=_("When and how is it safe to contact you?"),
            required=False,
            max_length=SAFE_CONTACT_MAX_LENGTH,
            help_text=with_limit(
                _("For example: only by phone, on weekdays after 10:00; do not leave messages."),
                SAFE_CONTACT_MAX_LENGTH,
            ),
            widget=forms.Textarea(attrs={"rows": 3}),
        ),
        "email_confirmation": CheckboxField(
            label=_("Send me a confirmation with the reference number by e-mail"),
            required=False,
            help_text=_("The e-mail will contain only the reference number, nothing you wrote."),
        ),
        "privacy_consent": CheckboxField(
            label=_("I have read the information on how my personal data will be processed"),
            error_messages={"required": _("Tick this box to send the application.")},
        ),
        "website": HoneypotField(
            label=_("Leave this field empty"),
            widget=NeverFilledTextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        ),
    }


def system_answer_labels():
    """Stored key -> label of the system fields whose answers are stored."""
    return {key: field.label for key, field in system_fields().items() if key not in NOT_STORED}


class EnrolmentBaseForm(BaseForm):
    honeypot_name = system_field_name("website")
    captcha_name = system_field_name("captcha")
    consent_name = system_field_name("privacy_consent")
    token_name = TOKEN_FIELD_NAME

    def __init__(self, *args, editions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.editions = {edition.pk: edition for edition in editions}
        edition = self.fields[system_field_name("edition")]
        edition.choices = [
            (edition.pk, f"{edition.label}, {edition.period}") for edition in editions
        ]
        if len(editions) == 1:
            edition.initial = editions[0].pk
        programme = self.page.programme if self.page else None
        if not getattr(programme, "sensitive", False):
            del self.fields[system_field_name("safe_contact")]
        if recaptcha_is_configured():
            self.fields[self.captcha_name] = ResilientReCaptchaField(
                label=_("Check that you are not a robot")
            )
        self._init_token()
        self.order_fields(self.system_field_order())

    def _init_token(self):
        """The form's one-time token: the one sent back if it is ours, else a new one, so that
        a form shown again after an error keeps its token and a form without one gets one."""
        self.sent_token = token_from(self.data) if self.is_bound else None
        if self.sent_token and self._token_used_by_another_form(self.sent_token):
            # Issued by another form page: its application is not this form's, so this POST
            # neither shows that application's confirmation nor is silently dropped for it.
            self.sent_token = None
        if self.sent_token:
            self.submission_token = self.sent_token
            self.signed_submission_token = self.data[TOKEN_FIELD_NAME]
        else:
            self.submission_token, self.signed_submission_token = new_token()

    def _token_used_by_another_form(self, token):
        if self.page is None:
            return False
        application = self.page.application_sent_with(token)
        return application is not None and application.page_id != in_default_language(self.page).pk

    def system_field_order(self):
        system = {system_field_name(key) for key in SYSTEM_FIELD_NAMES}
        questions = [name for name in self.fields if name not in system]
        return [
            *(system_field_name(key) for key in LEADING_KEYS),
            *questions,
            *(system_field_name(key) for key in TRAILING_KEYS),
        ]

    def system_value(self, key):
        """The cleaned value of the system field stored under `key`."""
        return self.cleaned_data.get(system_field_name(key))

    @property
    def spam_check_skipped(self):
        field = self.fields.get(system_field_name("captcha"))
        return bool(field and field.spam_check_skipped)

    def clean(self):
        cleaned = super().clean()
        edition_name = system_field_name("edition")
        if cleaned.get(edition_name) is not None:
            # Only editions open for enrolment are offered; any other id, even in a forged
            # request, is refused by the choice field before this point.
            cleaned[edition_name] = self.editions[cleaned[edition_name]]
        if cleaned.get(self.honeypot_name):
            logger.warning(
                "Enrolment honeypot filled on page %s; refused.", getattr(self.page, "pk", None)
            )
            # In the summary, not on the hidden field: a person whose browser filled it in
            # reads why, and sends again (the field comes back empty).
            self.add_error(
                None,
                forms.ValidationError(
                    _(
                        "A hidden field of the form was filled in, perhaps by your browser, so the"
                        " application was not sent. Send it again; if this message comes back,"
                        " please call us."
                    ),
                    code="honeypot",
                ),
            )
        if not self.sent_token:
            self.add_error(
                None,
                forms.ValidationError(
                    _(
                        "This form could not be matched to one sending, so the application "
                        "has not been sent yet. What you typed is still in the form: please "
                        "send it again."
                    ),
                    code="submission_token",
                ),
            )
        self._require_a_way_to_reach(cleaned)
        return cleaned

    def _require_a_way_to_reach(self, cleaned):
        phone, email = system_field_name("phone"), system_field_name("email")
        reachable = cleaned.get(phone) or cleaned.get(email)
        if not reachable and email not in self.errors and phone not in self.errors:
            self.add_error(phone, _("Give a phone number or an e-mail address."))
        if cleaned.get(system_field_name("email_confirmation")) and not cleaned.get(email):
            self.add_error(email, _("Give an e-mail address to receive the confirmation."))

    def answers(self):
        """What is stored with the application: the applicant's answers, not the checks.

        System answers under their plain keys; questions under the keys they were sent under.
        """
        system = {system_field_name(key): key for key in SYSTEM_FIELD_NAMES}
        stored = {}
        for name, value in self.cleaned_data.items():
            if name not in system:
                stored[name] = value
            elif system[name] not in NOT_STORED:
                stored[system[name]] = value
        return stored


class EnrolmentFormBuilder(FormBuilder):
    def __init__(self, fields, page=None):
        super().__init__(fields)
        self.page = page

    def create_singleline_field(self, field, options):
        options["help_text"] = with_limit(options.get("help_text", ""), SINGLE_LINE_MAX_LENGTH)
        return super().create_singleline_field(field, options)

    def create_multiline_field(self, field, options):
        options["max_length"] = MULTI_LINE_MAX_LENGTH
        options["help_text"] = with_limit(options.get("help_text", ""), MULTI_LINE_MAX_LENGTH)
        return MultilineField(**options)

    def create_date_field(self, field, options):
        options["help_text"] = with_example(options.get("help_text", ""), "31.12.1980")
        widget = forms.DateInput(format=DATE_FORMATS[0])
        return WrittenDateField(input_formats=DATE_FORMATS, widget=widget, **options)

    def create_datetime_field(self, field, options):
        options["help_text"] = with_example(options.get("help_text", ""), "31.12.2026 09:30")
        widget = forms.DateTimeInput(format=DATE_TIME_FORMATS[0])
        return WrittenDateTimeField(input_formats=DATE_TIME_FORMATS, widget=widget, **options)

    def create_checkbox_field(self, field, options):
        return CheckboxField(**options)

    def create_multiselect_field(self, field, options):
        options["choices"] = self.get_formatted_field_choices(field)
        return DistinctMultipleChoiceField(**options)

    def create_checkboxes_field(self, field, options):
        options["choices"] = self.get_formatted_field_choices(field)
        options["initial"] = self.get_formatted_field_initial(field)
        options.setdefault("widget", forms.CheckboxSelectMultiple)
        return DistinctMultipleChoiceField(**options)

    @property
    def formfields(self):
        # Each question under its key: its own name unless a system field keeps that name.
        questions = {}
        for field in self.fields:
            options = self.get_field_options(field)
            create_field = self.get_create_field_function(field.field_type)
            clean_name = field.clean_name or field.get_field_clean_name()
            form_field = create_field(field, options)
            if field.autocomplete and can_have_a_purpose(field.field_type):
                form_field.widget.attrs["autocomplete"] = field.autocomplete
            questions[question_key(clean_name)] = form_field
        return questions

    def get_form_class(self):
        system = {system_field_name(key): field for key, field in system_fields().items()}
        return type("EnrolmentForm", (EnrolmentBaseForm,), {**system, **self.formfields})
