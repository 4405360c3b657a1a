"""Search results with the pages that describe a thing ahead of pages that mention it.

A page type that describes something readers look for (a programme) sets `search_first = True`;
its matches come before the matches of every other page (news, content pages), each group in
the search backend's own order. Field boosts alone do not do it: a short news item that names
a word once can outrank the long programme page that the word describes, and the SQLite
backend ignores boosts.

One search finds every match, reading only its id and page type; the groups are put in order
here, so the count needs no query of its own, and only the results shown that are not kept as
HTML read their pages. Building the backend's full-text expression costs more than running it:
three searches per view (a group each, and a count) were half the time of a search.
"""

from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.utils.functional import SimpleLazyObject, cached_property
from wagtail.models import Page, get_page_models


def search_first_models():
    return [model for model in get_page_models() if getattr(model, "search_first", False)]


class SearchResult:
    """One match: its id at once; its specific page, read with the others of the same page of
    results, only when the template renders a result it has not kept (None if deleted since)."""

    def __init__(self, pk, shown):
        self.pk = pk
        self._shown = shown

    @cached_property
    def page(self):
        return self._shown.get(self.pk)


class RankedMatches:
    """The ids of every match in the order shown, read as a sequence of results by Django's
    Paginator: its length is known, and the results of a slice read their pages together (one
    query, and one more per page type), when the first of them is needed."""

    def __init__(self, ids):
        self.ids = ids

    def count(self):
        return len(self.ids)

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        wanted = self.ids[index] if isinstance(index, slice) else [self.ids[index]]
        shown = SimpleLazyObject(partial(Page.objects.specific().in_bulk, wanted))
        results = [SearchResult(pk, shown) for pk in wanted]
        return results if isinstance(index, slice) else results[0]


def ranked_ids(pages, query):
    """The ids of `pages.search(query)`, the matches of `search_first` page types first."""
    featured = {
        content_type.pk
        for content_type in ContentType.objects.get_for_models(*search_first_models()).values()
    }
    first, rest = [], []
    for match in pages.only("pk", "content_type").search(query):
        (first if match.content_type_id in featured else rest).append(match.pk)
    return first + rest
