"""Ukrainian titles and slugs never produce percent-encoded Cyrillic addresses."""

import pytest

from home.models import ContentPage
from home.transliteration import latin_slug

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


@pytest.mark.parametrize(
    ("ukrainian", "latin"),
    [
        ("Програма соціальної активності", "prohrama-sotsialnoi-aktyvnosti"),
        ("Київ", "kyiv"),
        ("Юрій Щербина", "yurii-shcherbyna"),
        ("Згорани", "zghorany"),
        ("Подати заявку", "podaty-zaiavku"),
    ],
)
def test_ukrainian_is_transliterated_by_the_official_system(ukrainian, latin):
    assert latin_slug(ukrainian) == latin


def test_a_page_saved_with_a_cyrillic_slug_gets_a_latin_one(home_page):
    page = ContentPage(title="Про нас", slug="про-нас")
    home_page.add_child(instance=page)
    assert page.slug == "pro-nas"
    assert page.url.endswith("/pro-nas/")


def test_a_page_with_a_cyrillic_title_and_no_slug_gets_a_latin_slug(home_page):
    page = ContentPage(title="Контакти")
    home_page.add_child(instance=page)
    assert page.slug == "kontakty"
