from django.db import models
from django.utils.translation import get_language, gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.blocks import BaseStreamBlock, LinkBlock, localized_pages
from home.descriptions import first_text, short_description
from home.transliteration import latin_slug
from home.unpublished_branches import UnpublishedBranchMixin
from home.versioned_cache import cached
from home.view_restrictions import ViewRestrictionsMixin


class LatinSlugMixin:
    """Translations keep the source page's Latin slug unless a translator gives another one, and
    a slug typed in Cyrillic is transliterated: it would be dropped or percent-encoded."""

    override_translatable_fields = [SynchronizedField("slug", overridable=True)]

    def full_clean(self, *args, **kwargs):
        if self.slug and not self.slug.isascii():
            self.slug = latin_slug(self.slug) or latin_slug(self.title)
        elif not self.slug and self.title and not self.title.isascii():
            self.slug = latin_slug(self.title)
        super().full_clean(*args, **kwargs)


class BasePage(UnpublishedBranchMixin, ViewRestrictionsMixin, LatinSlugMixin, Page):
    """What every page has: a plain-language lead that also serves as its description."""

    lead = models.TextField(
        _("lead"),
        max_length=400,
        blank=True,
        help_text=_("One or two plain sentences shown under the title and in search results."),
    )

    search_fields = [*Page.search_fields, index.SearchField("lead")]

    class Meta:
        abstract = True

    @property
    def meta_description(self):
        """What search engines and link previews show under the title, in the page's language:
        the editor's description, else the lead, else the page's own first words (read only
        then: a page kept as HTML for visitors would otherwise read its content on every view)."""
        return short_description(self.search_description, self.lead) or short_description(
            *self.description_fallbacks()
        )

    def description_fallbacks(self):
        """Texts of the page's own, best first, for a page without a lead."""
        return [first_text(getattr(self, "body", None)), self.title]


class HomePage(BasePage):
    key_links = StreamField(
        [("link", LinkBlock())],
        verbose_name=_("key links"),
        blank=True,
        help_text=_("The institution's key pages, shown on the home page."),
    )

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "programmes.ProgrammeIndexPage",
        "programmes.NewsIndexPage",
        "home.ContentPage",
        "home.AccessibilityStatementPage",
        "home.EasyReadPage",
        "home.SignLanguagePage",
    ]

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("key_links")]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The key links' pages in the language shown, for LinkBlock; any page's publishing,
        # moving or deletion refreshes them.
        context["localized_pages"] = cached(
            request,
            ("key-link-pages", self.pk, get_language()),
            lambda: localized_pages(
                link.value["page"] for link in self.key_links if link.block_type == "link"
            ),
        )
        return context


class ContentPage(BasePage):
    """A standard page for everything else: privacy notice, cookies, about the centre."""

    body = StreamField(BaseStreamBlock(), verbose_name=_("content"), blank=True)

    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]

    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("body")]

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")
