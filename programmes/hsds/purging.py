"""The API's addresses that show a page, purged from the caching proxy with it.

home.frontend_cache decides which pages a change shows on (a programme published: itself in
every language and the pages listing it; a team, person or EU project edited: the programmes
using them; the institution or a contact point: every page) and calls `api_urls_for` with them
(registered in programmes.apps). For each programme page among them, in its language: the
service and its services at locations, and the lists and the organization, which name it; for a
home page (every page is purged), the lists and the organization of its language.

Listings with a query string (another page, a filter) are not purged: they stay in the proxy
CACHE_CONTROL_SHARED_MAX_AGE seconds at most, as search results do.
"""

from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from home.models import HomePage, Institution
from programmes.models import ProgrammePage
from programmes.models.edition_facts import source_editions_matching

from .ids import service_at_location_id


def api_urls_for(pages):
    """Absolute addresses of the API's answers that show any of `pages`."""
    pages = [page for page in pages if _shown_by_the_api(page)]
    if not pages:
        return set()
    languages = dict(Locale.objects.values_list("pk", "language_code"))
    organizations = {
        str(key) for key in Institution.objects.values_list("translation_key", flat=True)
    }
    urls = set()
    for page in pages:
        parts = page.get_url_parts()
        language = languages.get(page.locale_id)
        if parts is None or language is None:
            continue
        root_url = parts[1]
        with translation.override(language):
            paths = [
                reverse("hsds:services"),
                reverse("hsds:service_at_locations"),
                reverse("hsds:organizations"),
                *(reverse("hsds:organization", args=[key]) for key in organizations),
            ]
            if issubclass(page.specific_class, ProgrammePage):
                paths += _service_paths(page)
        urls.update(root_url + path for path in paths)
    return urls


def _shown_by_the_api(page):
    page_class = page.specific_class
    return page_class is not None and issubclass(page_class, ProgrammePage | HomePage)


def _service_paths(programme):
    key = str(programme.translation_key)
    teams = set(
        source_editions_matching(programme.translation_key).values_list(
            "team__translation_key", flat=True
        )
    )
    return [
        reverse("hsds:service", args=[key]),
        *(
            reverse("hsds:service_at_location", args=[service_at_location_id(key, team)])
            for team in teams
        ),
    ]
