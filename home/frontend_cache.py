"""Purging the caching proxy (Varnish) when editors change what readers see.

Wagtail's frontend cache (`wagtail.contrib.frontend_cache`, configured by FRONTEND_CACHE_URL)
sends the purges; this module decides what to purge, because a change shows on more pages than
its own. It replaces the app's own signal handlers, which purge only the page published (so the
app is not in INSTALLED_APPS: each change sends one batch).

- A page published, unpublished or deleted: the page in every language it is live in, and the
  pages that list it: its ancestors (a programme's list and the home page; an update's programme)
  and, for an update, the news lists of its language. Unpublished or deleted, its subpages too:
  they go off the site with it.
- A page moved or given another slug: the same, and the addresses it and its subpages had.
- A page linked from every page's header or footer (a home page, the pages directly under it:
  the programme list, the legal and information pages), anything else every page shows (the
  institution, contact points, notices, contact settings, the site) or a view restriction:
  every page.
- A snippet, image or document used on pages (a partner, a team, an EU project): the pages
  that use it, from Wagtail's reference index, and the pages that list those.

Purges are sent after the commit, so that the proxy cannot fetch the old version again in
between. What changes with the clock (a notice's window, today's hours, an enrolment opening)
and search results (any query) are not purged: the proxy keeps pages only for
CACHE_CONTROL_SHARED_MAX_AGE seconds (mops_site.cache_headers).
"""

import logging

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    pre_page_move,
)
from wagtail.snippets.models import get_snippet_models

from .site_wide_parts import SITE_WIDE_MODELS, changes_what_readers_see

logger = logging.getLogger(__name__)

# Pages listed on pages other than their ancestors: model label -> the listing pages' labels.
ALSO_LISTED_ON = {"programmes.updatepage": ["programmes.newsindexpage"]}

# A page at this depth or above (a home page is at 2) is linked from every page.
LINKED_FROM_EVERY_PAGE_DEPTH = 3

# Other addresses that show pages (programmes' open-data API): functions taking the pages being
# purged and returning more absolute addresses to purge in the same batch (see `also_purge`).
_URLS_FOR_PAGES = []


def also_purge(urls_for_pages):
    """Purge the addresses `urls_for_pages(pages)` gives with every batch of pages: for an app
    that shows pages at addresses of its own, registered from its AppConfig.ready()."""
    if urls_for_pages not in _URLS_FOR_PAGES:
        _URLS_FOR_PAGES.append(urls_for_pages)


def is_enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


# What to purge ------------------------------------------------------------------------------


def pages_showing(page):
    """The live pages on which a change to `page` shows: itself in every language and the pages
    that list it; None when that is every page."""
    if page.depth <= LINKED_FROM_EVERY_PAGE_DEPTH:
        return None
    # The page itself also when it has just been unpublished or is being deleted.
    pages = {page.pk: page}
    for version in [page, *page.get_translations().live().specific(defer=True)]:
        pages[version.pk] = version
        for listing in _listing_pages(version):
            pages[listing.pk] = listing
    return list(pages.values())


def _listing_pages(page):
    ancestors = page.get_ancestors().live().filter(depth__gt=1)
    listings = list(ancestors.specific(defer=True))
    for label in ALSO_LISTED_ON.get(page.specific_class._meta.label_lower, []):
        listings += apps.get_model(label).objects.live().filter(locale_id=page.locale_id)
    return listings


def every_page():
    return Page.objects.live().filter(depth__gt=1).specific(defer=True)


def _page_urls(pages):
    """Every address of these pages (with their routes' cached paths, e.g. feeds)."""
    batch = PurgeBatch()
    batch.add_pages(pages)
    return batch.urls


def _subtree_urls(page):
    """The addresses of a live page and its live subpages, as they are now."""
    return _page_urls(page.get_descendants(inclusive=True).live().specific(defer=True))


# Sending, after the commit ------------------------------------------------------------------


