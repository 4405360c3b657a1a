"""Every address of the demo, and every sub-address and misspelling of one, leads to the page and
view that Wagtail's own walk through the tree finds (home.routing), in every language, for
published pages and drafts alike; and it costs fewer queries."""

import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from home.models import HomePage

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def wagtails_walk(home, request, components):
    """Wagtail's routing as it is without the mixin: Page.route on each level."""
    return Page.route(home, request, components)


def outcome(route, home, components):
    request = RequestFactory().get("/" + "".join(f"{c}/" for c in components))
    try:
        result = route(home, request, components)
    except Http404:
        return "404"
    view, args, kwargs = (result.args[0], *result.args[1:]) if result.args else (None, (), {})
    return (result.page.pk, type(result.page), getattr(view, "__name__", None), args, kwargs)


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
            yield [*components, "feed", "no-such-page"]
    yield ["no-such-page"]


def test_every_address_leads_where_wagtails_walk_leads():
    homes = list(HomePage.objects.all())
    assert len(homes) == 3  # pl, en, uk
    checked = 0
    for home in homes:
        for components in addresses_under(home):
            assert outcome(HomePage.route, home, components) == outcome(
                wagtails_walk, home, components
            ), components
            checked += 1
    assert checked > 200


def test_drafts_and_unpublished_pages_are_not_found(lesnica_programme):
    home = HomePage.objects.get(locale=lesnica_programme.locale)
    components = [c for c in lesnica_programme.url_path[len(home.url_path) :].split("/") if c]
    lesnica_programme.unpublish()

    assert outcome(HomePage.route, home, components) == "404"
    assert outcome(wagtails_walk, home, components) == "404"


def test_a_deep_address_costs_fewer_queries_than_wagtails_walk(lesnica_programme):
    home = HomePage.objects.get(locale=lesnica_programme.locale)
    components = [c for c in lesnica_programme.url_path[len(home.url_path) :].split("/") if c]
    counts = {}
    for name, route in (("mixin", HomePage.route), ("wagtail", wagtails_walk)):
        with CaptureQueriesContext(connection) as captured:
            outcome(route, home, [*components, "feed"])
        counts[name] = len(captured)
    assert counts["mixin"] < counts["wagtail"], counts
