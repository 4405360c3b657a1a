"""What every page shows, the same on every page of a language, kept in Django's cache.

The institution and its hours, the contact points, the notices, the legal links, the main
navigation (the home page's children shown in menus, Wagtail's `show_in_menus`) and the language
links of a page cost about a dozen queries a page. They are kept in Django's cache
(Redis in production, shared by every application server), one entry per language.

Whenever an editor changes any of them, the signals below call `versioned_cache.forget`, so
that the next request, on any server, reads them afresh: publishing or withdrawing a notice (also
by the scheduler) saves it. A notice's expiry is checked again when it is shown, so that it
disappears on time; today's hours are worked out from the cached opening hours when shown, too.
The notices and the institution's name for page titles are also kept on their own: the header
and footer are kept as rendered HTML (home.templatetags.fragment_cache, in the same versioned
cache), so most requests need only those two. Other apps keep their own parts in the same cache
and connect their models with `forget_when_saved` (programmes.apps).
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    COMMENTS_RELATION_NAME,
    Locale,
    PageViewRestriction,
    Site,
    get_page_models,
)
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from home.models import (
    ContactPoint,
    ContactPointOpeningHours,
    ContactPointPhone,
    Institution,
    InstitutionOpeningHours,
    InstitutionSettings,
    LegalLinksSettings,
    Notice,
    SafetySettings,
)

from .legal_links import find_legal_pages
from .versioned_cache import cached, connect_request_signals, forget

# Saving or deleting one of these changes what every page shows.
SITE_WIDE_MODELS = [
    Institution,
    InstitutionOpeningHours,
    ContactPoint,
    ContactPointPhone,
    ContactPointOpeningHours,
    Notice,
    InstitutionSettings,
    SafetySettings,
    LegalLinksSettings,
    Site,
    Locale,
    PageViewRestriction,
]


@dataclass(frozen=True)
class SiteWideParts:
    institution: Institution | None
    contact_points: list
    legal_pages: object  # home.legal_links.LegalPages
    # The home page's live children shown in menus (the programme list in the demo).
    menu_pages: list = field(default_factory=list)
    # Published notices not yet expired, the most important first.
    notices: list = field(default_factory=list)


# The parts ----------------------------------------------------------------------------------


def parts_for(request, locale_id):
    """The site-wide parts in the locale with this id, looked up once per request."""
    memo = getattr(request, "_site_wide_parts", None)
    if memo is None:
        memo = {}
        if request is not None:
            request._site_wide_parts = memo
    if locale_id not in memo:
        memo[locale_id] = cached(request, ("parts", locale_id), lambda: _load_parts(locale_id))
    return memo[locale_id]


def notices_for(request, locale_id):
    """The notices in force now in the locale with this id, the most important first: kept
    apart from the other parts, which a page whose header and footer are kept as HTML
    (home.templatetags.fragment_cache) need not read."""
    notices = cached(request, ("notices", locale_id), lambda: parts_for(request, locale_id).notices)
    now = timezone.now()
    return [notice for notice in notices if notice.is_active(now)]


def site_name_for(request, locale_id):
    """The institution's short name (or its name) for page titles, kept apart likewise."""

    def load():
        institution = parts_for(request, locale_id).institution
        return (institution.short_name or institution.name) if institution else ""

    return cached(request, ("site-name", locale_id), load)


def _load_parts(locale_id):
    return SiteWideParts(
        institution=Institution.objects.prefetch_related("opening_hours").for_locale(locale_id),
        contact_points=_contact_points(locale_id),
        legal_pages=find_legal_pages(locale_id),
        menu_pages=_menu_pages(locale_id),
        notices=list(Notice.objects.to_show(locale_id)),
    )


def _menu_pages(locale_id):
    """The default site's home page's children shown in menus, in this locale."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = site.root_page.get_translation_or_none(locale_id) if site else None
    if home is None:
        return []
    return list(home.get_children().live().public().in_menu().specific())


def _contact_points(locale_id):
    points = ContactPoint.objects.prefetch_related(
        Prefetch("phones", queryset=ContactPointPhone.objects.order_by("sort_order")),
        "opening_hours",
    )
    # A language without its own contact points shows the default language's.
    return list(points.filter(locale_id=locale_id)) or list(
        points.filter(locale=Locale.get_default())
    )


# When to forget -----------------------------------------------------------------------------


# A save of only these fields records a draft (Page.save_revision), a comment or a lock: readers
# see nothing new.
EDITING_ONLY_FIELDS = {
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    COMMENTS_RELATION_NAME,
    "locked",
    "locked_at",
    "locked_by",
}


def changes_what_readers_see(instance, created=False, update_fields=None, **kwargs):
    """Whether a post_save of `instance` changes any page: not a new draft (a notice created
    unpublished), nor a save that only records a revision or a lock."""
    if created and getattr(instance, "live", True) is False:
        return False
    return update_fields is None or not set(update_fields) <= EDITING_ONLY_FIELDS


def _forget_if_readers_see_it(sender, instance, **kwargs):
    if changes_what_readers_see(instance, **kwargs):
        forget()


def forget_when_saved(models):
    """Everything kept in the versioned cache is read afresh after a save or deletion of any of
    `models` that readers see (for apps that keep their own parts there)."""
    for model in models:
        label = model._meta.label_lower
        post_save.connect(
            _forget_if_readers_see_it, sender=model, dispatch_uid=f"site-wide-parts-saved-{label}"
        )
        post_delete.connect(forget, sender=model, dispatch_uid=f"site-wide-parts-deleted-{label}")


def connect_signals():
    # The version is read once per request, also by callers without the request.
    connect_request_signals()
    # Any page: a page's title, address or language versions may be a link on other pages.
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(forget, dispatch_uid=f"site-wide-parts-{id(signal)}")
    # Also a page saved otherwise than by publishing (code, a shell, the demo builder) or
    # deleted: the live pages that home.routing keeps may have changed. Pages kept as HTML show
    # images and documents (a rendition's address, a document's title, address and size).
    forget_when_saved(
        [*SITE_WIDE_MODELS, *get_page_models(), get_image_model(), get_document_model()]
    )
