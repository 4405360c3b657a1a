"""Every interface string is in the Polish and Ukrainian catalogues, translated, and the
catalogues compile. Fails when a template or code string is added without translating it."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

PROJECT = Path(__file__).resolve().parent.parent
LANGUAGES = ["pl", "uk"]


EXTRACT = """
import os, sys
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "mops_site.settings.test"
from django.conf import settings
django.setup()
settings.LOCALE_PATHS = [sys.argv[1]]
from django.core.management import call_command
call_command(
    "makemessages",
    locale=sys.argv[2:],
    ignore_patterns=[".venv", "var", "tests", "locale"],
    no_obsolete=True,
    verbosity=0,
)
"""


SOURCES = ["home", "programmes", "enrolment", "demo", "templates", "site", "locale"]


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The strings `makemessages` finds in the code today, extracted in a scratch copy of the
    sources: makemessages writes into the locale folder of the folder it runs in."""
    scratch = tmp_path_factory.mktemp("sources")
    for name in SOURCES:
        shutil.copytree(PROJECT / name, scratch / name, ignore=shutil.ignore_patterns("*.mo"))
    subprocess.run(
        [sys.executable, "-c", EXTRACT, str(scratch / "locale"), *LANGUAGES],
        cwd=scratch,
        check=True,
    )
    return scratch / "locale"


def msgids(catalogue):
    return {(entry.msgctxt, entry.msgid) for entry in catalogue if not entry.obsolete}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_in_the_code_is_in_the_committed_catalogue(extracted, language):
    committed = polib.pofile(str(PROJECT / "locale" / language / "LC_MESSAGES" / "django.po"))
    current = polib.pofile(str(extracted / language / "LC_MESSAGES" / "django.po"))
    missing = msgids(current) - msgids(committed)
    # (context, text): a context is None where there is none, which sorts before any text.
    first = sorted(missing, key=lambda entry: (entry[0] or "", entry[1]))[:10]
    assert not missing, f"Run `make catalogues` and translate: {first}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_translated_and_none_is_fuzzy(language):
    committed = polib.pofile(str(PROJECT / "locale" / language / "LC_MESSAGES" / "django.po"))
    assert [entry.msgid for entry in committed.untranslated_entries()] == []
    assert [entry.msgid for entry in committed.fuzzy_entries()] == []


@pytest.mark.parametrize("language", [*LANGUAGES, "en"])
def test_the_catalogue_compiles(language, tmp_path):
    source = PROJECT / "locale" / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