def purge_after_commit(pages=(), urls=(), everything=False):
    """Purge these pages (and these addresses) once the transaction commits. The pages are
    worked out then, so that they are the committed ones."""
    if not is_enabled():
        return
    urls = set(urls)

    def purge():
        batch = PurgeBatch(urls)
        purged_pages = list(every_page() if everything else pages)
        batch.add_pages(purged_pages)
        for urls_for_pages in _URLS_FOR_PAGES:
            batch.add_urls(urls_for_pages(purged_pages))
        logger.info("Purging %d addresses from the frontend cache.", len(batch.urls))
        batch.purge()

    transaction.on_commit(purge)


def purge_page(page, urls=()):
    """Purge what a change to `page` shows on (see `pages_showing`)."""
    if not is_enabled():
        return
    showing = pages_showing(page)
    purge_after_commit(pages=showing or (), urls=urls, everything=showing is None)


# Signal handlers ----------------------------------------------------------------------------


def _page_published(sender, instance, **kwargs):
    purge_page(instance)


def _page_unpublished(sender, instance, **kwargs):
    # Its live subpages go off the site with it (home.unpublished_branches).
    if is_enabled():
        purge_page(instance, urls=_subtree_urls(instance))


def _page_deleted(sender, instance, **kwargs):
    # pre_delete: the page's address and ancestors can still be found. Django sends it for the
    # page's base row and for its specific row; the specific one is enough.
    if not isinstance(instance, Page) or type(instance) is not instance.specific_class:
        return
    if is_enabled() and instance.live:
        purge_page(instance, urls=_subtree_urls(instance))


def _page_moving(sender, instance, **kwargs):
    # Sent before and after the move: the addresses (and listing pages) it leaves and reaches.
    if is_enabled() and instance.live:
        purge_page(instance, urls=_subtree_urls(instance))


def _slug_changed(sender, instance, instance_before, **kwargs):
    """The page and its subpages had other addresses until now: purge those too."""
    if not is_enabled():
        return
    new_prefix, old_prefix = instance.get_full_url(), instance_before.get_full_url()
    old_urls = set()
    if new_prefix and old_prefix:
        old_urls = {
            old_prefix + url[len(new_prefix) :]
            for url in _subtree_urls(instance)
            if url.startswith(new_prefix)
        }
    purge_page(instance, urls=old_urls)


def _site_wide_change(sender, **kwargs):
    purge_after_commit(everything=True)


def _site_wide_save(sender, instance, **kwargs):
    if changes_what_readers_see(instance, **kwargs):
        purge_after_commit(everything=True)


def _used_object_saved(sender, instance, **kwargs):
    # Every save in the project passes here: the cheap checks come first.
    if is_enabled() and sender in _used_models() and changes_what_readers_see(instance, **kwargs):
        _used_object_changed(sender, instance)


def _used_object_changed(sender, instance, **kwargs):
    """A snippet, image or document: the pages that use it, and those that list them."""
    if not is_enabled() or sender not in _used_models():
        return
    page_ids = (
        ReferenceIndex.get_references_to(instance)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    pages = Page.objects.live().filter(pk__in=[int(pk) for pk in page_ids])
    for page in pages.specific(defer=True):
        purge_page(page)


def _used_models():
    # Snippets are registered when Wagtail's apps are ready, after this app: asked each time.
    return {*get_snippet_models(), get_image_model(), get_document_model()} - set(SITE_WIDE_MODELS)


def connect_signals():
    page_published.connect(_page_published, dispatch_uid="purge-published")
    page_unpublished.connect(_page_unpublished, dispatch_uid="purge-unpublished")
    pre_delete.connect(_page_deleted, dispatch_uid="purge-deleted-page")
    pre_page_move.connect(_page_moving, dispatch_uid="purge-before-move")
    post_page_move.connect(_page_moving, dispatch_uid="purge-after-move")
    page_slug_changed.connect(_slug_changed, dispatch_uid="purge-slug-changed")
    for model in SITE_WIDE_MODELS:
        post_save.connect(_site_wide_save, sender=model, dispatch_uid=f"purge-all-{model}")
        post_delete.connect(_site_wide_change, sender=model, dispatch_uid=f"purge-all-d-{model}")
    post_save.connect(_used_object_saved, dispatch_uid="purge-used-saved")
    post_delete.connect(_used_object_changed, dispatch_uid="purge-used-deleted")
