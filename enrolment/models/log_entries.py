"""The audit log of applications, readable per team.

Wagtail shows a model's log entries to everyone with any permission on the model; in the shared
log, coordinators would see other teams' reference numbers and actions. Entries about
applications are kept here instead, with the application's team.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models.audit_log import BaseLogEntry, ModelLogEntryManager


class ApplicationLogEntryManager(ModelLogEntryManager):
    def log_action(self, instance, action, **kwargs):
        kwargs.update(team_id=instance.team_id)
        return super().log_action(instance, action, **kwargs)

    def viewable_by_user(self, user):
        if user.is_superuser:
            return self.all()
        return self.filter(team__coordinators_group__user=user).distinct()


class ApplicationLogEntry(BaseLogEntry):
    object_id = models.CharField(max_length=255, db_index=True)
    team = models.ForeignKey(
        "programmes.Team", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ApplicationLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = _("application log entry")
        verbose_name_plural = _("application log entries")

    def __str__(self):
        return f"ApplicationLogEntry {self.pk}: {self.action} on application {self.object_id}"
