"""Atom feeds of updates (RFC 4287), served by the pages themselves at `<page>/feed/`.

A feed is in the language of the page that serves it; its addresses are absolute, the same as
the pages' canonical addresses. Entries are newest first; an entry is published on the
update's date and updated when the update was last published, if that was later.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

from home.models import Institution

FEED_LENGTH = 20


class UpdatesFeed(Feed):
    feed_type = Atom1Feed

    def __init__(self, page, updates, title):
        """`page` serves the feed (routable, with a `feed` route); `updates`: a queryset."""
        super().__init__()
        self.page = page
        self.updates = updates
        self.feed_title = title
        self.language = page.locale.language_code
        self.request = None

    def __call__(self, request, *args, **kwargs):
        self.request = request
        with translation.override(self.language):
            return super().__call__(request, *args, **kwargs)

    def title(self):
        return self.feed_title

    def subtitle(self):
        return self.page.lead or None

    def link(self):
        return self.page.get_full_url(self.request)

    def feed_url(self):
        return self.link() + self.page.reverse_subpage("feed")

    def author_name(self):
        institution = Institution.objects.for_locale(self.page.locale)
        return institution.name if institution else None

    def items(self):
        return self.updates[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        # The day of the news, from its first moment in the site's time zone.
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time.min))

    def item_updateddate(self, item):
        published = self.item_pubdate(item)
        return max(published, item.last_published_at or published)


def news_feed(news_index, updates):
    """The whole site's updates (`updates`): the news list's own and every programme's."""
    institution = Institution.objects.for_locale(news_index.locale)
    title = news_index.title
    if institution:
        title = f"{title} – {institution.short_name or institution.name}"
    return UpdatesFeed(news_index, updates, title)


def programme_feed(programme, updates):
    with translation.override(programme.locale.language_code):
        title = gettext("Updates: %(programme)s") % {"programme": programme.title}
    return UpdatesFeed(programme, updates, title)
