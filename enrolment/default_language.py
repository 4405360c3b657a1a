"""Applications are routed by the default-language pages and editions, never by a translation's."""

from wagtail.models import Locale


def in_default_language(obj):
    """The default-language object of a translation: routing never depends on the language."""
    default = Locale.get_default()
    if obj.locale_id == default.pk:
        return obj
    return obj.get_translation(default)
