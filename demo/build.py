"""Builds the whole demo site in one transaction; safe to run again at any time, and only where
`guard` allows it."""

from django.db import transaction
from django.utils import timezone

from . import pal_lesnica, pas_kompas
from .build_applications import build_applications
from .build_contacts import build_contact_points, build_institution, build_notices, build_settings
from .build_enrolment import build_enrolment_form, build_privacy_notice, ensure_coordinator_groups
from .build_legal import build_legal_pages
from .build_organisation import build_organisation
from .build_pages import build_content_pages, build_programme, build_programme_index
from .build_roots import ensure_default_locale, ensure_tree_roots
from .build_site import delete_welcome_pages, ensure_home_page, point_default_site, set_key_links
from .build_updates import build_news_index, build_programme_updates
from .guard import check_database, record_build
from .index_updates import indexes_updated_once
from .logo import ensure_logo_strip
from .sync import Tally

PROGRAMMES = [pal_lesnica, pas_kompas]


def build_demo_site(force=False, applications=False):
    """Build the demo; raise `guard.DemoRefused` where it may not be built.

    `force` builds it over content it did not make. `applications` adds the demo's
    applications to the example editions (off by default: tests that build their own
    applications start from a demo without any).
    """
    with transaction.atomic():
        check_database(force)
        # Each object saved is indexed (search, references) once, at the end, not per save.
        with indexes_updated_once():
            tally = _build()
        if applications:
            # After the pages and the coordinators' groups they are routed to.
            build_applications(tally)
        record_build()
    return tally


def _build():
    tally = Tally()
    locale = ensure_default_locale(tally)
    ensure_tree_roots(locale, tally)
    # The example editions open for enrolment on the day the demo is built (Polish time).
    today = timezone.localdate()

    logo_strip = ensure_logo_strip(tally)
    organisation = build_organisation(locale, logo_strip, tally)
    build_institution(locale, tally)
    build_contact_points(locale, tally)
    build_notices(locale, tally)

    home = ensure_home_page(locale, tally)
    site = point_default_site(home, tally)
    delete_welcome_pages(tally)
    build_settings(site, tally)

    programme_index = build_programme_index(home, tally)
    build_privacy_notice(locale, tally)
    for programme in PROGRAMMES:
        programme_page = build_programme(programme_index, programme, organisation, tally, today)
        enrolment_form = build_enrolment_form(programme_page, programme, tally)
        build_programme_updates(programme_page, enrolment_form, tally)
    build_news_index(home, tally)
    content_pages = build_content_pages(home, programme_index, tally)
    build_legal_pages(home, site, tally)
    set_key_links(
        home,
        [
            programme_index,
            content_pages["about"],
            content_pages["privacy"],
            content_pages["cookies"],
        ],
        tally,
    )
    # Last, so that every team exists; a no-op until `enrolment.signals` provides it.
    ensure_coordinator_groups()
    return tally
