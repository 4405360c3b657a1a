"""Editors translate pages and snippets in the Wagtail admin and exchange PO files with
translators."""

import polib
import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from enrolment.models import EnrolmentFormPage
from programmes.models import Team

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(
        django_user_model.objects.create_superuser("tlumaczka", "t@example.org", "x")
    )
    return client


def ukrainian(obj):
    return obj.get_translation(Locale.objects.get(language_code="uk"))


def translation_of(obj):
    source = TranslationSource.objects.get_for_instance(obj)
    return Translation.objects.get(source=source, target_locale__language_code="uk")


def test_the_ukrainian_programme_opens_in_the_translation_editor(editor_client, violence_programme):
    response = editor_client.get(
        reverse("wagtailadmin_pages:edit", args=[ukrainian(violence_programme).pk])
    )
    assert response.status_code == 200
    assert "downloadPofile" in response.content.decode()


def test_the_ukrainian_form_opens_in_the_translation_editor(editor_client, violence_programme):
    form = EnrolmentFormPage.objects.child_of(violence_programme).get()
    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[ukrainian(form).pk]))
    assert response.status_code == 200


def test_a_translated_snippet_opens_in_the_translation_editor(editor_client):
    team = ukrainian(Team.objects.get(number=6, locale__language_code="pl"))
    url = reverse("wagtailsnippets_programmes_team:edit", args=[team.pk])
    response = editor_client.get(url)
    assert response.status_code == 200
    assert "downloadPofile" in response.content.decode()


def test_a_translator_downloads_a_po_file_and_uploads_it_back(editor_client, violence_programme):
    translation = translation_of(violence_programme)
    response = editor_client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert response.status_code == 200
    catalogue = polib.pofile(response.content.decode())
    entry = next(entry for entry in catalogue if entry.msgid == violence_programme.title)
    entry.msgstr = "Програма для жінок (нова назва)"

    upload = editor_client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": _as_upload(catalogue)},
    )
    assert upload.status_code == 302
    translation.save_target(publish=True)
    assert ukrainian(violence_programme).title == "Програма для жінок (нова назва)"


def _as_upload(catalogue):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(
        "uk.po", str(catalogue).encode(), content_type="text/x-gettext-translation"
    )
