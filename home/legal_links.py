"""Which pages are the accessibility and legal pages linked from every page's header and footer.

`find_legal_pages` finds them in a given language, kept in the cache with the other site-wide
parts (home.site_wide_parts): the pages of the three legal page types, and the privacy, cookies
and "how to hide a visit" pages chosen in the default site's LegalLinksSettings, found in other
languages by their translation key (a translator may give a translated page another slug, an
editor may rename or move the page). A page not yet translated is linked in Polish rather than
not at all: the accessibility statement must be reachable from every page.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.utils.translation import get_supported_language_variant
from wagtail.models import Page, PageViewRestriction

from home.models import (
    AccessibilityStatementPage,
    EasyReadPage,
    LegalLinksSettings,
    SignLanguagePage,
)

# The pages chosen in LegalLinksSettings: its field for each.
CHOSEN_PAGES = {
    "privacy": "privacy_page",
    "cookies": "cookies_page",
    "hide_visit": "hide_visit_page",
}
PAGE_TYPES = {
    AccessibilityStatementPage: "accessibility_statement",
    EasyReadPage: "easy_read",
    SignLanguagePage: "sign_language",
}


@dataclass(frozen=True)
class LegalPages:
    """Each a live, public `Page` (not specific: title and URL are all the links need) or None."""

    accessibility_statement: Page | None = None
    easy_read: Page | None = None
    sign_language: Page | None = None
    privacy: Page | None = None
    cookies: Page | None = None
    hide_visit: Page | None = None


def _default_language():
    return get_supported_language_variant(settings.LANGUAGE_CODE)


def _in_private_section():
    """True for a page under a view restriction: one subquery instead of `.public()`'s query."""
    restrictions = PageViewRestriction.objects.annotate(
        prefix=Substr(OuterRef("path"), 1, Length("page__path"))
    ).filter(prefix=F("page__path"))
    return Exists(restrictions)


def _chosen_pages():
    """The translation key of each page chosen in the default site's setting -> its names (one
    page may be chosen twice, say for privacy and cookies). One query."""
    lookups = {f"{field}__translation_key": name for name, field in CHOSEN_PAGES.items()}
    # Not `for_site`: it would create a missing setting, a write on a page view.
    chosen = (
        LegalLinksSettings.objects.filter(site__is_default_site=True).values(*lookups).first() or {}
    )
    names = {}
    for lookup, key in chosen.items():
        if key is not None:
            names.setdefault(key, []).append(lookups[lookup])
    return names


def find_legal_pages(locale_id):
    """The pages in the locale with this id, each falling back to the default language's."""
    default_language = _default_language()
    content_types = ContentType.objects.get_for_models(*PAGE_TYPES)
    type_names = {content_types[model].pk: name for model, name in PAGE_TYPES.items()}
    chosen = _chosen_pages()
    pages = (
        Page.objects.live()
        .filter(Q(locale_id=locale_id) | Q(locale__language_code=default_language))
        .filter(Q(content_type_id__in=type_names) | Q(translation_key__in=chosen))
        .exclude(_in_private_section())
        .select_related("locale")
        .order_by("path")
    )
    found = {}  # name -> page, the current locale's winning over the default language's
    for page in pages:
        names = chosen.get(page.translation_key, [])
        if page.content_type_id in type_names:
            names = [type_names[page.content_type_id], *names]
        for name in names:
            current = found.get(name)
            if current is None or (page.locale_id == locale_id and current.locale_id != locale_id):
                found[name] = page
    return LegalPages(**found)
