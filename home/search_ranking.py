"""Search results with the pages that describe a thing ahead of pages that mention it.

A page type that describes something readers look for (a programme) sets `search_first = True`;
its matches come before the matches of every other page (news, content pages), each group in
the search backend's own order. Field boosts alone do not do it: a short news item that names
a word once can outrank the long programme page that the word describes, and the SQLite
backend ignores boosts.
"""

from wagtail.models import get_page_models


def search_first_models():
    return [model for model in get_page_models() if getattr(model, "search_first", False)]


class RankedResults:
    """Two result sets read as one sequence, for Django's Paginator (len and slicing)."""

    def __init__(self, first, rest):
        self.first = first
        self.rest = rest

    def count(self):
        return self._first_count + self.rest.count()

    def __len__(self):
        return self.count()

    @property
    def _first_count(self):
        if not hasattr(self, "_first_list"):
            self._first_list = list(self.first)
        return len(self._first_list)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop
        boundary = self._first_count
        items = self._first_list[start:stop]
        if stop is None or stop > boundary:
            items += list(
                self.rest[max(start - boundary, 0) : None if stop is None else stop - boundary]
            )
        return items


def ranked_search(pages, query):
    """`pages.search(query)`, the matches of `search_first` page types first."""
    featured = search_first_models()
    if not featured:
        return pages.specific().search(query)
    return RankedResults(
        pages.type(*featured).specific().search(query),
        pages.not_type(*featured).specific().search(query),
    )
