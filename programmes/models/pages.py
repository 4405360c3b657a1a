"""The programmes' pages that show one another: a programme, its updates and the news list.

A programme lists its latest updates and links to the news list. An update (news: an enrolment
opens, a partner joins, an event is held, office hours change) is published under its
programme, or in the site-wide news list for news that belongs to no programme; it names its
programme and links to the news list. The news list shows both, newest first, by programme. It
and every programme offer an Atom feed of their updates at `<page>/feed/` (programmes.feeds).
"""

from functools import partial

from django.core.exceptions import ValidationError
from django.core.paginator import InvalidPage
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext, gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BaseStreamBlock
from home.current_request import current_request
from home.languages import default_locale_id
from home.lazy_context import lazy_entries
from home.models.pages import BasePage
from home.versioned_cache import cached, read_for_visitor
from home.view_restrictions import public_only
from programmes.calendar_feeds import programme_calendar
from programmes.edition_annotations import live_state
from programmes.feeds import news_feed, programme_feed
from programmes.programme_page_form import ProgrammePageForm
from programmes.programme_parts import lazy_parts_of, published_version
from programmes.update_lists import LATEST_COUNT, UpdateFilterForm, page_numbers, page_of_updates

from .edition_facts import (
    current_or_latest,
    edition_in_focus,
    editions_ahead,
    editions_for_reader,
    editions_of,
    editions_previewed,
    past_editions,
    status_of,
)
from .editions import Edition
from .snippets import TargetGroup
from .update_queries import UpdateManager, live_paths, with_parent_path

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3"]

# Sub-addresses of the pages an update can be published under: no update may take them.
RESERVED_SLUGS = {"feed", "calendar"}


class ProgrammeType(models.TextChoices):
    LOCAL_ACTIVITY = "local_activity", _("Local activity programme (PAL)")
    SOCIAL_ACTIVITY = "social_activity", _("Social activity programme (PAS)")


