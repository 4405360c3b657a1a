"""Updates as pages other than their own show them: the latest across the site on the home
page, the news list of a language to link to.

Only live updates readers may see (not under a view restriction) in one language. An update
counts where readers can reach it: under the news list or under a live programme. A `locale`
argument may be a Locale or its id (a page's `locale_id` costs no query). The pages list their
own updates (programmes.models.pages).
"""

from django.db.models import Q

from .models.pages import (
    NewsIndexPage,
    ProgrammePage,
    UpdatePage,
    news_index_for,
    news_index_read_for,
    with_programmes,
)
from .models.update_queries import live_paths, with_parent_path
from .update_lists import LATEST_COUNT

__all__ = [
    "latest_site_updates",
    "news_index_for",
    "news_index_read_for",
    "site_updates",
    "with_programmes",
]


def site_updates(locale):
    """Every reachable update of the language: the news lists' and the live programmes'."""
    return with_parent_path(UpdatePage.objects.shown_in(locale)).filter(
        Q(parent_path__in=live_paths(ProgrammePage, locale))
        | Q(parent_path__in=live_paths(NewsIndexPage, locale))
    )


def latest_site_updates(home, count=LATEST_COUNT):
    """The newest updates under this home page, each with its programme."""
    return with_programmes(site_updates(home.locale_id).descendant_of(home)[:count])
