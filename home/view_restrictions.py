"""View restrictions looked up only when the site has any.

Wagtail asks every page it serves for the view restrictions of the page and its ancestors (one
query), and `PageQuerySet.public()` reads every restriction of the site (one more). While the
site has no restriction at all, which is usual for a public body's site, `ViewRestrictionsMixin`
answers "none" and `public_only` leaves the pages as they are, from the versioned cache instead
(any restriction's change refreshes it, home.site_wide_parts). The mixin overrides Wagtail's
public `get_view_restrictions`.
"""

from wagtail.models import PageViewRestriction

from .current_request import current_request
from .versioned_cache import cached


class ViewRestrictionsMixin:
    def get_view_restrictions(self):
        if not site_has_view_restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def site_has_view_restrictions():
    return cached(current_request(), ("any-view-restriction",), PageViewRestriction.objects.exists)


def public_only(pages):
    """`pages.public()`, without its query of every view restriction while the site has none
    (which the cache knows)."""
    return pages.public() if site_has_view_restrictions() else pages
