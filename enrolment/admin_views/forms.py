"""The two things a coordinator changes on an application: its status and its notes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from enrolment.forms import MultilineField
from enrolment.models import ApplicationNote, ApplicationStatus


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ApplicationStatus.choices)


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
