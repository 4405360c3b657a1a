"""Each demo page is published in Polish, English and Ukrainian, says so to browsers and search
engines, and offers the reader the other languages."""

import re

import pytest
from wagtail.models import Locale, Page

from home.models import ContentPage

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

INTERFACE = {
    "pl": "Przejdź do treści strony",
    "en": "Skip to main content",
    "uk": "Перейти до основного вмісту",
}


def demo_pages():
    return Page.objects.filter(locale__language_code="pl", depth__gte=2).live().specific()


def translation_in(page, language):
    return page.get_translation(Locale.objects.get(language_code=language))


@pytest.mark.parametrize("language", ["en", "uk"])
def test_every_demo_page_is_served_in_the_language_with_its_translated_title(client, language):
    for source in demo_pages():
        page = translation_in(source, language)
        response = client.get(page.url)
        html = response.content.decode()
        assert response.status_code == 200, page.url
        assert page.url.startswith(f"/{language}/")
        assert f'<html lang="{language}">' in html
        assert INTERFACE[language] in html
        if page.title != source.title:
            assert page.title in html
    assert translation_in(demo_pages().get(depth=2), language).title


@pytest.mark.parametrize("language", ["pl", "en", "uk"])
def test_the_switcher_and_hreflang_link_every_existing_version(client, language, lesnica_programme):
    page = translation_in(lesnica_programme, language)
    html = client.get(page.url).content.decode()
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
    for code in ("pl", "en", "uk"):
        version = translation_in(lesnica_programme, code)
        assert alternates[code] == version.full_url
        assert f'href="{version.full_url}" hreflang="{code}"' in html  # the switcher
    assert alternates["x-default"] == lesnica_programme.full_url


def test_an_untranslated_page_is_not_advertised_and_the_switcher_leads_home(client, home_page):
    page = ContentPage(title="Tylko po polsku", slug="tylko-po-polsku")
    home_page.add_child(instance=page)
    page.save_revision().publish()

    html = client.get(page.url).content.decode()
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
    assert set(alternates) == {"pl", "x-default"}
    english_home = translation_in(home_page, "en")
    assert f'href="{english_home.full_url}" hreflang="en"' in html


def test_search_is_in_the_language_of_its_address(client):
    html = client.get("/uk/search/", {"query": "WenDo"}).content.decode()
    assert '<html lang="uk">' in html
    assert "/uk/" in html
