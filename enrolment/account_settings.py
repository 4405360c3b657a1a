"""The coordinator's own switch for the daily digest, in Wagtail's account settings
(Account → Notifications), for those who coordinate a team and for superusers."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.account import BaseSettingsPanel, notifications_tab

from .models import CoordinatorPreferences
from .permissions import coordinated_team_ids

DIGEST_PANEL_TITLE = _("Daily digest of your teams' applications")
# The checkbox, as the digest's footer quotes it to tell how to stop it.
DIGEST_CHECKBOX_LABEL = _("Send me the daily digest by e-mail")


class DailyDigestForm(forms.ModelForm):
    class Meta:
        model = CoordinatorPreferences
        fields = ["daily_digest"]
        labels = {"daily_digest": DIGEST_CHECKBOX_LABEL}


class DailyDigestSettingsPanel(BaseSettingsPanel):
    name = "daily_digest"
    title = DIGEST_PANEL_TITLE
    tab = notifications_tab
    order = 150
    form_class = DailyDigestForm
    template_name = "enrolment/admin/daily_digest_settings_panel.html"

    def is_active(self):
        return self.user.is_active and (
            self.user.is_superuser or bool(coordinated_team_ids(self.user))
        )

    def get_form(self):
        # A coordinator without a row has the defaults; saving the form stores them.
        preferences = CoordinatorPreferences.objects.filter(user=self.user).first()
        kwargs = {
            "instance": preferences or CoordinatorPreferences(user=self.user),
            "prefix": self.name,
        }
        if self.request.method == "POST":
            return self.form_class(self.request.POST, **kwargs)
        return self.form_class(**kwargs)

    def get_context_data(self):
        return {**super().get_context_data(), "has_email": bool(self.user.email)}


def daily_digest_settings_panel(request, user, profile):
    return DailyDigestSettingsPanel(request, user, profile)
