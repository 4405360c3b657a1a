"""A newcomer runs the demo on 127.0.0.1 and a port of their choosing, opens any page and clicks
each language: every link leads to a page that answers in that language (no `localhost`)."""

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Page, Site

from home.site_address import apply_site_address, host_and_port

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture(scope="module")
def served_at_its_address(demo_server, django_db_blocker):
    """The demo server, its Site given the server's address by `migrate`, as `make run` does."""
    with django_db_blocker.unblock():
        site = Site.objects.get(is_default_site=True)
        before = site.hostname, site.port
        with override_settings(SITE_BASE_URL=demo_server.url):
            call_command("migrate", verbosity=0)
        yield demo_server
        site.hostname, site.port = before
        site.save()


def one_page_of_each_type():
    """A live page of every page type of the Polish tree (the home page's descendants)."""
    found = {}
    for page in Page.objects.live().filter(depth__gte=2, locale__language_code="pl"):
        found.setdefault(page.content_type_id, page)
    return list(found.values())


def test_migrate_gives_the_site_the_configured_address(served_at_its_address):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == host_and_port(served_at_its_address.url)


def test_each_language_link_of_every_page_type_answers_in_that_language(
    served_at_its_address, browser_page
):
    base = served_at_its_address.url
    pages = one_page_of_each_type()
    assert len(pages) >= 8  # home, lists, programme, form, update, content and legal pages
    for source in pages:
        browser_page.goto(base + source.url)
        links = browser_page.eval_on_selector_all(
            "nav.language-links a", "links => links.map(a => [a.hreflang, a.href])"
        )
        assert {code for code, _href in links} == set(LANGUAGES), source.url
        for code, href in links:
            assert href.startswith(base), (source.url, href)
            response = browser_page.goto(href)
            assert response.status == 200, (source.url, href)
            assert browser_page.get_attribute("html", "lang") == code, (source.url, href)
        canonical = browser_page.get_attribute("link[rel=canonical]", "href")
        assert canonical is None or canonical.startswith(base), (source.url, canonical)


@pytest.mark.parametrize(
    "address",
    [
        "mops.example.org",
        "ftp://mops.example.org",
        "https://mops.example.org:8443",  # Wagtail would link to http://…:8443
        "http://mops.example.org:443",  # … and to https://
        "https://mops.example.org/mops/",  # a Site has no path
        "https://mops.example.org:99999",
    ],
)
def test_an_address_wagtail_cannot_link_to_is_refused_with_a_clear_message(address):
    with pytest.raises(ImproperlyConfigured, match="SITE_BASE_URL"):
        apply_site_address(address)


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("https://mops.example.org", ("mops.example.org", 443)),
        ("https://mops.example.org/", ("mops.example.org", 443)),
        ("http://127.0.0.1:8765", ("127.0.0.1", 8765)),
    ],
)
def test_an_address_gives_the_sites_host_and_port(address, expected):
    assert host_and_port(address) == expected
