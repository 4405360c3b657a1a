from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index


class NoticeImportance(models.IntegerChoices):
    URGENT = 1, _("Urgent")
    IMPORTANT = 2, _("Important")
    INFORMATION = 3, _("Information")


class NoticeQuerySet(models.QuerySet):
    def active(self, at=None):
        at = at or timezone.now()
        return self.filter(starts_at__lte=at).filter(
            models.Q(ends_at__isnull=True) | models.Q(ends_at__gt=at)
        )

    def to_show(self, locale=None):
        """Active notices in the given language, the most important first."""
        locale = locale or Locale.get_active()
        return self.active().filter(locale=locale).order_by("importance", "-starts_at")


class Notice(TranslatableMixin, index.Indexed, models.Model):
    """A temporary message shown on every page while it is in force, e.g. changed hours."""

    title = models.CharField(_("title"), max_length=200)
    body = RichTextField(_("text"), features=["bold", "link", "ol", "ul"], blank=True)
    importance = models.PositiveSmallIntegerField(
        _("importance"), choices=NoticeImportance.choices, default=NoticeImportance.IMPORTANT
    )
    starts_at = models.DateTimeField(
        _("shown from"), default=timezone.now, help_text=_("Warsaw time.")
    )
    ends_at = models.DateTimeField(
        _("shown until"),
        null=True,
        blank=True,
        help_text=_(
            "Leave empty to show it until you withdraw it. To withdraw now, set the current time."
        ),
    )

    objects = NoticeQuerySet.as_manager()

    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    panels = [
        FieldPanel("title"),
        FieldPanel("body"),
        FieldPanel("importance"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["importance", "-starts_at"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")

    def __str__(self):
        return self.title

    def clean(self):
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must be later than the start.")})
