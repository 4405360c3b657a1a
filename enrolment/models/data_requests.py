"""Requests under RODO art. 15-17 handled in the admin: one per search for a person's
applications, so that the search, the exports and the erasures that follow it are logged
together, with the reason the data protection officer gave (never the search terms)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DataRequest(models.Model):
    reason = models.CharField(_("reason"), max_length=255)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # The reference numbers the search found: what the export and the erasure may act on.
    references = models.JSONField(_("reference numbers found"), default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("data request")
        verbose_name_plural = _("data requests")

    def __str__(self):
        return self.reason
