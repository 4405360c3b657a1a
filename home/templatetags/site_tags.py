"""What every page shows: the institution, its contact points and the active notices."""

from django import template
from django.db.models import Prefetch
from wagtail.models import Locale

from home import languages, phone_numbers
from home.models import ContactPoint, ContactPointPhone, Institution, Notice
from programmes.models import ProgrammeIndexPage

register = template.Library()


@register.filter
def tel_href(number):
    return phone_numbers.tel_href(number)


@register.simple_tag(takes_context=True)
def programme_index_page(context):
    """The programme list in the language being shown, for the main navigation."""
    return ProgrammeIndexPage.objects.live().filter(locale=active_locale(context)).first()


def active_locale(context):
    """The id of the locale being shown: the page's, or the active language's (looked up once)."""
    page = context.get("page")
    if getattr(page, "locale_id", None):
        return page.locale_id
    request = context.get("request")
    cached = getattr(request, "_active_locale_id", None)
    if cached is None:
        cached = Locale.get_active().pk
        if request is not None:
            request._active_locale_id = cached
    return cached


@register.simple_tag(takes_context=True)
def current_institution(context):
    return Institution.objects.prefetch_related("opening_hours").for_locale(active_locale(context))


@register.simple_tag(takes_context=True)
def languages_of_page(context):
    """The language of the content shown, and the page in every site language."""
    return languages.languages_of(context["request"], context.get("page"))


@register.simple_tag(takes_context=True)
def contact_points(context):
    points = ContactPoint.objects.prefetch_related(
        Prefetch("phones", queryset=ContactPointPhone.objects.order_by("sort_order")),
        "opening_hours",
    )
    # A language without its own contact points shows the default language's.
    return list(points.filter(locale=active_locale(context))) or list(
        points.filter(locale=Locale.get_default())
    )


@register.simple_tag(takes_context=True)
def active_notices(context):
    return list(Notice.objects.to_show(active_locale(context)))
