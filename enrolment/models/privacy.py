"""The information clause (RODO art. 13) shown with every enrolment form, edited once."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin

from home.models.institution import LocalizedSingletonQuerySet


class PrivacyNotice(TranslatableMixin, models.Model):
    """The controller and the DPO's contact come from the institution's details and settings."""

    purpose = models.TextField(_("purpose of processing"))
    legal_basis = models.TextField(_("legal basis"))
    recipients = models.TextField(_("recipients of the data"))
    retention = models.TextField(_("how long the data is kept"))
    rights = models.TextField(_("the applicant's rights"))
    complaint = models.TextField(
        _("right to complain"),
        help_text=_("To the President of the Personal Data Protection Office."),
    )

    objects = LocalizedSingletonQuerySet.as_manager()

    panels = [
        FieldPanel("purpose"),
        FieldPanel("legal_basis"),
        FieldPanel("recipients"),
        FieldPanel("retention"),
        FieldPanel("rights"),
        FieldPanel("complaint"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("privacy notice for applicants")
        verbose_name_plural = _("privacy notice for applicants")

    def __str__(self):
        return str(_("Privacy notice for applicants"))
