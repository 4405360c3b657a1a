"""The demo in English and Ukrainian: translated from the catalogues, published, reachable.

The session database holds the demo as `build_demo_site` leaves it, translations included.
"""

import re

import polib
import pytest
from django.apps import apps
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from demo.translate import translate_demo_site
from demo.translate_catalogue import (
    BrokenLinks,
    MissingTranslations,
    catalogue_path,
    load_catalogues,
)
from demo.translate_objects import snippet_models, translatable_references
from enrolment.models import EnrolmentFormPage
from home.models import ContentPage, HomePage

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

LANGUAGES = ["en", "uk"]


@pytest.fixture(scope="module")
def catalogues():
    found, _warnings = load_catalogues(LANGUAGES)
    return found


def polish_pages():
    return Page.objects.filter(locale__language_code="pl", depth__gte=2).live().order_by("path")


def translated_pages(code):
    return Page.objects.filter(locale__language_code=code, depth__gte=2).order_by("path")


def real_child_count(page):
    """Counted by path: `get_children()` trusts `numchild` and finds nothing when it is 0."""
    return Page.objects.filter(path__startswith=page.path, depth=page.depth + 1).count()


def html_lang(response):
    match = re.search(r'<html lang="([^"]+)"', response.content.decode())
    return match and match.group(1)


def test_both_catalogues_are_in_the_repository(catalogues):
    assert set(catalogues) == set(LANGUAGES)


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_polish_page_has_a_live_translation_with_the_same_slug(code):
    for page in polish_pages():
        translation = page.get_translation_or_none(Locale.objects.get(language_code=code))
        assert translation is not None, f"{page.url_path} has no {code} translation"
        assert translation.live and not translation.has_unpublished_changes
        # Home pages are siblings under the root, so theirs get a suffix; no URL shows it.
        if page.depth > 2:
            assert translation.slug == page.slug


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_polish_snippet_is_translated(code):
    locale = Locale.objects.get(language_code=code)
    for model in snippet_models():
        for snippet in model.objects.filter(locale__language_code="pl"):
            assert snippet.has_translation(locale), f"{model.__name__} {snippet} ({code})"


@pytest.mark.parametrize("code", LANGUAGES)
def test_titles_come_from_the_catalogue(code, catalogues):
    catalogue = catalogues[code]
    for page in polish_pages().specific():
        translation = page.get_translation(Locale.objects.get(language_code=code))
        assert translation.title == catalogue.get(page.title)


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_home_page_speaks_its_language(client, code, catalogues):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    assert html_lang(response) == code
    home = HomePage.objects.get(locale__language_code="pl")
    assert catalogues[code].get(home.title) in response.content.decode()


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_translated_tree_is_sound_and_every_child_is_reachable(client, code):
    """wagtail-localize issue 773: a translated parent saved with numchild=0 hides its children."""
    pages = list(translated_pages(code).specific())
    assert len(pages) == polish_pages().count()
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert html_lang(response) == code, page.url
        assert page.url.startswith(f"/{code}/")

        assert page.numchild == real_child_count(page), page.url
        children = list(page.get_children().live())
        polish = page.get_translation(Locale.objects.get(language_code="pl"))
        wanted = set(polish.get_children().live().values_list("translation_key", flat=True))
        assert {child.translation_key for child in children} == wanted, page.url
        for child in children:
            assert child.locale_id == page.locale_id
            assert client.get(child.url).status_code == 200, child.url


def test_programme_urls_keep_their_latin_slugs(client, lesnica_programme):
    for code in LANGUAGES:
        response = client.get(f"/{code}{lesnica_programme.url}")
        assert response.status_code == 200
        assert html_lang(response) == code
    assert client.get(f"/uk/programy/{lesnica_programme.slug}/zgloszenie/").status_code == 200


@pytest.mark.parametrize("code", LANGUAGES)
def test_editions_keep_their_facts_and_point_to_translated_snippets(code, violence_programme):
    locale = Locale.objects.get(language_code=code)
    translation = violence_programme.get_translation(locale)
    polish_editions = list(violence_programme.editions.all())
    editions = list(translation.editions.all())
    assert len(editions) == len(polish_editions)
    for polish, edition in zip(polish_editions, editions, strict=True):
        assert edition.translation_key == polish.translation_key
        assert (edition.number, edition.starts_on, edition.ends_on, edition.places) == (
            polish.number,
            polish.starts_on,
            polish.ends_on,
            polish.places,
        )
        assert edition.team.locale_id == locale.pk
        assert edition.team.translation_key == polish.team.translation_key
        assert edition.team.coordinators_group_id == polish.team.coordinators_group_id
        assert edition.responsible_person.locale_id == locale.pk
    assert translation.target_group.locale_id == locale.pk
    assert translation.eu_project.locale_id == locale.pk


