"""Editors, moderators and coordinators get the Wagtail admin in correct Polish, or Ukrainian if
they choose it: where Wagtail's or Django's own catalogue is missing a string or inserts a noun in
the wrong case, the project's corrections (locale/overrides) supply the right words."""

import glob
import json
import subprocess
from pathlib import Path

import polib
import pytest
import wagtail
from django.conf import settings

from .admin_factories import keeper_of_one_collection
from .admin_helpers import APPLICATIONS_URL, make_coordinator, make_superuser, set_admin_language
from .builders import make_team
from .factories import SmallSite

pytestmark = pytest.mark.django_db

OVERRIDES = Path(settings.BASE_DIR) / "locale" / "overrides"
SITE_PACKAGES = Path(wagtail.__file__).resolve().parent.parent

# What Wagtail 7.4 shows untranslated, or in Polish to a Ukrainian reader, on these pages.
ENGLISH_ON_EVERY_PAGE = [
    "Toggle minimap",
    "Add or show comments",
    "Show keyboard shortcuts",
    "Close modal dialogs",
    "Keyboard shortcuts are currently enabled",
    "Text editing",
]
ENGLISH_IN_THE_EDITOR = [
    "Toggle checks",
    "This data explained",
    "Autosave is paused",
    "Schedule to publish",
    "Meta description is empty",
    "Readability",
]


def signed_in(client, user, language):
    set_admin_language(user, language)
    client.force_login(user)
    return client


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def assert_none_of(phrases, html):
    shown = [phrase for phrase in phrases if phrase in html]
    assert not shown, shown


@pytest.fixture
def coordinator_without_applications():
    return make_coordinator(make_team())


@pytest.fixture
def programme_editor_url():
    return f"/admin/pages/{SmallSite.build().programme.pk}/edit/"


def test_the_admin_login_page_is_in_polish(client):
    html = client.get("/admin/login/").content.decode()
    assert '<html lang="pl"' in html
    assert "Zaloguj się" in html


def test_the_login_form_labels_the_password_and_asks_for_the_user_name_in_the_accusative(client):
    html = page(client, "/admin/login/")
    assert 'placeholder="Wpisz nazwę użytkownika"' in html
    assert "Hasło<span" in html
    assert_none_of(["Wpisz nazwa użytkownika", "Password<span"], html)


def test_an_editor_without_a_language_preference_sees_the_dashboard_in_polish(
    client, django_user_model
):
    editor = django_user_model.objects.create_superuser("redaktorka", "r@example.org", "x")
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert '<html lang="pl"' in html
    assert "Strony" in html


@pytest.mark.parametrize(
    "language, shortcuts",
    [("pl", "Pokaż skróty klawiaturowe"), ("uk", "Показати гарячі клавіші")],
)
def test_a_coordinators_dashboard_has_no_english_words(
    client, coordinator_without_applications, language, shortcuts
):
    html = page(signed_in(client, coordinator_without_applications, language), "/admin/")
    assert f'<html lang="{language}"' in html
    assert shortcuts in html
    assert_none_of(ENGLISH_ON_EVERY_PAGE, html)


@pytest.mark.parametrize(
    "language, images, documents",
    [
        ("pl", "1 obraz", "0 dokumentów"),
        ("uk", "1 зображення", "0 документів"),
    ],
)
def test_the_dashboard_counts_images_and_documents_in_words_that_agree_with_the_number(
    client, language, images, documents
):
    html = page(signed_in(client, keeper_of_one_collection(images=1), language), "/admin/")
    assert f"{images} <span" in html
    assert f"{documents} <span" in html
    assert_none_of(["Image <span", "Documents <span", "created in"], html)


@pytest.mark.parametrize(
    "language, empty_list",
    [
        ("pl", "Do Twoich zespołów nie wpłynęło jeszcze żadne zgłoszenie."),
        ("uk", "До ваших відділів ще не надійшло жодної заявки."),
    ],
)
def test_an_empty_applications_list_says_so_in_a_whole_sentence(
    client, coordinator_without_applications, language, empty_list
):
    html = page(signed_in(client, coordinator_without_applications, language), APPLICATIONS_URL)
    assert empty_list in html
    assert_none_of(["There are no", "to display", *ENGLISH_ON_EVERY_PAGE], html)


