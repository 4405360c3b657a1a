"""What every page shows: the institution, its contact points and the active notices."""

from django import template
from django.db.models import Prefetch

from home.models import ContactPoint, ContactPointPhone, Institution, Notice

register = template.Library()


@register.simple_tag
def current_institution():
    return Institution.objects.prefetch_related("opening_hours").for_active_locale()


@register.simple_tag
def contact_points():
    from wagtail.models import Locale

    points = ContactPoint.objects.prefetch_related(
        Prefetch("phones", queryset=ContactPointPhone.objects.order_by("sort_order")),
        "opening_hours",
    )
    # A language without its own contact points shows the default language's.
    return list(points.filter(locale=Locale.get_active())) or list(
        points.filter(locale=Locale.get_default())
    )


@register.simple_tag
def active_notices():
    return list(Notice.objects.to_show())