@pytest.mark.parametrize("code", LANGUAGES)
def test_form_fields_keep_their_names_and_translate_their_words(code, catalogues):
    catalogue = catalogues[code]
    locale = Locale.objects.get(language_code=code)
    for form in EnrolmentFormPage.objects.filter(locale__language_code="pl"):
        translation = form.get_translation(locale)
        assert translation.slug == form.slug
        polish_fields = list(form.form_fields.all())
        fields = list(translation.form_fields.all())
        assert [field.clean_name for field in fields] == [f.clean_name for f in polish_fields]
        for polish, field in zip(polish_fields, fields, strict=True):
            assert field.label == catalogue.get(polish.label)
            assert field.field_type == polish.field_type
            assert field.required == polish.required
            assert len(field.choices.splitlines()) == len(polish.choices.splitlines())


def test_a_po_file_changes_the_ukrainian_page(client, django_capture_on_commit_callbacks):
    """What a translator does in the admin: download the PO file, change it, upload it."""
    polish = ContentPage.objects.get(locale__language_code="pl", slug="o-nas")
    page = polish.get_translation(Locale.objects.get(language_code="uk"))
    source = TranslationSource.objects.get_for_instance(polish)
    translation = Translation.objects.get(source=source, target_locale=page.locale)

    po = translation.export_po()
    entry = next(entry for entry in po if entry.msgctxt == "lead")
    entry.msgstr = "Новий вступ, завантажений з файлу PO."
    assert translation.import_po(po) == []
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)

    response = client.get(page.url)
    assert response.status_code == 200
    assert "Новий вступ, завантажений з файлу PO." in response.content.decode()
    assert "Новий вступ" not in client.get(polish.url).content.decode()


def localize_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_app_config("wagtail_localize").get_models()
    }


def test_translating_again_writes_nothing():
    before = localize_counts()
    report = translate_demo_site()
    assert not report.changed()
    assert set(report.outcomes) == set(LANGUAGES)
    assert localize_counts() == before


def test_a_catalogue_that_lacks_a_string_stops_the_build_before_it_writes(tmp_path):
    (tmp_path / "en.po").write_text('msgid "Programy"\nmsgstr "Programmes"\n', encoding="utf-8")
    home = HomePage.objects.get(locale__language_code="pl")
    before = localize_counts()
    with pytest.raises(MissingTranslations) as raised:
        translate_demo_site(catalogue_dir=tmp_path)
    message = str(raised.value)
    assert str(tmp_path / "en.po") in message
    assert repr(home.title) in message
    assert "'Programy'" not in message
    assert localize_counts() == before


def test_a_translation_that_drops_a_link_stops_the_build(tmp_path):
    po = polib.pofile(str(catalogue_path("en")))
    entry = next(entry for entry in po if '<a id="a1">' in entry.msgid and entry.msgstr)
    entry.msgstr = re.sub(r"</?a[^>]*>", "", entry.msgstr)
    po.save(str(tmp_path / "en.po"))
    with pytest.raises(BrokenLinks) as raised:
        translate_demo_site(catalogue_dir=tmp_path)
    assert repr(entry.msgid) in str(raised.value)


def test_snippets_are_translated_after_the_snippets_they_refer_to():
    order = snippet_models()
    for position, model in enumerate(order):
        assert translatable_references(model) <= set(order[:position]), model


def test_a_language_without_a_catalogue_is_skipped_with_a_warning(tmp_path):
    warnings = []
    report = translate_demo_site(catalogue_dir=tmp_path, warn=warnings.append)
    assert not report.changed()
    assert report.outcomes == {}
    assert len(warnings) == 2
    assert all("not translated" in warning for warning in warnings)


def test_retranslating_a_whole_tree_in_one_transaction_keeps_it_sound(client):
    """Every test runs inside one transaction: the trap of wagtail-localize issue 773."""
    ukrainian = Locale.objects.get(language_code="uk")
    HomePage.objects.get(locale=ukrainian).delete()
    assert not translated_pages("uk").exists()

    report = translate_demo_site(languages=["uk"])

    assert report.outcomes["uk"]["created"] == polish_pages().count()
    assert report.repaired == []
    for page in translated_pages("uk"):
        assert page.live
        assert page.numchild == real_child_count(page), page.url
        assert client.get(page.url).status_code == 200, page.url
