"""`{% programme_json_ld %}`: a programme page's schema.org JSON-LD (programmes.structured_data),
from the page's own context (its editions as read for this view, its cached parts) and the
site-wide parts every page reads: no query of its own on a warm page."""

from urllib.parse import urlsplit

from django import template
from django.urls import reverse
from django.utils.translation import get_language

from home import site_wide_parts
from home.models import InstitutionSettings
from home.structured_data import json_ld_script
from programmes.models import ProgrammeStatus
from programmes.structured_data import programme_data

register = template.Library()


def home_address(page_url):
    """The full address of the home page in the language shown, on the page's host."""
    parts = urlsplit(page_url)
    return f"{parts.scheme}://{parts.netloc}{reverse('wagtail_serve', args=[''])}"


@register.simple_tag(takes_context=True)
def programme_json_ld(context):
    request, page = context.get("request"), context.get("page")
    page_url = page.get_full_url(request) if page is not None else None
    if request is None or not page_url:
        return ""  # the preview of a page never published has no address yet
    enrolment_page = context.get("enrolment_page")
    # The form's address only while the page offers it ("Apply to this programme"). Truth, not
    # `is not None`: the programme page's context gives it behind a lazy object.
    offered = bool(enrolment_page) and context.get("status") == ProgrammeStatus.ENROLMENT_OPEN
    parts = site_wide_parts.parts_for(request, page.locale_id)
    data = programme_data(
        page=page,
        page_url=page_url,
        home_url=home_address(page_url),
        language=get_language(),
        editions=context.get("editions") or [],
        contacts=context.get("contacts") or [],
        form_url=enrolment_page.get_full_url(request) if offered else "",
        target_group=context.get("target_group"),
        eu_project=context.get("eu_project"),
        institution=parts.institution,
        contact_settings=InstitutionSettings.for_request(request),
    )
    return json_ld_script(data)
