from django import forms
from django.utils.translation import gettext_lazy as _

from . import devices, set_up_codes

# django-otp doubles the wait after each wrong code (1 s, 2 s, 4 s, …).
TOO_MANY_ATTEMPTS = _("Too many wrong codes. Wait a minute, then type the code the app shows.")
SET_UP_CODE_REFUSED = _(
    "This set-up code is not right, has expired or has been used. Ask the person who manages "
    "accounts for a new one, or have one sent to your e-mail address."
)


def code_field(label, help_text):
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=32,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "off",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )


class AuthenticatorSetUpForm(forms.Form):
    """Confirms a new authenticator app with a code it has just produced, and the one-time
    set-up code without which a password alone would be enough to add someone else's phone."""

    set_up_code = code_field(
        _("Set-up code"),
        _(
            "The one-time code from the person who manages accounts, or from the e-mail sent to "
            "your address (ten letters and digits)."
        ),
    )
    code = code_field(
        _("Code from the app"),
        _("The six digits the app shows for this account now."),
    )

    def __init__(self, device, *args, **kwargs):
        self.device = device
        super().__init__(*args, **kwargs)
        self.fields["set_up_code"].widget.attrs.update(
            {"autocomplete": "off", "autocapitalize": "characters"}
        )
        self.fields["code"].widget.attrs["inputmode"] = "numeric"
        del self.fields["code"].widget.attrs["autofocus"]

    def clean_set_up_code(self):
        set_up_code = self.cleaned_data["set_up_code"]
        if not set_up_codes.is_valid(self.device.user, set_up_code):
            raise forms.ValidationError(SET_UP_CODE_REFUSED, code="set_up_code")
        return set_up_code

    def clean_code(self):
        if "set_up_code" not in self.cleaned_data:
            # Not checked without a valid set-up code: the app's code stays unused for the
            # next try.
            return self.cleaned_data["code"]
        code = devices.normalise_code(self.cleaned_data["code"])
        allowed, _details = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(TOO_MANY_ATTEMPTS, code="throttled")
        if not self.device.verify_token(code):
            raise forms.ValidationError(
                _(
                    "This code does not match. Check that the app shows the account you have "
                    "just added, and type the code it shows now."
                ),
                code="invalid",
            )
        return code


class SecondFactorForm(forms.Form):
    """The second step of signing in: a code from the app, or one of the backup codes."""

    code = code_field(
        _("Code"),
        _("Six digits from your authenticator app, or one of your backup codes."),
    )

    def __init__(self, user, *args, backup_code=False, **kwargs):
        self.user = user
        self.device = None
        super().__init__(*args, **kwargs)
        if backup_code:
            # Backup codes have letters: a phone's digit pad could not type them.
            self.fields["code"].help_text = _("One of your backup codes (letters and digits).")
        else:
            self.fields["code"].widget.attrs["inputmode"] = "numeric"

    def clean_code(self):
        try:
            self.device = devices.verify_code(self.user, self.cleaned_data["code"])
        except devices.TooManyAttempts:
            raise forms.ValidationError(TOO_MANY_ATTEMPTS, code="throttled") from None
        if self.device is None:
            raise forms.ValidationError(
                _("This code is not right, or it has already been used. Try the next one."),
                code="invalid",
            )
        return self.cleaned_data["code"]
