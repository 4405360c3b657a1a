"""Notices: short messages shown on every page while they are in force (changed hours, closures).

A notice is published, scheduled and withdrawn like a page: it has drafts, revisions, a preview,
go-live and expiry dates (published by `manage.py publish_scheduled`, which `run_scheduler` runs
every minute) and the same moderation workflow as pages.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PublishingPanel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index

from ..languages import active_locale_id, default_locale_id


class NoticeImportance(models.IntegerChoices):
    URGENT = 1, _("Urgent")
    IMPORTANT = 2, _("Important")
    INFORMATION = 3, _("Information")


class NoticeQuerySet(models.QuerySet):
    def active(self, at=None):
        """Published notices whose expiry has not come.

        The scheduled command unpublishes an expired notice within a minute; filtering on the
        expiry as well hides it from the very moment it expires.
        """
        at = at or timezone.now()
        return self.filter(live=True).filter(
            models.Q(expire_at__isnull=True) | models.Q(expire_at__gt=at)
        )

    def to_show(self, locale=None):
        """Active notices in a language (a Locale or its id), the most important first, then
        the newest. A notice in force in the default language but not (yet) in this one is
        shown in the default language: a closure announced in Polish reaches every reader
        before it is translated."""
        locale_id = getattr(locale, "pk", locale) or active_locale_id()
        default_id = default_locale_id()
        active = self.active()
        shown = models.Q(locale_id=locale_id)
        if locale_id != default_id:
            translated = active.filter(locale_id=locale_id).values("translation_key")
            untranslated = active.filter(locale_id=default_id).exclude(
                translation_key__in=translated
            )
            shown |= models.Q(pk__in=untranslated.values("pk"))
        return (
            active.filter(shown)
            .select_related("locale")
            .order_by("importance", models.F("first_published_at").desc(nulls_last=True), "-pk")
        )


class Notice(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    TranslatableMixin,
    index.Indexed,
    models.Model,
):
    """A temporary message shown on every page while it is in force, e.g. changed hours."""

    title = models.CharField(_("title"), max_length=200)
    body = RichTextField(_("text"), features=["bold", "link", "ol", "ul"], blank=True)
    importance = models.PositiveSmallIntegerField(
        _("importance"), choices=NoticeImportance.choices, default=NoticeImportance.IMPORTANT
    )

    # Deleting a notice deletes its revisions and workflow states too.
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="notice")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="notice",
        for_concrete_model=False,
    )

    objects = NoticeQuerySet.as_manager()

    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    panels = [
        FieldPanel("title"),
        FieldPanel("body"),
        FieldPanel("importance"),
        # Go-live and expiry dates ("Set schedule" in the status panel), in Warsaw time.
        PublishingPanel(),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["importance", models.F("first_published_at").desc(nulls_last=True), "-pk"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")

    def __str__(self):
        return self.title

    @property
    def revisions(self):
        return self._revisions

    def is_active(self, at=None):
        """The same test as `NoticeQuerySet.active`, for a notice already loaded."""
        at = at or timezone.now()
        return self.live and (self.expire_at is None or self.expire_at > at)

    def get_preview_template(self, request, mode_name):
        return "home/notice_preview.html"
