"""The accessibility and legal pages linked from every page's header and footer (which pages
they are: home.legal_links), and the links and texts that lead to them."""

from django import template
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _, pgettext

from home import site_wide_parts

from .site_tags import active_locale

register = template.Library()


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
