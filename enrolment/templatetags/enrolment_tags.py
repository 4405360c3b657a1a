from django import template

from enrolment.models import PrivacyNotice
from home.versioned_cache import cached

register = template.Library()


@register.simple_tag(takes_context=True)
def privacy_notice(context, locale_id):
    """The applicants' privacy notice in the page's language, or the default language's, kept
    in the versioned cache (enrolment.apps: saving a notice forgets it)."""
    return cached(
        context.get("request"),
        ("privacy-notice", locale_id),
        lambda: PrivacyNotice.objects.for_locale(locale_id),
    )


@register.filter
def is_checkbox(field):
    return field.widget_type == "checkbox"


@register.filter
def unbound_form_key(form):
    """What a new visitor's form depends on besides the page: the editions it offers. None for a
    form sent back (bound: it shows what was typed), which is then never kept."""
    if form.is_bound:
        return None
    return (
        "editions-" + "-".join(str(pk) for pk in sorted(form.editions))
        if form.editions
        else "no-editions"
    )
