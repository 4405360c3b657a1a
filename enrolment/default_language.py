"""Applications are routed by the default-language pages and editions, never by a translation's."""

from django.conf import settings
from django.db.models import Q

from home.languages import default_locale_id


def in_default_language(obj):
    """The default-language object of a translation: routing never depends on the language.
    An object written in another language only (a programme, form or edition without a Polish
    version) is its own source."""
    default = default_locale_id()
    if obj.locale_id == default:
        return obj
    return obj.get_translation_or_none(default) or obj


def routing_sources(queryset):
    """The objects applications are routed by: those in the default language, and those written
    in another language only (without a default-language version), each thing once. In the
    query itself: no lookup of the default locale of its own."""
    in_default_language = Q(locale__language_code=settings.LANGUAGE_CODE)
    keys_in_default_language = queryset.model.objects.filter(in_default_language)
    return queryset.filter(
        in_default_language
        | ~Q(translation_key__in=keys_in_default_language.values("translation_key"))
    )
