"""Applications are routed by the default-language pages and editions, never by a translation's."""

from home.languages import default_locale_id


def in_default_language(obj):
    """The default-language object of a translation: routing never depends on the language.
    An object written in another language only (a programme, form or edition without a Polish
    version) is its own source."""
    default = default_locale_id()
    if obj.locale_id == default:
        return obj
    return obj.get_translation_or_none(default) or obj
