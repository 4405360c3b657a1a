"""What every page shows: the institution, its contact points and the active notices.

They come from home.site_wide_parts, which keeps them in Django's cache.
"""

from django import template
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.html import format_html

from home import languages, phone_numbers, site_wide_parts, versioned_cache

register = template.Library()


@register.filter
def tel_href(number):
    return phone_numbers.tel_href(number)


@register.simple_tag(takes_context=True)
def in_other_language(context, instance, attribute="lang"):
    """` lang="pl"` (or another `attribute`, such as hreflang) when `instance` is in another
    language than the one shown: a snippet or page not yet translated, shown in the default
    language, whose words screen readers must read with its voice (WCAG 3.1.2)."""
    if instance is None or not getattr(instance, "locale_id", None):
        return ""
    code = languages.language_code_of(instance, context.get("request"))
    if not code or code == translation.get_language():
        return ""
    return format_html(' {}="{}"', attribute, code)


@register.simple_tag(takes_context=True)
def menu_pages(context):
    """The home page's children shown in menus, in the language being shown: the main
    navigation after the home page."""
    return _parts(context).menu_pages


def active_locale(context):
    """The id of the locale being shown: the page's, or the active language's (looked up once)."""
    page = context.get("page")
    if getattr(page, "locale_id", None):
        return page.locale_id
    return languages.active_locale_id(context.get("request"))


def _parts(context):
    return site_wide_parts.parts_for(context.get("request"), active_locale(context))


@register.simple_tag(takes_context=True)
def current_institution(context):
    """The institution, read from the cache only if a template uses it (the header and footer
    kept as HTML do not)."""
    return SimpleLazyObject(lambda: _parts(context).institution)


@register.simple_tag(takes_context=True)
def site_name(context):
    """The institution's short name, for the page's title."""
    return site_wide_parts.site_name_for(context.get("request"), active_locale(context))


@register.simple_tag(takes_context=True)
def languages_of_page(context):
    """The language of the content shown, and the page in every site language."""
    request, page = context["request"], context.get("page")
    if not getattr(page, "pk", None) or getattr(request, "is_preview", False):
        return languages.languages_of(request, page)
    # Full addresses: the same for every request to this host.
    key = ("languages", request.get_host(), page.pk)
    return versioned_cache.cached(request, key, lambda: languages.languages_of(request, page))


@register.simple_tag(takes_context=True)
def contact_points(context):
    return _parts(context).contact_points


@register.simple_tag(takes_context=True)
def active_notices(context):
    """The notices in force now, the most important first."""
    return site_wide_parts.notices_for(context.get("request"), active_locale(context))
