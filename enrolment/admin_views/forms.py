"""The two things a coordinator changes on an application: its status and its notes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from enrolment.forms import MultilineField
from enrolment.models import ApplicationNote, ApplicationStatus
from enrolment.waiting_list import STATUSES_AFTER_ERASURE


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ApplicationStatus.choices)
    # The status the coordinator saw: a colleague may have changed it since the page was opened
    # (enrolment.waiting_list.ChangedMeanwhile).
    seen_status = forms.ChoiceField(
        choices=ApplicationStatus.choices, widget=forms.HiddenInput, required=False
    )

    def __init__(self, *args, application=None, **kwargs):
        if application is not None:
            kwargs.setdefault(
                "initial", {"status": application.status, "seen_status": application.status}
            )
        super().__init__(*args, **kwargs)
        if application is not None and application.is_anonymised:
            # Nobody is behind it to take a place or wait for one: it can only be closed.
            allowed = {application.status, *STATUSES_AFTER_ERASURE}
            self.fields["status"].choices = [
                choice for choice in ApplicationStatus.choices if choice[0] in allowed
            ]


class NoteForm(forms.ModelForm):
    class Meta:
        model = ApplicationNote
        fields = ["text"]
        labels = {"text": _("New note")}
        help_texts = {
            "text": _(
                "Seen by the team's coordinators. Write only what is needed to handle the "
                "application."
            )
        }
        field_classes = {"text": MultilineField}
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}
