"""The admin's preview shows a programme page as readers see it, in each language, with the
editor's accessibility checks; a notice is previewed as it appears on a page."""

import json
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from home import roles
from home.models import Notice
from home.wagtail_hooks import SiteContentChecker

from .admin_forms import form_data, page_form_data
from .admin_helpers import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


@pytest.fixture
def editor_client(client):
    client.force_login(make_user(groups=[Group.objects.get(name=roles.EDITORS)]))
    return client


def html_lang(html):
    return re.search(r'<html lang="([^"]+)"', html).group(1)


def axe_rules(html):
    """The rules the content checker runs on this page (in the user bar's configuration)."""
    match = re.search(r'<script id="checker-axe-configuration"[^>]*>(.*?)</script>', html, re.S)
    return json.loads(match.group(1))["options"]["runOnly"]


def test_the_polish_preview_shows_unsaved_changes_as_readers_see_them(
    editor_client, violence_programme
):
    edit = reverse("wagtailadmin_pages:edit", args=[violence_programme.pk])
    preview = reverse("wagtailadmin_pages:preview_on_edit", args=[violence_programme.pk])
    data = page_form_data(editor_client, edit, lead="Zapisy trwają przez cały rok.")

    response = editor_client.post(preview, data)
    assert response.json()["is_valid"] is True
    html = editor_client.get(preview).content.decode()

    assert html_lang(html) == "pl"
    assert f"<h1>{violence_programme.title}</h1>" in html
    assert "Zapisy trwają przez cały rok." in html
    assert '<main id="main-content"' in html
    assert axe_rules(html) == SiteContentChecker.axe_run_only


@pytest.mark.parametrize("language_code", ["en", "uk"])
def test_a_translation_is_previewed_in_its_language_with_its_unpublished_strings(
    editor_client, violence_programme, language_code
):
    locale = Locale.objects.get(language_code=language_code)
    page = violence_programme.get_translation(locale)
    translation = Translation.objects.get(
        source__object_id=violence_programme.translation_key, target_locale=locale
    )
    segment = StringSegment.objects.get(
        source=translation.source, string__data=violence_programme.lead
    )
    StringTranslation.objects.filter(
        translation_of=segment.string, locale=locale, context=segment.context
    ).update(data=f"{page.lead} (draft)")

    # The translation editor (the edit view of a translated page) previews the translation.
    edit = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    preview_url = reverse("wagtail_localize:preview_translation", args=[translation.pk])
    assert preview_url in edit.content.decode()
    html = editor_client.get(preview_url).content.decode()

    assert html_lang(html) == language_code
    assert page.title in html
    assert f"{page.lead} (draft)" in html
    assert violence_programme.title not in html
    assert axe_rules(html) == SiteContentChecker.axe_run_only


def test_the_editor_runs_the_sites_accessibility_checks(editor_client, violence_programme):
    html = editor_client.get(
        reverse("wagtailadmin_pages:edit", args=[violence_programme.pk])
    ).content.decode()
    assert 'data-side-panel="checks"' in html
    assert "image-alt" in axe_rules(html)


@pytest.mark.parametrize("language_code", ["pl", "uk"])
def test_a_notice_is_previewed_in_its_language_as_on_a_page(editor_client, language_code):
    """A Polish notice, and one written in Ukrainian only. (wagtail-localize 1.14 has no
    preview of translated snippets: its translation editor previews pages only.)"""
    notice = Notice.objects.create(
        title="Zmiana godzin", locale=Locale.objects.get(language_code=language_code)
    )
    edit = reverse("wagtailsnippets_home_notice:edit", args=[notice.pk])
    preview = reverse("wagtailsnippets_home_notice:preview_on_edit", args=[notice.pk])
    data = form_data(
        editor_client.get(edit).content.decode(), "w-editor-form", title="Kasy nieczynne"
    )
    assert editor_client.post(preview, data).json()["is_valid"] is True
    html = editor_client.get(preview).content.decode()

    assert html_lang(html) == language_code
    assert '<section class="notices"' in html
    assert "Kasy nieczynne" in html
    assert "image-alt" in axe_rules(html)
    assert Notice.objects.get(pk=notice.pk).title == "Zmiana godzin"
