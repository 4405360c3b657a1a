"""The accessibility statement follows the ministry's template, every page links to it, to the
easy-to-read and sign-language pages and to BIP, in its own language, the footer links the
privacy, cookies and hide-a-visit pages that editors choose in the settings, and the
sign-language page never shows an empty player."""

import datetime
import re
from importlib import import_module

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Locale, ModelLogEntry, Page

from home.legal_links import find_legal_pages
from home.models import (
    A11Y_IDS,
    A11Y_REQUIRED_IDS,
    AccessibilityStatementPage,
    ContentPage,
    EasyReadPage,
    HomePage,
    InstitutionSettings,
    LegalLinksSettings,
    SignLanguagePage,
)
from home.settings_audit import SETTING_CHANGE

from .admin_forms import form_data
from .admin_helpers import make_superuser

pytestmark = pytest.mark.django_db

LANGUAGES = ["pl", "en", "uk"]

# The ids that version 2.0 (31 July 2024) of the ministry's "Warunki techniczne publikacji oraz
# struktura dokumentu elektronicznego deklaracji dostępności" makes obligatory in every statement.
MINISTRY_REQUIRED_IDS = [
    "a11y-wstep",
    "a11y-podmiot",
    "a11y-zakres",
    "a11y-url",
    "a11y-data-publikacja",
    "a11y-data-aktualizacja",
    "a11y-status",
    "a11y-data-sporzadzenie",
    "a11y-kontakt",
    "a11y-email",
    "a11y-telefon",
    "a11y-procedura",
    "a11y-architektura",
    "a11y-komunikacja",
]
DATE_IDS = ["a11y-data-publikacja", "a11y-data-aktualizacja", "a11y-data-sporzadzenie"]
LEGAL_PAGE_TYPES = [AccessibilityStatementPage, EasyReadPage, SignLanguagePage]


def locale(code):
    return Locale.objects.get(language_code=code)


def html_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200, page.url
    return response.content.decode()


def ids_in(html):
    return re.findall(r'\sid="([^"]+)"', html)


def statement_in(code):
    return AccessibilityStatementPage.objects.live().get(locale__language_code=code)


def footer_links(client, code):
    """The legal links in the footer of the home page in this language."""
    home = HomePage.objects.get(locale__language_code=code)
    return html_of(client, home).split('<nav class="legal-links"', 1)[1].split("</nav>", 1)[0]


def link_to(page):
    return f'href="{page.url}">{page.title}</a>'


def demo_page(code, slug):
    return ContentPage.objects.get(locale__language_code=code, slug=slug)


def legal_links_setting():
    return LegalLinksSettings.objects.get(site__is_default_site=True)


# The accessibility statement ---------------------------------------------------------------


def test_the_model_names_every_id_the_ministry_requires():
    assert list(A11Y_REQUIRED_IDS) == MINISTRY_REQUIRED_IDS
    assert set(MINISTRY_REQUIRED_IDS) <= set(A11Y_IDS)
    assert all(name.startswith("a11y-") for name in A11Y_IDS)


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_statement_has_each_required_id_once_in_every_language(client, code):
    html = html_of(client, statement_in(code))
    found = ids_in(html)
    for name in MINISTRY_REQUIRED_IDS:
        assert found.count(name) == 1, f"{name} in {code}"
    for name in DATE_IDS:
        assert re.search(rf'<time id="{name}" datetime="\d{{4}}-\d{{2}}-\d{{2}}">', html), name


def test_the_statement_states_the_demo_facts(client):
    page = statement_in("pl")
    html = html_of(client, page)
    assert '<span id="a11y-podmiot">Miejski Ośrodek Pomocy Społecznej we Wrocławiu</span>' in html
    assert re.search(r'<a id="a11y-url" href="http://[^"]+/">', html)
    assert '<time id="a11y-data-publikacja" datetime="2026-11-22">' in html
    assert '<time id="a11y-data-aktualizacja" datetime="2026-11-22">' in html
    assert page.compliance_status == "partial"
    assert 'id="a11y-email" href="mailto:sekretariat@example.org"' in html
    assert 'id="a11y-telefon" href="tel:+48717822322">71 78 22 322<' in html
    procedure = html.split('id="a11y-procedura"', 1)[1].split("</div>", 1)[0]
    assert "Rzecznika Praw Obywatelskich" in procedure
    assert "w przygotowaniu" in html.split('id="a11y-architektura"', 1)[1].split("</div>", 1)[0]


@pytest.mark.parametrize("code", ["en", "uk"])
def test_translations_keep_the_statements_values(code):
    polish, translated = statement_in("pl"), statement_in(code)
    for field in [
        "website_url",
        "published_on",
        "last_updated_on",
        "compliance_status",
        "prepared_on",
        "contact_email",
        "contact_phone",
    ]:
        assert getattr(translated, field) == getattr(polish, field), field
    assert translated.contact_person != polish.contact_person


