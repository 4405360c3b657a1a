"""Finding the page at an address in one query instead of two a level.

Wagtail's `Page.route` walks an address one level at a time: each page looks its child up by
slug and then reads the child as its specific type, two queries a level. Most addresses of this
site are three or four levels deep, so routing costs more than rendering the page's own data.

`OneQueryRoutingMixin`, on the home page of each language, reads every page on the address at
once by `url_path` and hands the rest of the address to the first page on the way that routes
by itself (a routable page whose own sub-address matches, e.g. a programme's feed or a form's
confirmation), then to the deepest page, exactly where Wagtail's own walk would have handed it.
It uses public APIs only (`Page.route`, `RoutablePageMixin.route` and `get_resolver`,
`specific_class`); tests/test_one_query_routing_finds_what_wagtail_finds.py compares it with
Wagtail's walk on every address of a site, and bench/ showed that it pays (the closing note of
issue 13 has the numbers).
"""

from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page


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
            if page is not self and routes_itself(page, rest):
                return page.specific.route(request, rest)
            child = found.get(url_path)
            if child is None or child.depth != self.depth + level + 1:
                # No such page: the page above says what the rest is (a sub-address or a 404).
                if page is self:
                    return super().route(request, rest)
                return page.specific.route(request, rest)
            page = child
        return page.specific.route(request, [])


def routes_itself(page, path_components):
    """Whether `page` (read as a plain Page) would answer these components itself rather than
    hand them to a child, as its own `route` decides."""
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
