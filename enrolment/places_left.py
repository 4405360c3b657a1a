"""How many of an edition's places are left, as programme pages show it.

The count: applications holding a place (`STATUSES_TAKING_A_PLACE`, the one place saying which
statuses do) are counted by a subquery that `programmes.edition_annotations` adds to the query
reading a programme's editions (registered in `EnrolmentConfig.ready()`), so a programme page
makes no query more for it. Applications point at the source-language (Polish) edition, and so
does the count: a translated page shows the Polish edition's places left.

The proxy's copy: a programme page is kept by the caching proxy for
CACHE_CONTROL_SHARED_MAX_AGE seconds, so the number it shows may be a few minutes old (the page
says as of when). What must never wait is the change between "places left" and "no places
left": when an application takes the last place, or a place frees in a full edition, the
programme page is purged in every language once the transaction commits. Only then: an opening
can bring dozens of applications a second, and purging on each would empty the proxy just when
it is needed. The check costs no statement inside the storing transaction (which holds the
edition's lock for everyone waiting): the counts it compares were read already.
"""

import logging

from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from wagtail.contrib.frontend_cache.utils import PurgeBatch

from home import frontend_cache
from programmes.edition_annotations import PLACES_TAKEN, annotate_editions_with
from programmes.models import ProgrammePage

from .models.applications import STATUSES_TAKING_A_PLACE, Application

logger = logging.getLogger(__name__)


def places_taken_in_edition():
    """For the editions' query: the applications holding a place in each edition (0 if none)."""
    taking = (
        Application.objects.filter(edition=OuterRef("pk"), status__in=STATUSES_TAKING_A_PLACE)
        .order_by()
        .values("edition")
        .annotate(taken=Count("pk"))
        .values("taken")
    )
    return Coalesce(Subquery(taking, output_field=IntegerField()), 0)


def register():
    annotate_editions_with(PLACES_TAKEN, places_taken_in_edition)


def is_full(edition, taken):
    return taken >= edition.places


def purge_if_fullness_changed(edition, taken_before, taken_after):
    """Call inside the transaction that changed the places taken in `edition` (locked): when
    it became full, or stopped being full, its programme page is purged after the commit."""
    if is_full(edition, taken_before) != is_full(edition, taken_after):
        purge_programme_page(edition)


def purge_programme_page(edition):
    """After the commit, purge the edition's programme page in every language it is live in.
    The pages are looked up then, outside the transaction and its lock."""
    if not frontend_cache.is_enabled():
        return
    programme_id = edition.programme_id

    def purge():
        same_programme = ProgrammePage.objects.filter(pk=programme_id).values("translation_key")
        pages = ProgrammePage.objects.live().filter(translation_key__in=same_programme)
        batch = PurgeBatch()
        batch.add_urls(url for page in pages if (url := page.get_full_url(batch)))
        logger.info("Edition %s became full or had a place freed: purging its page.", edition.pk)
        batch.purge()

    # Robust: the application is stored whatever the proxy does; a failed purge leaves the
    # proxy's copy to expire on its own.
    transaction.on_commit(purge, robust=True)