def test_optional_elements_get_their_ids_when_filled_in(client):
    page = statement_in("pl")
    page.reviewed_on = datetime.date(2027, 3, 1)
    page.disproportionate_burden = "<p>Analiza nadmiernego obciążenia.</p>"
    page.mobile_apps = "<p>Aplikacja mobilna.</p>"
    page.architectural_accessibility_url = "https://example.org/budynki/"
    page.save_revision().publish()

    found = ids_in(html_of(client, page))
    for name in A11Y_IDS:
        assert found.count(name) == 1, name


def test_a_statement_that_is_not_fully_compliant_must_list_what_is_not(client):
    from django.core.exceptions import ValidationError

    page = statement_in("pl")
    page.non_compliant_content = ""
    with pytest.raises(ValidationError):
        page.full_clean()
    page.compliance_status = "full"
    page.full_clean()


# Links on every page -----------------------------------------------------------------------


def test_every_page_in_every_language_links_to_the_statement_etr_pjm_and_bip(client):
    bip_url = InstitutionSettings.objects.get().bip_url
    assert bip_url
    targets = {
        code: {
            model: model.objects.live().get(locale__language_code=code).url
            for model in LEGAL_PAGE_TYPES
        }
        for code in LANGUAGES
    }
    pages = Page.objects.filter(depth__gte=2).live().select_related("locale").order_by("path")
    assert {page.locale.language_code for page in pages} == set(LANGUAGES)
    for page in pages:
        html = html_of(client, page)
        header = html.split('<header class="site-header"', 1)[1].split("</header>", 1)[0]
        footer = html.split('<footer class="site-footer"', 1)[1].split("</footer>", 1)[0]
        wanted = targets[page.locale.language_code]
        assert f'href="{wanted[EasyReadPage]}"' in header, page.url
        assert f'href="{wanted[SignLanguagePage]}"' in header, page.url
        assert f'href="{wanted[AccessibilityStatementPage]}"' in footer, page.url
        assert f'href="{bip_url}"' in footer, page.url


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_footer_links_the_privacy_cookies_and_hide_a_visit_pages_in_the_language(client, code):
    footer = footer_links(client, code)
    for slug in ["polityka-prywatnosci", "pliki-cookies", "jak-ukryc-wizyte"]:
        assert link_to(demo_page(code, slug)) in footer


def test_search_results_link_to_the_legal_pages_too(client):
    html = client.get("/uk/search/", {"query": "MOPS"}).content.decode()
    assert f'href="{statement_in("uk").url}"' in html
    assert f'href="{EasyReadPage.objects.get(locale__language_code="uk").url}"' in html


def test_the_links_cost_a_query_for_the_setting_and_one_for_the_pages(django_assert_num_queries):
    english = locale("en").pk
    find_legal_pages(english)  # warms Django's content type cache, as the first request does
    with django_assert_num_queries(2):
        found = find_legal_pages(english)
    assert found.accessibility_statement.locale.language_code == "en"
    assert found.easy_read.specific_class is EasyReadPage
    assert {found.privacy.slug, found.cookies.slug, found.hide_visit.slug} == {
        "polityka-prywatnosci",
        "pliki-cookies",
        "jak-ukryc-wizyte",
    }


def test_a_translated_slug_does_not_lose_the_link():
    privacy = ContentPage.objects.get(locale__language_code="en", slug="polityka-prywatnosci")
    privacy.slug = "privacy-policy"
    privacy.save_revision().publish()

    assert find_legal_pages(locale("en").pk).privacy.pk == privacy.pk


def test_an_untranslated_legal_page_is_linked_in_polish(client):
    EasyReadPage.objects.get(locale__language_code="uk").unpublish()

    polish = EasyReadPage.objects.get(locale__language_code="pl")
    assert find_legal_pages(locale("uk").pk).easy_read.pk == polish.pk
    html = client.get("/uk/").content.decode()
    assert f'<a href="{polish.url}" hreflang="pl">' in html


# The pages chosen in the settings ---------------------------------------------------------


def test_a_renamed_page_keeps_its_link(client):
    privacy = demo_page("pl", "polityka-prywatnosci")
    footer_links(client, "pl")  # the footer is cached before the change
    privacy.slug = "ochrona-danych-osobowych"
    privacy.save_revision().publish()
    privacy.refresh_from_db()

    assert privacy.url.endswith("/ochrona-danych-osobowych/")
    assert link_to(privacy) in footer_links(client, "pl")
    english = demo_page("en", "polityka-prywatnosci")
    assert link_to(english) in footer_links(client, "en")


def test_a_page_chosen_in_the_settings_is_linked_in_every_language(client):
    about = demo_page("pl", "o-nas")
    for code in LANGUAGES:
        footer_links(client, code)  # cached before the change
    setting = legal_links_setting()
    setting.cookies_page = about
    setting.save()

    for code in ["pl", "en"]:
        footer = footer_links(client, code)
        assert link_to(demo_page(code, "o-nas")) in footer, code
        assert link_to(demo_page(code, "pliki-cookies")) not in footer, code
    # Not yet translated into Ukrainian: linked in Polish, and says so.
    demo_page("uk", "o-nas").unpublish()
    footer = footer_links(client, "uk")
    assert f'<a href="{about.url}" hreflang="pl" lang="pl">{about.title}</a>' in footer


