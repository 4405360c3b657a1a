"""Finding the page at an address without walking the tree in the database.

Wagtail's `serve` view finds the page with `Page.route_for_request`: the site (a query, with its
root page), the root's translation in the active language (a query for the locale and one for
the translation), the root as its specific type (one), then `Page.route` one level at a time,
two queries a level. On this site's addresses, three or four levels deep, that took half of a
programme page's time (bench/results/profile-*).

`route_for_request` finds the same page in a map of the live pages under each language's home
page, kept in the versioned cache (home.versioned_cache: publishing, unpublishing, moving,
saving or deleting any page, or saving a site or a locale, forgets it), and reads only that
page, as its specific type, kept there too for visitors without a session. The site is Wagtail's
choice for the address's host and port, kept there too (home.site_lookup): on a warm cache
routing reads nothing from the database. The rest of the address goes where Wagtail's
walk would hand it: to the first page on the way that routes by itself (a routable page whose
own sub-address matches, e.g. a programme's feed or a form's confirmation), else to the deepest
page found, whose own `route` decides (a draft or an unknown child: Wagtail's 404).

It uses public APIs only (`Page.route`, `RoutablePageMixin.route` and `get_resolver`,
`Page.localized`, `specific_class`; the site as home.site_lookup finds it);
tests/test_routing_finds_what_wagtail_finds.py
compares it with Wagtail's walk on every address of a site, in every language, drafts included,
and bench/ shows what it saves (the closing note of issue 16 has the numbers).
"""

from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.utils import translation
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

from .site_lookup import site_for_request
from .versioned_cache import cached, read_for_visitor


class PageOnTheWay(NamedTuple):
    """What routing needs to know of a live page, without reading the page."""

    pk: int
    url_path: str
    depth: int
    content_type_id: int

    # Only live pages are on the map.
    live = True

    @property
    def specific_class(self):
        return ContentType.objects.get_for_id(self.content_type_id).model_class()

    def read(self, request):
        """The page itself, as its specific type: for a visitor without a session, this
        process's copy in the versioned cache (the live page's row changes only when it is
        published, saved or moved, which forget it); else one query, as the signed-in see
        the page's editing state too."""
        return read_for_visitor(request, ("live-page", self.pk), self._read)

    def _read(self):
        # The map may be a moment older than a deletion (or a model's removal): as a walk
        # through the tree would then, the address is not found.
        model = self.specific_class
        if model is None:
            raise Http404
        try:
            return model._default_manager.get(pk=self.pk)
        except model.DoesNotExist as error:
            raise Http404 from error


def route_for_request(request, path):
    """(page, args, kwargs) as Wagtail's `Page.route_for_request` finds them, or None."""
    site = site_for_request(request)
    if site is None:
        return None
    language = get_supported_content_language_variant(translation.get_language())
    pages = cached(request, ("live-pages", site.pk, language), lambda: live_pages_under(site))
    components = [component for component in path.split("/") if component]
    try:
        return route(request, pages, components)
    except Http404:
        return None


def live_pages_under(site):
    """{url_path: PageOnTheWay} of the site's home page in the active language (Wagtail's
    `localized`: the site's own root where that language has none) and the live pages below it;
    the home page is under the key None."""
    home = site.root_page.localized
    rows = (
        Page.objects.live()
        .descendant_of(home, inclusive=True)
        .values_list("pk", "url_path", "depth", "content_type_id")
    )
    pages = {row[1]: PageOnTheWay(*row) for row in rows}
    pages[None] = pages.get(home.url_path) or PageOnTheWay(
        home.pk, home.url_path, home.depth, home.content_type_id
    )
    return pages


def route(request, pages, components):
    """Hand the address to the page that answers it, as Wagtail's walk would."""
    page, rest = answering_page(pages[None], components, pages)
    return page.read(request).route(request, rest)


def answering_page(home, components, pages):
    """(page, rest of the address): the first page on the way that routes `rest` by itself, or
    the deepest page of the address found in `pages` ({url_path: page}), with what is left."""
    page = home
    for level in range(len(components)):
        rest = components[level:]
        if page is not home and routes_itself(page, rest):
            return page, rest
        url_path = home.url_path + "".join(f"{component}/" for component in components[: level + 1])
        child = pages.get(url_path)
        if child is None or child.depth != home.depth + level + 1:
            return page, rest
        page = child
    return page, []


def routes_itself(page, path_components):
    """Whether `page` would answer these components itself rather than hand them to a child, as
    its own `route` decides."""
    page_class = page.specific_class
    if page_class is None or page_class.route is Page.route:
        return False
    if page_class.route is not RoutablePageMixin.route:
        return True  # a routing of its own: let it decide
    if not page.live:
        return False
    try:
        page_class.get_resolver().resolve("/" + "".join(f"{c}/" for c in path_components))
    except Http404:  # as RoutablePageMixin.route decides
        return False
    return True
