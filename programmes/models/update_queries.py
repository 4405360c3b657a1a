"""How updates are asked for, whoever lists them: only live updates readers may see (not under a
view restriction) in one language, newest first. A `locale` argument may be a Locale or its id
(a page's `locale_id` costs no query).

Nothing here names a page type: the update pages use `UpdateQuerySet`, and the pages an update
can be published under are passed in.
"""

from django.db.models.functions import Length, Substr
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet

from home.unpublished_branches import outside_unpublished_branches
from home.view_restrictions import public_only

NEWEST_FIRST = ["-date", "-first_published_at", "-pk"]


class UpdateQuerySet(PageQuerySet):
    def shown_in(self, locale):
        """The live updates of one language that readers may see (none under an unpublished
        page: home.unpublished_branches), newest first."""
        return (
            outside_unpublished_branches(public_only(self.live()))
            .filter(locale=locale)
            .order_by(*NEWEST_FIRST)
        )

    def among(self, pages):
        """The updates in a queryset of pages (e.g. a programme's live, public children), newest
        first: reuses that queryset's view-restriction check instead of running another."""
        return self.filter(pk__in=pages.values("pk")).order_by(*NEWEST_FIRST)


UpdateManager = PageManager.from_queryset(UpdateQuerySet)


def with_parent_path(updates):
    """Annotate each update with its parent's tree path (a child's path is its parent's plus one
    step), so that updates can be filtered and grouped by their parent in the same query."""
    return updates.annotate(parent_path=Substr("path", 1, Length("path") - Page.steplen))


def live_paths(page_model, locale):
    """The tree paths of the live pages of one type and language: for `parent_path__in`."""
    return page_model.objects.live().filter(locale=locale).values("path")
