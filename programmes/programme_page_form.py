"""The page editor's form for programme pages: each edition of a programme has its own number,
and an edition is deleted only if nothing kept needs it.

Editions are edited inline, so a duplicate number can only be seen across the editions' forms,
not by one edition's own `clean`: as Wagtail checks its form pages' fields, the page's form
looks through the formset and puts the error on the duplicate edition's number.

Whether an edition may be deleted is for the apps that keep things with it to say (enrolment:
applications), through the Wagtail hook `EDITION_DELETION_HOOK`: each function registered takes
the edition and returns why it may not be deleted, or None. The reason is the page's own error,
since the deleted edition's panel is hidden.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminPageForm

from home.inline_forms import deleted_instances, kept_forms

EDITIONS = "editions"
EDITION_DELETION_HOOK = "refuse_to_delete_edition"
_DUPLICATE_NUMBER = _(
    "Another edition of this programme already has the number %(number)s. Give each edition "
    "its own number."
)


class ProgrammePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        numbered = set()
        for form in kept_forms(self.formsets.get(EDITIONS)):
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
        for edition in deleted_instances(self.formsets.get(EDITIONS)):
            for refusal in hooks.get_hooks(EDITION_DELETION_HOOK):
                reason = refusal(edition)
                if reason:
                    self.add_error(None, reason)
        return cleaned_data
