"""Editors translate pages and snippets in the Wagtail admin and exchange PO files with
translators."""

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail_localize.models import Translation, TranslationSource

from .admin_factories import translate
from .factories import SmallSite, TeamFactory

pytestmark = pytest.mark.django_db

NEW_TITLE = "Програма на пробу (нова назва)"


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(
        django_user_model.objects.create_superuser("tlumaczka", "t@example.org", "x")
    )
    return client


@pytest.fixture
def site():
    return SmallSite.build()


def ukrainian(obj):
    """The object's Ukrainian translation, made (with wagtail-localize) if there is none yet."""
    return translate(obj, "uk")


def translation_of(obj):
    source = TranslationSource.objects.get_for_instance(obj)
    return Translation.objects.get(source=source, target_locale__language_code="uk")


def test_the_ukrainian_programme_opens_in_the_translation_editor(editor_client, site):
    response = editor_client.get(
        reverse("wagtailadmin_pages:edit", args=[ukrainian(site.programme).pk])
    )
    assert response.status_code == 200
    assert "downloadPofile" in response.content.decode()


def test_the_ukrainian_form_opens_in_the_translation_editor(editor_client, site):
    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[ukrainian(site.form).pk]))
    assert response.status_code == 200


def test_a_translated_snippet_opens_in_the_translation_editor(editor_client):
    team = ukrainian(TeamFactory())
    url = reverse("wagtailsnippets_programmes_team:edit", args=[team.pk])
    response = editor_client.get(url)
    assert response.status_code == 200
    assert "downloadPofile" in response.content.decode()


def test_a_translator_downloads_a_po_file_and_uploads_it_back(editor_client, site):
    programme = site.programme
    ukrainian(programme)
    translation = translation_of(programme)
    response = editor_client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert response.status_code == 200
    catalogue = polib.pofile(response.content.decode())
    entry = next(entry for entry in catalogue if entry.msgid == programme.title)
    entry.msgstr = NEW_TITLE

    upload = editor_client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": _as_upload(catalogue)},
    )
    assert upload.status_code == 302
    translation.save_target(publish=True)
    assert programme.get_translation(translation.target_locale).title == NEW_TITLE


def _as_upload(catalogue):
    return SimpleUploadedFile(
        "uk.po", str(catalogue).encode(), content_type="text/x-gettext-translation"
    )
