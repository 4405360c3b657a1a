"""The enrolment form: the editor's questions framed by the fields the system needs."""

import logging
import re

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from .spam import ResilientReCaptchaField, recaptcha_is_configured

NAME_MAX_LENGTH = 200
PHONE_MAX_LENGTH = 30
SAFE_CONTACT_MAX_LENGTH = 500
SINGLE_LINE_MAX_LENGTH = 255
MULTI_LINE_MAX_LENGTH = 2000
logger = logging.getLogger(__name__)
_PHONE = re.compile(r"^\+?[\d\s\-()]{9,}$")

# Names of the fields the system adds; an editor's question may not take one of them.
SYSTEM_FIELD_NAMES = {
    "edition",
    "applicant_name",
    "phone",
    "email",
    "safe_contact",
    "email_confirmation",
    "privacy_consent",
    "website",
    "captcha",
}
# Kept out of the stored application: they are checks, not answers.
NOT_STORED = {"edition", "website", "captcha"}


def _with_limit(help_text, limit):
    limit_text = gettext("Up to %(limit)s characters.") % {"limit": limit}
    return f"{help_text} {limit_text}".strip()


# Lazy, so that help texts defined at import time follow the language of each request.
with_limit = lazy(_with_limit, str)


class EnrolmentBaseForm(BaseForm):
    edition = forms.TypedChoiceField(
        label=_("Edition you are applying for"),
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the editions that take applications.")},
    )
    applicant_name = forms.CharField(
        label=_("Your name"),
        max_length=NAME_MAX_LENGTH,
        help_text=with_limit(
            _("Your first name is enough: how should we address you?"), NAME_MAX_LENGTH
        ),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label=_("Your phone number"),
        required=False,
        max_length=PHONE_MAX_LENGTH,
        help_text=_("For example: 600 123 456."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        required=False,
        help_text=_("Give a phone number, an e-mail address, or both."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    safe_contact = forms.CharField(
        label=_("When and how is it safe to contact you?"),
        required=False,
        max_length=SAFE_CONTACT_MAX_LENGTH,
        help_text=with_limit(
            _("For example: only by phone, on weekdays after 10:00; do not leave messages."),
            SAFE_CONTACT_MAX_LENGTH,
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    email_confirmation = forms.BooleanField(
        label=_("Send me a confirmation with the reference number by e-mail"),
        required=False,
        help_text=_("The e-mail will contain only the reference number, nothing you wrote."),
    )
    privacy_consent = forms.BooleanField(
        label=_("I have read the information on how my personal data will be processed"),
        error_messages={"required": _("Tick this box to send the application.")},
    )
    # A field people never see: bots fill it in, people leave it empty.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, editions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.editions = {edition.pk: edition for edition in editions}
        self.fields["edition"].choices = [
            (edition.pk, f"{edition.label}, {edition.period}") for edition in editions
        ]
        if len(editions) == 1:
            self.fields["edition"].initial = editions[0].pk
        programme = self.page.programme if self.page else None
        if not getattr(programme, "is_sensitive", False):
            del self.fields["safe_contact"]
        if recaptcha_is_configured():
            self.fields["captcha"] = ResilientReCaptchaField(
                label=_("Check that you are not a robot")
            )
        self.order_fields(self.system_field_order())

    def system_field_order(self):
        questions = [name for name in self.fields if name not in SYSTEM_FIELD_NAMES]
        trailing = ["applicant_name", "phone", "email", "safe_contact", "email_confirmation"]
        return ["edition", *questions, *trailing, "privacy_consent", "captcha", "website"]

    @property
    def spam_check_skipped(self):
        field = self.fields.get("captcha")
        return bool(field and field.spam_check_skipped)

    def clean_edition(self):
        # Only editions open for enrolment are offered; any other id, even in a forged
        # request, is refused by the choice field before this point.
        return self.editions[self.cleaned_data["edition"]]

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not _PHONE.match(phone):
            raise forms.ValidationError(
                _("Write the phone number in digits, for example: 600 123 456.")
            )
        return phone

    def clean_website(self):
        if self.cleaned_data["website"]:
            logger.warning(
                "Enrolment honeypot filled on page %s; refused.", getattr(self.page, "pk", None)
            )
            raise forms.ValidationError(
                _("The application could not be sent. Please call us."), code="honeypot"
            )
        return ""

    def clean(self):
        cleaned = super().clean()
        reachable = cleaned.get("phone") or cleaned.get("email")
        if not reachable and "email" not in self.errors and "phone" not in self.errors:
            self.add_error("phone", _("Give a phone number or an e-mail address."))
        if cleaned.get("email_confirmation") and not cleaned.get("email"):
            self.add_error("email", _("Give an e-mail address to receive the confirmation."))
        return cleaned

    def answers(self):
        """What is stored with the application: the applicant's answers, not the checks."""
        return {name: value for name, value in self.cleaned_data.items() if name not in NOT_STORED}


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
        return super().create_multiline_field(field, options)

    def get_form_class(self):
        return type("EnrolmentForm", (EnrolmentBaseForm,), self.formfields)