@pytest.mark.parametrize("code", LANGUAGES)
def test_clearing_a_page_in_the_settings_removes_its_link(client, code):
    privacy = demo_page(code, "polityka-prywatnosci")
    assert link_to(privacy) in footer_links(client, code)
    setting = legal_links_setting()
    setting.privacy_page = None
    setting.save()

    footer = footer_links(client, code)
    assert f'href="{privacy.url}"' not in footer
    assert link_to(demo_page(code, "pliki-cookies")) in footer
    assert find_legal_pages(locale(code).pk).privacy is None


def test_an_editor_chooses_the_page_in_the_settings_and_the_change_is_logged(client):
    admin = make_superuser()
    client.force_login(admin)
    site = legal_links_setting().site
    hide_visit = demo_page("pl", "jak-ukryc-wizyte")
    about = demo_page("pl", "o-nas")
    url = reverse("wagtailsettings:edit", args=["home", "legallinkssettings", site.pk])
    data = form_data(client.get(url).content.decode(), "w-editor-form", hide_visit_page=about.pk)
    assert client.post(url, data).status_code == 302

    assert legal_links_setting().hide_visit_page_id == about.pk
    assert link_to(about) in footer_links(client, "pl")
    entry = ModelLogEntry.objects.get(action=SETTING_CHANGE, user=admin)
    change = {"field": "hide_visit_page_id", "from": str(hide_visit.pk), "to": str(about.pk)}
    assert entry.data == {"changes": [change]}


def test_an_upgraded_site_keeps_the_pages_its_footer_linked_by_their_slugs():
    LegalLinksSettings.objects.all().delete()
    migration = import_module("home.migrations.0013_legal_links_from_slugs")
    migration.fill_from_slugs(apps, schema_editor=None)

    setting = legal_links_setting()
    assert setting.privacy_page_id == demo_page("pl", "polityka-prywatnosci").pk
    assert setting.cookies_page_id == demo_page("pl", "pliki-cookies").pk
    assert setting.hide_visit_page_id == demo_page("pl", "jak-ukryc-wizyte").pk


# The page tree -----------------------------------------------------------------------------


@pytest.mark.parametrize("model", LEGAL_PAGE_TYPES)
def test_each_legal_page_sits_once_under_the_home_page_and_has_no_children(model, home_page):
    assert set(model.allowed_parent_page_models()) == {HomePage}
    assert model.allowed_subpage_models() == []
    assert model in HomePage.allowed_subpage_models()
    assert model.objects.child_of(home_page).count() == 1
    assert not model.can_create_at(home_page)


# The sign-language page --------------------------------------------------------------------


def make_document(name, data):
    return get_document_model().objects.create(title=name, file=ContentFile(data, name=name))


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_without_a_recording_the_page_says_so_and_shows_the_transcript(client):
    page = SignLanguagePage.objects.get(locale__language_code="pl")
    assert page.video is None
    html = html_of(client, page)
    assert "<video" not in html
    assert 'id="recording-status"' in html
    assert "Dzień dobry. Jesteśmy Miejskim Ośrodkiem Pomocy Społecznej" in html


def test_a_recording_plays_with_captions_and_without_autoplay(client, media_root):
    video = make_document("pjm.mp4", b"\x00\x00\x00\x18ftypmp42")
    captions = make_document("pjm.vtt", b"WEBVTT\n\n00:00.000 --> 00:02.000\nDzie\xc5\x84 dobry.\n")
    page = SignLanguagePage.objects.get(locale__language_code="pl")
    page.video = video
    page.captions = captions
    page.full_clean()
    page.save_revision().publish()

    html = html_of(client, page)
    player = html.split("<video", 1)[1].split("</video>", 1)[0]
    assert " controls" in player
    assert "autoplay" not in player
    assert f'<source src="{video.url}" type="video/mp4">' in player
    assert f'<track kind="captions" src="{captions.url}" srclang="pl"' in player
    assert 'id="recording-status"' not in html
    assert "Dzień dobry. Jesteśmy Miejskim Ośrodkiem Pomocy Społecznej" in html


def test_the_recording_must_be_an_mp4_and_the_captions_webvtt(media_root):
    from django.core.exceptions import ValidationError

    page = SignLanguagePage.objects.get(locale__language_code="pl")
    page.video = make_document("pjm.avi", b"RIFF")
    page.captions = make_document("pjm.srt", b"1\n")
    with pytest.raises(ValidationError) as raised:
        page.full_clean()
    assert set(raised.value.message_dict) >= {"video", "captions"}


# How to hide a visit -----------------------------------------------------------------------


def test_the_hide_a_visit_page_gives_the_exit_shortcut_and_the_helplines(client):
    page = ContentPage.objects.get(locale__language_code="pl", slug="jak-ukryc-wizyte")
    html = html_of(client, page)
    assert "Shift" in html
    assert 'href="tel:112"' in html
    assert 'href="tel:+48800120002">800 120 002</a>' in html
    assert "Niebieska Linia" in html