class ProgrammePage(RoutablePageMixin, BasePage):
    programme_type = models.CharField(
        _("type of programme"), max_length=30, choices=ProgrammeType.choices
    )
    eu_project = models.ForeignKey(
        "programmes.EUProject",
        verbose_name=_("EU-funded project"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="programmes",
    )
    target_group = models.ForeignKey(
        TargetGroup,
        verbose_name=_("target group"),
        on_delete=models.PROTECT,
        related_name="programmes",
    )
    district = models.CharField(
        _("district"),
        max_length=100,
        blank=True,
        help_text=_("For a local activity programme: the district it serves."),
    )
    introduction = RichTextField(
        _("about the programme"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("What the programme is, or a short profile of the district."),
    )
    diagnosis = RichTextField(
        _("diagnosis"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Why the programme exists: the needs found in the community."),
    )
    eligibility = RichTextField(
        _("who can take part"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_(
            "The target group and the conditions of taking part. Places come from editions."
        ),
    )
    competences_intro = RichTextField(
        _("introduction to competences"), features=RICH_TEXT_FEATURES, blank=True
    )
    support_intro = RichTextField(
        _("introduction to forms of support"), features=RICH_TEXT_FEATURES, blank=True
    )
    accompanying_support_intro = RichTextField(
        _("introduction to accompanying support"), features=RICH_TEXT_FEATURES, blank=True
    )
    financial_support = RichTextField(
        _("financial support"), features=RICH_TEXT_FEATURES, blank=True
    )
    progress_measurement = RichTextField(
        _("how we work and measure progress"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("For example: the individual plan, the social contract, the competence model."),
    )

    is_sensitive = models.BooleanField(
        _("sensitive programme"),
        default=False,
        help_text=_(
            "Tick for programmes whose participants may be in danger, e.g. victims of violence: "
            "the enrolment form asks when and how it is safe to contact the applicant."
        ),
    )

    # How long applications to this programme are kept, where its legal basis differs from the
    # site's (ENROLMENT_RETENTION_MONTHS); read from the source-language page only.
    retention_months = models.PositiveSmallIntegerField(
        _("keep applications for (months after an edition ends)"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use the site-wide period."),
    )
    keep_applications_until = models.DateField(
        _("keep applications at least until"),
        null=True,
        blank=True,
        help_text=_(
            "For example the archiving date of an EU project: no application is removed before "
            "this day, whatever the period above."
        ),
    )

    # Refuses two editions with the same number.
    base_form_class = ProgrammePageForm

    parent_page_types = ["programmes.ProgrammeIndexPage"]
    subpage_types = ["enrolment.EnrolmentFormPage", "programmes.UpdatePage"]
    # Search lists programmes before news items that merely mention them (home.search_ranking).
    search_first = True

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("district"),
        index.SearchField("introduction"),
        index.SearchField("diagnosis"),
        index.SearchField("eligibility"),
        index.SearchField("competences_intro"),
        index.SearchField("support_intro"),
        index.SearchField("financial_support"),
        index.SearchField("progress_measurement"),
        index.RelatedFields("goals", [index.SearchField("text")]),
        index.RelatedFields("expected_results", [index.SearchField("text")]),
        index.RelatedFields("accompanying_support", [index.SearchField("text")]),
        index.RelatedFields(
            "competence_groups", [index.SearchField("name"), index.SearchField("examples")]
        ),
        index.RelatedFields(
            "support_forms", [index.SearchField("name"), index.SearchField("description")]
        ),
        index.RelatedFields(
            "partners", [index.RelatedFields("partner", [index.SearchField("name")])]
        ),
        index.RelatedFields("eu_project", [index.SearchField("name")]),
        index.RelatedFields("target_group", [index.SearchField("name")]),
    ]

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        MultiFieldPanel(
            [
                FieldPanel("programme_type"),
                FieldPanel("target_group"),
                FieldPanel("district"),
                FieldPanel("eu_project"),
                FieldPanel("is_sensitive"),
            ],
            heading=_("Programme"),
        ),
        FieldPanel("introduction"),
        FieldPanel("diagnosis"),
        FieldPanel("eligibility"),
        InlinePanel("goals", heading=_("Goals"), label=_("goal")),
        InlinePanel("expected_results", heading=_("Expected results"), label=_("result")),
    ]
    support_panels = [
        FieldPanel("competences_intro"),
        InlinePanel("competence_groups", heading=_("Competences"), label=_("group of competences")),
        FieldPanel("support_intro"),
        InlinePanel("support_forms", heading=_("Forms of support"), label=_("form of support")),
        FieldPanel("accompanying_support_intro"),
        InlinePanel(
            "accompanying_support", heading=_("Accompanying support"), label=_("kind of support")
        ),
        FieldPanel("financial_support"),
        FieldPanel("progress_measurement"),
    ]
    organisation_panels = [
        InlinePanel("editions", heading=_("Editions"), label=_("edition"), min_num=0),
        InlinePanel("partners", heading=_("Partners"), label=_("partner")),
        MultiFieldPanel(
            [FieldPanel("retention_months"), FieldPanel("keep_applications_until")],
            heading=_("Keeping applications"),
        ),
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Programme")),
            ObjectList(support_panels, heading=_("Support")),
            ObjectList(organisation_panels, heading=_("Editions and partners")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(BasePage.settings_panels, heading=_("Settings")),
        ]
    )

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def description_fallbacks(self):
        # Without a lead, what the programme is, then whom it is for.
        return [self.introduction, self.eligibility, self.diagnosis, self.title]

    def clean(self):
        super().clean()
        # The programme list's calendar feed answers at its `calendar/`.
        if self.slug == "calendar":
            raise ValidationError(
                {"slug": _("This address is taken by the calendar of editions. Choose another.")}
            )

    def status(self, today=None):
        """The most useful status to a reader across the programme's editions."""
        return status_of(self.editions_shown, today)

    @cached_property
    def editions_shown(self):
        """The editions as a reader of this page's language sees them (edition_facts); a
        listing sets them for all its programmes at once."""
        return editions_of(self, with_people=False)

    @property
    def editions_to_list(self):
        """What a card names: the editions not yet over, or the latest one."""
        return current_or_latest(self.editions_shown)

    @property
    def sensitive(self):
        """Whether to treat the programme as sensitive: ticked on this page, or on its page in
        the default language. A translation's copy of the box changes only when the translation
        is synced (wagtail-localize), and a programme marked sensitive in Polish is so in every
        language at once: its form asks when it is safe to call, no link names it to others."""
        if self.is_sensitive:
            return True
        default = default_locale_id(current_request())
        if self.locale_id == default:
            return False

        def read():
            in_default_language = ProgrammePage.objects.filter(
                translation_key=self.translation_key, locale_id=default
            )
            return in_default_language.filter(is_sensitive=True).exists()

        return read_for_visitor(current_request(), ("programme-sensitive", self.pk), read)

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if self.sensitive:
            # Links followed from here must not tell other sites what the reader was reading.
            response["Referrer-Policy"] = "no-referrer"
        return response

    def get_editions(self):
        """Editions with their team and person, facts from the source language."""
        return editions_of(self)

    def updates(self):
        """The programme's live updates that readers may see, newest first."""
        return UpdatePage.objects.shown_in(self.locale_id).child_of(self)

    @path("feed/", name="feed")
    def feed(self, request):
        return programme_feed(self, self.updates())(request)

    @path("calendar/", name="calendar")
    def calendar(self, request):
        """The editions' dates and enrolment windows as an iCalendar feed."""
        return programme_calendar(request, self, self.get_editions())

    def get_cached_paths(self):
        # The feeds change with the programme's updates and editions: a caching proxy purges
        # them with the page.
        return ["/", "/" + self.reverse_subpage("feed"), "/" + self.reverse_subpage("calendar")]

    def get_context(self, request, *args, **kwargs):
        def children_shown():
            # One view-restriction check for the enrolment form and the updates alike (none
            # while the site has no view restriction at all).
            children = public_only(self.get_children().live())
            return {
                "enrolment_page": children.not_type(UpdatePage).first(),
                "latest_updates": list(UpdatePage.objects.among(children)[:LATEST_COUNT]),
            }

        context = super().get_context(request, *args, **kwargs)
        # Their status depends on today's date; their places taken are counted afresh. A
        # preview shows the editions as edited in it (held in memory until the page is
        # published); a translation's preview, the source page's published ones.
        if getattr(request, "is_preview", False):
            editions = editions_previewed(self)
        else:
            editions = editions_for_reader(request, self)
        self.editions_shown = editions  # status() and cards read them; no second query
        version = published_version(request, self)
        today = timezone.localdate()
        # Under a programme: its enrolment form and its updates; publishing, moving or deleting
        # any page, or a change of view restrictions, refreshes them.
        children = (
            children_shown
            if version is None
            else partial(cached, request, ("programme-children", version), children_shown)
        )
        # The parts, the children and the news list are read only when the template uses them:
        # the sections kept as HTML (named by `published_version` and `editions_state`) do not.
        context.update(
            lazy_parts_of(request, self),
            editions=editions,
            today=today,
            editions_ahead=editions_ahead(editions, today),
            past_editions=past_editions(editions, today),
            edition_in_focus=edition_in_focus(editions, today),
            editions_listed=current_or_latest(editions, today),
            # The people of editions not yet over first: they are the ones to ask now.
            contacts=contacts_from_editions(
                editions_ahead(editions, today) + past_editions(editions, today)
            ),
            status=status_of(editions, today),
            # Names what the sections kept by the template show (None: keep nothing).
            published_version=version,
            # Names, besides, what the editions' sections show that changes unsaved.
            editions_state=live_state(editions, today),
            **lazy_entries(children, ("enrolment_page", "latest_updates")),
            # A page: any page's publishing, moving or deletion refreshes it.
            news_index=SimpleLazyObject(partial(news_index_read_for, request, self)),
        )
        return context


def contacts_from_editions(editions):
    """The people responsible for the editions, each once, with the editions they answer for."""
    contacts = {}
    for edition in editions:
        person = edition.responsible_person
        entry = contacts.setdefault(
            person.pk, {"person": person, "team": edition.team, "editions": []}
        )
        entry["editions"].append(edition)
    return list(contacts.values())


# What the news list's template reads of `NewsIndexPage.list_of_updates`, besides the programme.
LISTED = ("filter_form", "updates", "page_numbers", "query_prefix")


class NewsIndexPage(RoutablePageMixin, BasePage):
    """The site's updates: its own and every programme's, newest first, by programme."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["programmes.UpdatePage"]
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("lead")]

    class Meta:
        verbose_name = _("news list")
        verbose_name_plural = _("news lists")

    def description_fallbacks(self):
        return [gettext("News from the centre and its programmes: new editions and enrolments.")]

    def updates(self):
        """The news list's own updates and those of the live programmes in its language, newest
        first, each annotated with its `parent_path`."""
        return with_parent_path(UpdatePage.objects.shown_in(self.locale_id)).filter(
            Q(parent_path__in=live_paths(ProgrammePage, self.locale_id)) | Q(parent_path=self.path)
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if request.GET:
            context.update(self.list_of_updates(request.GET), kept_list=None)
            return context
        # The whole list, the same for every visitor until something is published: the template
        # keeps its HTML (home.templatetags.fragment_cache), so the list is read only when the
        # template renders it.
        context.update(
            lazy_entries(partial(self.list_of_updates, request.GET), LISTED),
            programme=None,
            kept_list=f"{self.pk}:{self.live_revision_id}",
        )
        return context

    def list_of_updates(self, query):
        """The template's list for the address's `query` (a QueryDict): the filter form, the
        chosen programme, one page of updates, its page numbers and the query to keep."""
        form = UpdateFilterForm(
            query or None,
            programmes=ProgrammePage.objects.live().filter(locale=self.locale_id),
        )
        updates = self.updates()
        programme = form.cleaned_data.get("programme") if form.is_valid() else None
        if programme is not None:
            updates = updates.child_of(programme)
        try:
            updates_page = page_of_updates(updates, query.get("page"))
        except InvalidPage as error:
            raise Http404(str(error)) from error
        if programme is None:
            # Across programmes, each update says which programme it belongs to.
            updates_page.object_list = with_programmes(updates_page.object_list)
        return {
            "filter_form": form,
            "programme": programme,
            "updates": updates_page,
            "page_numbers": page_numbers(updates_page),
            # The chosen programme stays chosen on the other pages of the list.
            "query_prefix": urlencode({"programme": programme.slug}) + "&" if programme else "",
        }

    @path("feed/", name="feed")
    def feed(self, request):
        return news_feed(self, self.updates())(request)

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

    objects = UpdateManager()

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
        if self.slug == "calendar":
            errors["slug"] = _("This address is taken by the calendar of editions. Choose another.")
        elif self.slug in RESERVED_SLUGS:
            errors["slug"] = _("This address is taken by the feed of updates. Choose another.")
        if errors:
            raise ValidationError(errors)

    @cached_property
    def parent_programme(self):
        """The programme the update belongs to, or None for news of the whole site (kept for
        visitors: home.versioned_cache.read_for_visitor)."""

        def read():
            parent = self.get_parent().specific
            return parent if isinstance(parent, ProgrammePage) else None

        return read_for_visitor(current_request(), ("programme-of-update", self.pk), read)

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if self.parent_programme and self.parent_programme.sensitive:
            # As on the programme's own page: no other site learns what the reader was reading.
            response["Referrer-Policy"] = "no-referrer"
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        programme = self.parent_programme
        context.update(
            programme=programme,
            news_index=SimpleLazyObject(partial(news_index_read_for, request, self)),
        )
        return context


def news_index_read_for(request, page):
    """`news_index_for(page)`, kept for a visitor (home.versioned_cache.read_for_visitor): a
    page's publishing, moving or deletion refreshes it."""
    return read_for_visitor(
        request,
        ("news-index", page.path[: Page.steplen * 2], page.locale_id),
        lambda: news_index_for(page),
    )


def news_index_for(page):
    """The live news list under the same home page as `page` (a site's root, or its
    translation), in the page's language, or None."""
    home_path = page.path[: Page.steplen * 2]
    return (
        NewsIndexPage.objects.live()
        .filter(locale_id=page.locale_id, path__startswith=home_path)
        .first()
    )


def with_programmes(updates):
    """The updates (annotated by `with_parent_path`) as a list, each with `programme`: the
    programme it belongs to, or None. One query for all the programmes, however many updates."""
    updates = list(updates)
    paths = {update.parent_path for update in updates}
    programmes = {
        programme.path: programme for programme in ProgrammePage.objects.filter(path__in=paths)
    }
    for update in updates:
        update.programme = programmes.get(update.parent_path)
    return updates


__all__ = [
    "Edition",
    "NewsIndexPage",
    "ProgrammePage",
    "ProgrammeType",
    "UpdatePage",
    "news_index_for",
    "news_index_read_for",
    "status_of",
    "with_programmes",
]
