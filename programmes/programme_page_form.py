"""The page editor's form for programme pages: each edition of a programme has its own number.

Editions are edited inline, so a duplicate number can only be seen across the editions' forms,
not by one edition's own `clean`: as Wagtail checks its form pages' fields, the page's form
looks through the formset and puts the error on the duplicate edition's number.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

EDITIONS = "editions"
_DUPLICATE_NUMBER = _(
    "Another edition of this programme already has the number %(number)s. Give each edition "
    "its own number."
)


class ProgrammePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        numbered = set()
        for form in _kept_editions(self.formsets.get(EDITIONS)):
            number = form.cleaned_data.get("number")
            if number in numbered:
                form.add_error(
                    "number",
                    forms.ValidationError(
                        _DUPLICATE_NUMBER, code="duplicate_number", params={"number": number}
                    ),
                )
            elif number is not None:
                numbered.add(number)
        return cleaned_data


def _kept_editions(formset):
    """The editions' forms that will be saved: valid and not being deleted."""
    edition_forms = formset.forms if formset else []
    return [
        form for form in edition_forms if form.is_valid() and not form.cleaned_data.get("DELETE")
    ]
