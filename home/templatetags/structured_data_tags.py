"""`{% institution_json_ld %}`: the home page's schema.org description of the institution
(home.structured_data), built from the site-wide parts every page already reads from the cache:
no query of its own on a warm page."""

from django import template

from home import site_wide_parts
from home.models import InstitutionSettings
from home.structured_data import institution_data, json_ld_script

register = template.Library()


@register.simple_tag(takes_context=True)
def institution_json_ld(context):
    request, page = context.get("request"), context.get("page")
    if request is None or page is None:
        return ""
    parts = site_wide_parts.parts_for(request, page.locale_id)
    data = institution_data(
        parts.institution,
        InstitutionSettings.for_request(request),
        parts.contact_points,
        page.get_full_url(request),
    )
    return json_ld_script(data) if data else ""
