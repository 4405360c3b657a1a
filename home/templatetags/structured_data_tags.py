"""`{% institution_json_ld %}`: the home page's schema.org description of the institution
(home.structured_data), built from the site-wide parts every page already reads from the cache,
and kept as a script for visitors: no query of its own, nor any building, on a warm page."""

from django import template
from django.utils import timezone

from home import site_wide_parts
from home.models import InstitutionSettings
from home.structured_data import institution_data, json_ld_script
from home.versioned_cache import read_for_visitor

register = template.Library()


@register.simple_tag(takes_context=True)
def institution_json_ld(context):
    request, page = context.get("request"), context.get("page")
    if request is None or page is None:
        return ""

    def build():
        parts = site_wide_parts.parts_for(request, page.locale_id)
        data = institution_data(
            parts.institution,
            InstitutionSettings.for_request(request),
            parts.contact_points,
            page.get_full_url(request),
        )
        return json_ld_script(data) if data else ""

    # What it is built from changes only with a published page, a snippet or the settings
    # (home.site_wide_parts forgets it then), and with the day (a one-day opening rule is
    # left out once past); the address names the host.
    key = ("institution-json-ld", page.pk, request.get_host(), timezone.localdate().isoformat())
    return read_for_visitor(request, key, build)
