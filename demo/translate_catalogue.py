"""The demo's translation catalogues: one PO file per language, keyed by the Polish text.

`translations/source.pot` lists every Polish string of the demo; `translations/{language}.po`
gives each one its translation (no msgctxt: a string is translated the same way everywhere).
This module imports no Django models, so tests can point `CATALOGUE_DIR` elsewhere early.
"""

import re
from pathlib import Path

import polib

CATALOGUE_DIR = Path(__file__).resolve().parent / "translations"

# wagtail-localize replaces each link of a rich text with <a id="a1">…</a>, and restores it
# only where the translation keeps the tag.
LINK_ID = re.compile(r'<a id="([^"]+)">')


class DemoTranslationError(Exception):
    """The demo cannot be published in a language without leaving part of it untranslated."""


class MissingTranslations(DemoTranslationError):
    def __init__(self, missing):
        """`missing`: {catalogue path: sorted Polish strings it lacks}."""
        self.missing = missing
        parts = []
        for path, strings in missing.items():
            listed = "\n".join(f"  - {text!r}" for text in strings)
            parts.append(
                f"The '{Path(path).stem}' catalogue {path} lacks {len(strings)} Polish "
                f"string(s) of the demo:\n{listed}"
            )
        parts.append(
            "Add them (msgid exactly as in source.pot, msgstr the translation) and run the "
            "command again. Nothing was translated this time."
        )
        super().__init__("\n".join(parts))


class BrokenLinks(DemoTranslationError):
    def __init__(self, broken):
        """`broken`: {catalogue path: [(Polish string, translation)]}."""
        self.broken = broken
        parts = []
        for path, pairs in broken.items():
            listed = "\n".join(f"  - {polish!r} -> {text!r}" for polish, text in pairs)
            parts.append(
                f"The '{Path(path).stem}' catalogue {path} has translations that lose or add "
                f"a link (<a id=...>):\n{listed}"
            )
        parts.append("Keep every <a id=...> tag of the Polish string. Nothing was translated.")
        super().__init__("\n".join(parts))


class Catalogue:
    """Translations of one language, read from a PO file."""

    def __init__(self, language_code, path):
        self.language_code = language_code
        self.path = Path(path)
        po = polib.pofile(str(self.path))
        # Untranslated, fuzzy and obsolete entries do not count as translations.
        self.translations = {
            entry.msgid: entry.msgstr
            for entry in po
            if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags
        }

    def get(self, msgid):
        return self.translations.get(msgid)

    def missing(self, msgids):
        return sorted({msgid for msgid in msgids if msgid not in self.translations})

    def broken_links(self, msgids):
        """(Polish, translation) pairs whose links differ: a link would vanish or break."""
        return [
            (msgid, self.translations[msgid])
            for msgid in sorted(msgids)
            if msgid in self.translations
            and sorted(LINK_ID.findall(msgid)) != sorted(LINK_ID.findall(self.translations[msgid]))
        ]


def catalogue_path(language_code, directory=None):
    return Path(directory or CATALOGUE_DIR) / f"{language_code}.po"


def load_catalogues(language_codes, directory=None):
    """Return ({language: Catalogue}, [warnings]); a language without a file is skipped."""
    catalogues = {}
    warnings = []
    for code in language_codes:
        path = catalogue_path(code, directory)
        if not path.exists():
            warnings.append(f"No catalogue {path}: the demo is not translated into '{code}'.")
            continue
        catalogues[code] = Catalogue(code, path)
    return catalogues, warnings
