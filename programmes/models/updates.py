"""Updates (news): an enrolment opens, a partner joins, an event is held, office hours change.

An update is published under its programme, or in the site-wide news list for news that
belongs to no programme. The news list shows both, newest first; it and every programme offer
an Atom feed of their updates at `<page>/feed/`.
"""

from django.core.exceptions import ValidationError
from django.core.paginator import InvalidPage
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BaseStreamBlock
from home.models.pages import BasePage

from .pages import ProgrammePage

# Sub-addresses of the pages an update can be published under: no update may take them.
RESERVED_SLUGS = {"feed"}


class NewsIndexPage(RoutablePageMixin, BasePage):
    """The site's updates: its own and every programme's, newest first, by programme."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["programmes.UpdatePage"]
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("lead")]

    class Meta:
        verbose_name = _("news list")
        verbose_name_plural = _("news lists")

    def get_context(self, request, *args, **kwargs):
        from programmes.news import (
            UpdateFilterForm,
            page_numbers,
            page_of_updates,
            updates_for_news_index,
            with_programmes,
        )

        context = super().get_context(request, *args, **kwargs)
        form = UpdateFilterForm(request.GET or None, locale=self.locale_id)
        updates = updates_for_news_index(self)
        programme = form.cleaned_data.get("programme") if form.is_valid() else None
        if programme is not None:
            updates = updates.child_of(programme)
        try:
            updates_page = page_of_updates(updates, request.GET.get("page"))
        except InvalidPage as error:
            raise Http404(str(error)) from error
        if programme is None:
            # Across programmes, each update says which programme it belongs to.
            updates_page.object_list = with_programmes(updates_page.object_list)
        context.update(
            filter_form=form,
            programme=programme,
            updates=updates_page,
            page_numbers=page_numbers(updates_page),
            # The chosen programme stays chosen on the other pages of the list.
            query_prefix=urlencode({"programme": programme.slug}) + "&" if programme else "",
        )
        return context

    @path("feed/", name="feed")
    def feed(self, request):
        from programmes.feeds import news_feed

        return news_feed(self)(request)

    def get_cached_paths(self):
        # The feed changes with every update: a caching proxy purges both.
        return ["/", "/" + self.reverse_subpage("feed")]


class UpdatePage(BasePage):
    """One piece of news, under a programme or in the news list."""

    date = models.DateField(
        _("date"),
        default=timezone.localdate,
        help_text=_("The day of the news, shown to readers. Newer updates are listed first."),
    )
    # Required here: the lead is the update's summary in lists and feeds.
    lead = models.TextField(
        _("lead"),
        max_length=400,
        help_text=_(
            "One or two plain sentences: what happened and what it means for readers. Shown in "
            "lists of updates, in feeds and in search results."
        ),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("content"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional. Shown at the top of the update."),
    )
    image_alt_text = models.CharField(
        _("image alternative text"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )

    parent_page_types = ["programmes.ProgrammePage", "programmes.NewsIndexPage"]
    subpage_types = []

    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("lead"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt_text")], heading=_("Image")),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("update")
        verbose_name_plural = _("updates")

    def clean(self):
        super().clean()
        errors = {}
        if self.image_id and not self.image_alt_text.strip():
            errors["image_alt_text"] = _("Describe the image for people who cannot see it.")
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("This address is taken by the feed of updates. Choose another.")
        if errors:
            raise ValidationError(errors)

    @cached_property
    def parent_programme(self):
        """The programme the update belongs to, or None for news of the whole site."""
        parent = self.get_parent().specific
        return parent if isinstance(parent, ProgrammePage) else None

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if self.parent_programme and self.parent_programme.is_sensitive:
            # As on the programme's own page: no other site learns what the reader was reading.
            response["Referrer-Policy"] = "no-referrer"
        return response

    def get_context(self, request, *args, **kwargs):
        from programmes.news import news_index_for

        context = super().get_context(request, *args, **kwargs)
        programme = self.parent_programme
        context.update(
            programme=programme,
            news_index=news_index_for(self.locale_id),
            show_quick_exit=bool(programme and programme.is_sensitive),
        )
        return context


__all__ = ["NewsIndexPage", "UpdatePage"]
