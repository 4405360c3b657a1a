"""What every page shows, the same on every page of a language, kept in Django's cache.

The institution and its hours, the contact points, the notices, the legal links, the main
navigation, the language links of a page, and the site and its contact settings (which Wagtail
looks up on every request) cost about a dozen queries a page. They are kept in Django's cache
(Redis in production, shared by every application server), one entry per language.

Whenever an editor changes any of them, the signals below call `versioned_cache.forget`, so
that the next request, on any server, reads them afresh: publishing or withdrawing a notice (also
by the scheduler) saves it. A notice's expiry is checked again when it is shown, so that it
disappears on time; today's hours are worked out from the cached opening hours when shown, too.
The notices and the institution's name for page titles are also kept on their own: the header
and footer are kept as rendered HTML (home.templatetags.fragment_cache, in the same versioned
cache), so most requests need only those two.
"""

from dataclasses import dataclass, field
from functools import cache as memoize, partial

from django.apps import apps
from django.core.exceptions import DisallowedHost
from django.db.models import Prefetch
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from django.utils import timezone
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from home.models import (
    ContactPoint,
    ContactPointOpeningHours,
    ContactPointPhone,
    Institution,
    InstitutionOpeningHours,
    InstitutionSettings,
    Notice,
    SafetySettings,
)

from .versioned_cache import cached, forget

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
    Site,
    Locale,
    PageViewRestriction,
]


@dataclass(frozen=True)
class SiteWideParts:
    institution: Institution | None
    contact_points: list
    legal_pages: object  # home.templatetags.legal_tags.LegalPages
    programme_index: Page | None
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
    from programmes.models import ProgrammeIndexPage

    from .templatetags.legal_tags import find_legal_pages

    return SiteWideParts(
        institution=Institution.objects.prefetch_related("opening_hours").for_locale(locale_id),
        contact_points=_contact_points(locale_id),
        legal_pages=find_legal_pages(locale_id),
        programme_index=ProgrammeIndexPage.objects.live().filter(locale_id=locale_id).first(),
        notices=list(Notice.objects.to_show(locale_id)),
    )


def _contact_points(locale_id):
    points = ContactPoint.objects.prefetch_related(
        Prefetch("phones", queryset=ContactPointPhone.objects.order_by("sort_order")),
        "opening_hours",
    )
    # A language without its own contact points shows the default language's.
    return list(points.filter(locale_id=locale_id)) or list(
        points.filter(locale=Locale.get_default())
    )


# Wagtail's own lookups: the site and its contact settings -----------------------------------


class CachedSiteMiddleware:
    """Gives Wagtail the request's Site and its PAGE_SETTINGS from the cache.

    Wagtail looks both up once per request (`Site.find_for_request`,
    `BaseSiteSetting.for_request`) and keeps them on the request; they are put there first, for
    the views that render pages (not robots.txt, documents or the admin, which need neither the
    cache nor the database for them). Only for host names Django accepts (ALLOWED_HOSTS), so that
    a made-up Host header cannot fill the cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func in _page_views():
            _give_site_and_settings(request)


# The site settings that pages read (contacts, the leave-this-page address).
PAGE_SETTINGS = (InstitutionSettings, SafetySettings)


@memoize
def _page_views():
    from wagtail.views import serve

    from home.views import search

    return {serve, search}


def _give_site_and_settings(request):
    try:
        hostname = split_domain_port(request.get_host())[0]
    except DisallowedHost:
        return
    port = request.get_port()
    site = cached(request, ("site", hostname, port), lambda: _find_site(hostname, port))
    if site is None:
        return
    request._wagtail_site = site
    for model in PAGE_SETTINGS:
        key = ("settings", model._meta.label_lower, site.pk)
        setting = cached(request, key, partial(model.for_site, site))
        setting._request = request
        setattr(request, model.get_cache_attr_name(), setting)


def _find_site(hostname, port):
    try:
        return get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None


# When to forget -----------------------------------------------------------------------------


# A save of only these fields records a draft or a lock: readers see nothing new.
EDITING_ONLY_FIELDS = {
    "latest_revision",
    "has_unpublished_changes",
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


def connect_signals():
    # Any page: a page's title, address or language versions may be a link on other pages.
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(forget, dispatch_uid=f"site-wide-parts-{id(signal)}")
    post_delete.connect(_forget_deleted_page, dispatch_uid="site-wide-parts-page-deleted")
    # And the parts of programme pages kept in the same cache (programmes.programme_parts).
    from programmes.programme_parts import MODELS as PROGRAMME_PART_MODELS

    for model in [*SITE_WIDE_MODELS, *map(apps.get_model, PROGRAMME_PART_MODELS)]:
        post_save.connect(
            _forget_if_readers_see_it, sender=model, dispatch_uid=f"site-wide-parts-saved-{model}"
        )
        post_delete.connect(forget, sender=model, dispatch_uid=f"site-wide-parts-deleted-{model}")


def _forget_deleted_page(sender, instance, **kwargs):
    if isinstance(instance, Page):
        forget()
