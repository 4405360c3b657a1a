"""Which Wagtail site answers a request, found once per host and port rather than per request.

Wagtail's `Site.find_for_request` builds and runs its query on every request (1.4 ms, about a
sixth of a warm programme page on the benchmark's machine: the closing notes of issue 16). Its
choice depends only on the address's host and port and on the sites' rows, so the answer of
Wagtail's own function (`get_site_for_hostname`) is kept in the versioned cache, which saving
or deleting a site forgets (home.site_wide_parts). Routing (home.routing) and the site settings
(home.cached_settings) find the site here.

`get_site_for_hostname` is the module-level function behind `Site.find_for_request`, not in
Wagtail's documentation: tests/test_the_site_is_found_once_per_host.py compares the two on every
kind of host and port, so that an upgrade that changes it is noticed. Of the request, only its
public `get_host` (which refuses a host the settings do not allow, as Django does everywhere
else) and `get_port` are read.
"""

from functools import partial

from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname

from .versioned_cache import cached


def site_for_request(request):
    """The site answering `request`, as `Site.find_for_request` chooses it, or None."""
    hostname = split_domain_port(request.get_host())[0]
    port = request.get_port()
    return cached(request, ("site-for", hostname, port), partial(_site_for, hostname, port))


def _site_for(hostname, port):
    try:
        return get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None
