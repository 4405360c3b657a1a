"""The admin's sign-in form: Wagtail's own, with words that read right in Polish and Ukrainian."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm


class AdminLoginForm(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail redeclares the field without a label: Django then shows the English "Password".
        self.fields["password"].label = _("Password")
        # Wagtail's "Enter your %(username_field_name)s" inserts the field's name in the
        # nominative ("Wpisz nazwa użytkownika"); a whole sentence can be translated correctly.
        self.fields["username"].widget.attrs["placeholder"] = _("Enter your username")
        # Wagtail redeclares both fields without Django's autocomplete tokens: password managers
        # fill in the sign-in only when they know which field is which (WCAG 3.3.8).
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"
