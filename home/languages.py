"""The same content in the other languages: for the switcher and for search engines."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import translate_url
from django.utils.http import escape_leading_slashes
from django.utils.translation import get_language, get_language_info
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

from .versioned_cache import cached


@dataclass(frozen=True)
class LanguageVersion:
    code: str
    name: str  # in its own language, e.g. "українська"
    url: str
    is_current: bool
    is_translation: bool  # False: the link leads to that language's home page instead


@dataclass(frozen=True)
class Languages:
    content_language: str  # for <html lang>: the language of the content shown
    versions: list


def active_locale_id(request=None):
    """The id of the active language's locale (Wagtail's `Locale.get_active`, which reads the
    database on every call), from the versioned cache: saving a locale forgets it."""
    return _cached_locale_id(get_language(), request) or Locale.get_active().pk


def default_locale_id(request=None):
    """The id of the default language's locale (Wagtail's `Locale.get_default`, which reads the
    database on every call), from the same cached map."""
    return _cached_locale_id(settings.LANGUAGE_CODE, request) or Locale.get_default().pk


def _cached_locale_id(language, request):
    ids = cached(request, ("locale-ids",), _locale_ids)
    return ids.get(get_supported_content_language_variant(language))


def language_code_of(instance, request=None):
    """The language of a translatable object (its locale's code), from the cached map."""
    ids = cached(request, ("locale-ids",), _locale_ids)
    return next((code for code, pk in ids.items() if pk == instance.locale_id), None)


def in_active_language(instance, request=None):
    """`instance.localized` (its translation in the active language, or itself), reading the
    database only when the instance is in another language."""
    locale_id = active_locale_id(request)
    if instance.locale_id == locale_id:
        return instance
    return instance.get_translation_or_none(locale_id) or instance


def _locale_ids():
    return dict(Locale.objects.values_list("language_code", "pk"))


def languages_of(request, page=None):
    if page is None or not getattr(page, "translation_key", None):
        current = get_language()
        # An address that begins with two slashes ("//evil.example/", which a 404 page shows)
        # would be a link to another site: kept on this one.
        path = escape_leading_slashes(request.get_full_path())
        versions = [
            _version(code, translate_url(path, code), current, True)
            for code, _name in settings.LANGUAGES
        ]
        return Languages(current, versions)
    translations = {
        translation.locale.language_code: translation
        for translation in Page.objects.filter(translation_key=page.translation_key)
        .live()
        .public()
        .filter(alias_of__isnull=True)
        .select_related("locale")
    }
    current = _content_language(page, translations)
    return Languages(current, _page_versions(request, translations, current))


def _content_language(page, translations):
    """An alias shows its source page's content; a draft preview is not among the live pages."""
    if getattr(page, "alias_of_id", None):
        return page.alias_of.locale.language_code
    for code, translation in translations.items():
        if translation.pk == page.pk:
            return code
    return page.locale.language_code


def _page_versions(request, translations, current):
    home_pages = None
    versions = []
    for code, _name in settings.LANGUAGES:
        if code in translations:
            versions.append(_version(code, translations[code].get_full_url(request), current, True))
            continue
        if home_pages is None:
            home_pages = _home_pages()
        if code in home_pages:
            versions.append(_version(code, home_pages[code].get_full_url(request), current, False))
    return versions


def _home_pages():
    roots = Page.objects.filter(depth=2).live().filter(alias_of__isnull=True)
    return {root.locale.language_code: root for root in roots.select_related("locale")}


def _version(code, url, current, is_translation):
    info = get_language_info(code)
    return LanguageVersion(
        code=code,
        name=info["name_local"],
        url=url,
        is_current=code == current,
        is_translation=is_translation,
    )
