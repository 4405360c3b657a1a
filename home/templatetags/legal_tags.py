"""The accessibility and legal pages linked from every page's header and footer.

`legal_pages` finds them all in one query, kept in the cache with the other site-wide parts
(home.site_wide_parts), in the language being shown: the pages of the three legal page types,
and the home page's privacy, cookies and "how to hide a visit" pages, recognised by their Polish
slugs and found in other languages by their translation key (a translator may give a translated
page another slug). A page not yet translated is linked in Polish rather than not at all: the
accessibility statement must be reachable from every page.
"""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_supported_language_variant, gettext as _, pgettext
from wagtail.models import Page, PageViewRestriction

from home import site_wide_parts
from home.models import AccessibilityStatementPage, EasyReadPage, SignLanguagePage

from .site_tags import active_locale

register = template.Library()

# The slugs the demo gives these content pages under the Polish home page.
PRIVACY_SLUG = "polityka-prywatnosci"
COOKIES_SLUG = "pliki-cookies"
HIDE_VISIT_SLUG = "jak-ukryc-wizyte"
CONTENT_PAGE_SLUGS = {
    PRIVACY_SLUG: "privacy",
    COOKIES_SLUG: "cookies",
    HIDE_VISIT_SLUG: "hide_visit",
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


def find_legal_pages(locale_id):
    """The pages in the locale with this id, each falling back to the default language's."""
    default_language = _default_language()
    content_types = ContentType.objects.get_for_models(*PAGE_TYPES)
    type_names = {content_types[model].pk: name for model, name in PAGE_TYPES.items()}
    content_page_keys = Page.objects.filter(
        locale__language_code=default_language, depth=3, slug__in=CONTENT_PAGE_SLUGS
    ).values("translation_key")
    pages = (
        Page.objects.live()
        .filter(Q(locale_id=locale_id) | Q(locale__language_code=default_language))
        .filter(Q(content_type_id__in=type_names) | Q(translation_key__in=content_page_keys))
        .exclude(_in_private_section())
        .select_related("locale")
        .order_by("path")
    )
    found = {}  # name -> page, the current locale's winning over the default language's
    default_slugs = {}  # translation key -> the default-language page's slug
    rows = list(pages)
    for page in rows:
        if page.locale.language_code == default_language and page.depth == 3:
            default_slugs[page.translation_key] = page.slug
    for page in rows:
        name = type_names.get(page.content_type_id) or CONTENT_PAGE_SLUGS.get(
            default_slugs.get(page.translation_key)
        )
        if name is None:
            continue
        current = found.get(name)
        if current is None or (page.locale_id == locale_id and current.locale_id != locale_id):
            found[name] = page
    return LegalPages(**found)


@register.simple_tag(takes_context=True)
def legal_pages(context):
    """The legal pages in the language being shown, kept with the other site-wide parts."""
    return site_wide_parts.parts_for(context.get("request"), active_locale(context)).legal_pages


def _with_markup(text, **parts):
    """A translated sentence with HTML (built with `format_html`) in its %(name)s placeholders."""
    # The sentence is escaped and its parts are built with format_html.
    return mark_safe(conditional_escape(text) % parts)  # noqa: S308  # nosec


@register.simple_tag
def a11y_introduction(page):
    """The statement's opening paragraph, with the template's ids on the name, scope and URL."""
    entity = format_html('<span id="a11y-podmiot">{}</span>', page.entity_name)
    scope = format_html(
        '<span id="a11y-zakres">{}</span>',
        # Translators: in Polish the genitive, as in "swojej strony internetowej".
        pgettext("accessibility statement: what it covers", "website"),
    )
    link = format_html('<a id="a11y-url" href="{0}">{0}</a>', page.website_url)
    commitment = _(
        "%(entity)s is committed to making its %(scope)s accessible, in accordance with the Act "
        "of 4 April 2019 on the digital accessibility of websites and mobile applications of "
        "public bodies."
    )
    coverage = _("This statement applies to the website %(link)s.")
    return format_html(
        '<p id="a11y-wstep">{} {}</p>',
        _with_markup(commitment, entity=entity, scope=scope),
        _with_markup(coverage, link=link),
    )


@register.simple_tag(takes_context=True)
def legal_link(context, page, text=None):
    """A list item linking to one of `legal_pages`, or nothing if the page does not exist.

    `text` defaults to the page's title. A page shown in another language (not yet translated)
    says so with `hreflang`, and its title with `lang`.
    """
    if page is None:
        return ""
    request = context.get("request")
    current = context.get("page")
    language = page.locale.language_code
    other_language = language != translation.get_language()
    return format_html(
        '<li><a href="{}"{}{}{}>{}</a></li>',
        page.get_url(request),
        # A constant.
        mark_safe(' aria-current="page"')  # nosec B308
        if getattr(current, "pk", None) == page.pk
        else "",
        format_html(' hreflang="{}"', language) if other_language else "",
        format_html(' lang="{}"', language) if other_language and text is None else "",
        text or page.title,
    )
