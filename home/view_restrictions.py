"""Finding the page at an address, and its view restrictions, in fewer queries.

Wagtail routes an address one level at a time: each page on the way looks its child up by slug
and then loads the child's specific page, two queries a level, and then looks at the page's
ancestors and their view restrictions, two more. On this site most addresses are three or four
levels deep, so that is half the queries of a page.

`OneQueryRoutingMixin`, on the root page of each language (the home page), loads every page on
the address at once by their `url_path`, then hands the rest of the address to the deepest page
that routes by itself (a routable page whose own sub-address matches, e.g. a programme's feed
or a form's confirmation), exactly as Wagtail's routing would have. `ViewRestrictionsMixin`
skips the view-restriction lookup while the site has no restriction at all (kept in the cache
with the site-wide parts, which any restriction's change refreshes).
"""

from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction

from mops_site.middleware import current_request

from .versioned_cache import cached


class OneQueryRoutingMixin:
    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        url_paths = [
            self.url_path + "".join(f"{component}/" for component in path_components[:length])
            for length in range(1, len(path_components) + 1)
        ]
        found = {
            page.url_path: page
            for page in Page.objects.descendant_of(self).filter(url_path__in=url_paths)
        }
        page = self
        for level, url_path in enumerate(url_paths):
            rest = path_components[level:]
            if page is not self and _routes_itself(page, rest):
                return page.specific.route(request, rest)
            child = found.get(url_path)
            if child is None or child.depth != self.depth + level + 1:
                # No such page: the page above says what the rest is (a sub-address or a 404).
                if page is self:
                    return super().route(request, rest)
                return page.specific.route(request, rest)
            page = child
        return page.specific.route(request, [])


def _routes_itself(page, path_components):
    """Whether `page` (not specific) would answer these components itself rather than pass them
    to its child, as its own `route` decides."""
    page_class = page.specific_class
    if page_class is None or page_class.route is Page.route:
        return False
    if page_class.route is not RoutablePageMixin.route:
        return True  # a routing of its own: let it decide
    if not page.live:
        return False
    try:
        page_class.get_resolver().resolve("/" + "".join(f"{c}/" for c in path_components))
    except Http404:  # as RoutablePageMixin.route does
        return False
    return True


class ViewRestrictionsMixin:
    def get_view_restrictions(self):
        if not site_has_view_restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def site_has_view_restrictions():
    return cached(current_request(), ("any-view-restriction",), PageViewRestriction.objects.exists)
