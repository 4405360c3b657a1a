"""A page taken off the site takes the pages below it with it.

Wagtail serves a live page whatever the state of the pages above it (its walk through the tree
checks only the last page) and lists it wherever live pages are listed: the enrolment form of a
programme an editor unpublished, or one whose expiry date passed, kept taking applications, and
search and the sitemap kept showing it. Pages here route nothing below themselves while
unpublished, and listings (search, the sitemap, the open data, programme lists, news) leave out
whatever lies under an unpublished page.
"""

from django.http import Http404
from wagtail.models import Page

from .current_request import current_request
from .versioned_cache import cached


class UnpublishedBranchMixin:
    """Before Wagtail's `Page.route` (and `RoutablePageMixin.route`, which checks `live` only
    for the page's own sub-addresses): an address below an unpublished page is not found."""

    def route(self, request, path_components):
        if path_components and not self.live:
            raise Http404
        return super().route(request, path_components)


def unpublished_branches():
    """Paths of unpublished pages with pages under them, kept in the versioned cache
    (publishing, unpublishing, saving, moving or deleting a page forgets it)."""
    return cached(
        current_request(),
        ("unpublished-branches",),
        lambda: list(
            Page.objects.filter(live=False, numchild__gt=0, depth__gt=1).values_list(
                "path", flat=True
            )
        ),
    )


def outside_unpublished_branches(pages):
    """The pages of the queryset that no unpublished page hides."""
    for path in unpublished_branches():
        pages = pages.exclude(path__startswith=path)
    return pages
