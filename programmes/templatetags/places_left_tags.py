"""`{% places_left_shown edition today as left %}`: the places left a reader is told about an
edition (programmes.edition_annotations), or None when the page says nothing about them."""

from django import template

from programmes import edition_annotations

register = template.Library()


@register.simple_tag
def places_left_shown(edition, today=None):
    return edition_annotations.places_left_shown(edition, today)
