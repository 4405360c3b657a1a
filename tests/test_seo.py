"""Every page can be found: sitemap, robots.txt, canonical address and description."""

import pytest
from defusedxml import ElementTree
from wagtail.models import Page, Site

from programmes.models import ProgrammeIndexPage

from .builders import make_programme

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def test_sitemap_lists_the_programme_pages(client, lesnica_programme, violence_programme):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert lesnica_programme.full_url in body
    assert violence_programme.full_url in body


def test_robots_txt_points_to_the_sitemap_and_keeps_robots_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


@pytest.mark.parametrize("page_fixture", ["home_page", "programme_index", "lesnica_programme"])
def test_each_page_has_a_canonical_address_and_a_description(client, request, page_fixture):
    page = request.getfixturevalue(page_fixture)
    html = client.get(page.url).content.decode()
    assert f'<link rel="canonical" href="{page.full_url}">' in html
    assert '<meta name="description" content="' in html


def sitemap_entries(client):
    """Each <url> of sitemap.xml: its location and its alternates {hreflang: address}."""
    namespaces = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "x": "http://www.w3.org/1999/xhtml",
    }
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    return {
        url.find("s:loc", namespaces).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", namespaces)
        }
        for url in root.findall("s:url", namespaces)
    }


def test_sitemap_lists_every_page_in_every_language_with_its_alternates(client):
    entries = sitemap_entries(client)
    site_root = Site.objects.get(is_default_site=True).root_page
    keys = site_root.get_descendants(inclusive=True).values("translation_key")
    pages = Page.objects.live().public().filter(translation_key__in=keys, alias_of__isnull=True)
    expected = {page.full_url for page in pages}
    assert {code for page in pages for code in [page.locale.language_code]} == {"pl", "en", "uk"}
    assert set(entries) == expected
    for location, alternates in entries.items():
        assert location in alternates.values()
        assert alternates.get("x-default") == alternates.get("pl")


def test_every_address_in_the_sitemap_answers_in_its_language(client):
    pages = {page.full_url: page for page in Page.objects.live().specific()}
    for location, alternates in sitemap_entries(client).items():
        language = next(code for code, url in alternates.items() if url == location)
        path = location.removeprefix("http://testserver")
        response = client.get(path)
        assert response.status_code == 200, location
        assert f'<html lang="{language}"' in response.content.decode(), location
        assert location in pages


def test_a_page_that_exists_in_english_only_is_in_the_sitemap(client):
    english_index = ProgrammeIndexPage.objects.get(locale__language_code="en")
    programme = make_programme(english_index, title="Programme in English only")
    entries = sitemap_entries(client)
    assert programme.full_url in entries
    assert entries[programme.full_url] == {"en": programme.full_url}