def test_a_search_without_results_in_the_applications_list_says_so_in_polish(
    client, coordinator_without_applications
):
    html = page(
        signed_in(client, coordinator_without_applications, "pl"), f"{APPLICATIONS_URL}?q=zzz"
    )
    assert "Żadne zgłoszenie nie pasuje do „zzz”." in html
    assert "Wyczyść wyszukiwanie" in html
    assert_none_of(["match your query", "No application"], html)


def test_the_programme_editor_in_polish_offers_to_add_each_part_without_declining_it(
    client, programme_editor_url
):
    html = page(signed_in(client, make_superuser(), "pl"), programme_editor_url)
    for part in ("grupa kompetencji", "forma wsparcia", "edycja", "partner"):
        assert f"Dodaj: {part}" in html
        assert f"Dodaj {part}" not in html
    assert "Pokaż lub ukryj wyniki sprawdzania" in html
    assert_none_of(ENGLISH_IN_THE_EDITOR + ENGLISH_ON_EVERY_PAGE, html)


def test_the_programme_editor_in_ukrainian_has_neither_english_nor_polish_words(
    client, programme_editor_url
):
    html = page(signed_in(client, make_superuser(), "uk"), programme_editor_url)
    assert '<html lang="uk"' in html
    assert "Показати або сховати перевірки" in html
    assert "Додати: група компетентностей" in html
    # Where Ukrainian is missing, Django falls back to the default language, Polish.
    polish = ["Boczne panele", "Mini strona", "Czas czytania", "Widoczna dla wszystkich"]
    assert_none_of(ENGLISH_IN_THE_EDITOR + ENGLISH_ON_EVERY_PAGE + polish, html)


def test_the_snippet_lists_add_buttons_keep_the_name_in_the_nominative(client):
    html = page(signed_in(client, make_superuser(), "pl"), "/admin/snippets/programmes/person/")
    assert "Dodaj: osoba" in html
    assert "Dodaj osoba" not in html


@pytest.mark.parametrize(
    "language, autosave, main_menu",
    [("pl", "Trwa autozapis…", "Główne menu"), ("uk", "Триває автозбереження…", "Головне меню")],
)
def test_the_admins_scripts_get_their_words_from_the_corrections_too(
    client, language, autosave, main_menu
):
    signed_in(client, make_superuser(), language)
    catalogue = client.get("/admin/jsi18n/").content.decode()
    # The catalogue is JSON with non-ASCII letters escaped.
    assert json.dumps(autosave) in catalogue
    assert json.dumps(main_menu) in catalogue


def english_msgids():
    """Every msgid of the installed Wagtail, wagtail-localize and Django catalogues."""
    found = set()
    pattern = "**/locale/en/LC_MESSAGES/*.po"
    for package in ("wagtail", "wagtail_localize", "django"):
        for path in glob.glob(str(SITE_PACKAGES / package / pattern), recursive=True):
            found.update(entry.msgid for entry in polib.pofile(path))
    return found


def test_every_correction_still_matches_a_string_of_the_installed_packages():
    """After an upgrade of Wagtail a reworded string would silently lose its correction."""
    known = english_msgids()
    corrections = glob.glob(str(OVERRIDES / "*" / "LC_MESSAGES" / "*.po"))
    assert corrections
    stale = [
        entry.msgid
        for path in corrections
        for entry in polib.pofile(path)
        if entry.msgid not in known
    ]
    assert stale == []


@pytest.mark.parametrize("language", ["pl", "uk"])
@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_corrections_compile_and_are_read_after_the_projects_own_catalogue(
    language, domain, tmp_path
):
    source = OVERRIDES / language / "LC_MESSAGES" / f"{domain}.po"
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / f"{domain}.mo"), str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # makemessages writes into the first entry only: the corrections must never be there.
    assert [Path(path) for path in settings.LOCALE_PATHS] == [OVERRIDES.parent, OVERRIDES]
