from django import template

from enrolment.models import PrivacyNotice

register = template.Library()


@register.simple_tag
def privacy_notice(locale_id):
    """The applicants' privacy notice in the page's language, or the default language's."""
    return PrivacyNotice.objects.for_locale(locale_id)


@register.filter
def is_checkbox(field):
    return field.widget_type == "checkbox"
