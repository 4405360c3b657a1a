"""Every address of the demo, and every sub-address and misspelling of one, leads to the page and
view that Wagtail's own walk through the tree finds (home.routing), in every language, for
published pages and drafts alike; and on a warm cache it reads nothing from the database for a
visitor (the site and the page are kept)."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from home.models import HomePage
from home.routing import route_for_request

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def wagtails_walk(request, path):
    """Wagtail's routing as its own serve view does it: `Page.route` on each level from the
    site's root in the active language."""
    return Page.route_for_request(request, path)


def outcome(route, language, components):
    path = "".join(f"{c}/" for c in components)
    request = RequestFactory().get("/" + path)
    with translation.override(language):
        result = route(request, path)
    if result is None:
        return "404"
    page, args, kwargs = result
    view = args[0] if args else None
    return (page.pk, type(page), getattr(view, "__name__", None), args[1:], kwargs)


def addresses_under(home):
    """The components of every page below the home page, with sub-addresses and mistakes."""
    home_path = home.url_path
    for page in Page.objects.descendant_of(home).specific():
        components = [c for c in page.url_path[len(home_path) :].split("/") if c]
        yield components
        yield [*components, "no-such-page"]
        yield [*components, "no-such-page", "deeper"]
        if isinstance(page, RoutablePageMixin):
            yield [*components, "feed"]
            yield [*components, "confirmation"]
            yield [*components, "calendar.ics"]
            yield [*components, "feed", "no-such-page"]
    yield []
    yield ["no-such-page"]


def test_every_address_leads_where_wagtails_walk_leads():
    homes = list(HomePage.objects.select_related("locale"))
    assert len(homes) == 3  # pl, en, uk
    checked = 0
    for home in homes:
        language = home.locale.language_code
        for components in addresses_under(home):
            assert outcome(route_for_request, language, components) == outcome(
                wagtails_walk, language, components
            ), (language, components)
            checked += 1
    assert checked > 200


def test_drafts_and_unpublished_pages_are_not_found(lesnica_programme):
    home = HomePage.objects.get(locale=lesnica_programme.locale)
    components = [c for c in lesnica_programme.url_path[len(home.url_path) :].split("/") if c]
    language = home.locale.language_code
    assert outcome(route_for_request, language, components) != "404"

    lesnica_programme.unpublish()

    assert outcome(route_for_request, language, components) == "404"
    assert outcome(wagtails_walk, language, components) == "404"


def test_a_deep_address_reads_no_database_for_a_visitor_on_a_warm_cache(lesnica_programme):
    home = HomePage.objects.get(locale=lesnica_programme.locale)
    components = [c for c in lesnica_programme.url_path[len(home.url_path) :].split("/") if c]
    counts = {}
    for name, route in (("ours", route_for_request), ("wagtail", wagtails_walk)):
        outcome(route, "pl", [*components, "feed"])  # the cache warmed
        with CaptureQueriesContext(connection) as captured:
            outcome(route, "pl", [*components, "feed"])
        counts[name] = len(captured)
    assert counts["ours"] == 0 < counts["wagtail"], counts


def test_a_page_saved_without_publishing_shows_on_the_next_request(client, lesnica_programme):
    """The live page kept for visitors is forgotten by any save readers see (a shell, an
    import, the demo builder), not only by publishing."""
    assert client.get(lesnica_programme.url).status_code == 200  # now kept for visitors
    lesnica_programme.title = "Program pod nowym tytułem"
    lesnica_programme.save()

    assert "Program pod nowym tytułem" in client.get(lesnica_programme.url).content.decode()
