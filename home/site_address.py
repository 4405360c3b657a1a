"""The address the site is served from, taken from configuration, so absolute links are right.

Canonical and hreflang links, the language switcher, feeds, the sitemap and the accessibility
statement are built from the default Wagtail Site's host name and port. Wagtail's first
migration makes that Site `localhost:80`, which is nobody's address: the local demo (served on
127.0.0.1:8000) then linked to `http://localhost/…`. `SITE_BASE_URL` states the address; every
`migrate` applies it, so a fresh machine, an upgrade and `make run` on another port all get it.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Site

from .versioned_cache import forget

DEFAULT_PORTS = {"http": 80, "https": 443}


def host_and_port(url):
    """The host name and port a Wagtail Site needs for `url`, or ImproperlyConfigured.

    Wagtail builds https:// links only for port 443 and http:// for every other port, and a
    Site has no path: an address it cannot reproduce is refused rather than turned into links
    that lead elsewhere."""
    parts = urlsplit((url or "").strip())
    try:
        port = parts.port
    except ValueError:
        port = -1
    scheme_port = DEFAULT_PORTS.get(parts.scheme)
    problems = [
        scheme_port is None or not parts.hostname,
        port == -1,
        parts.scheme == "https" and port not in (None, 443),
        parts.scheme == "http" and port == 443,
        parts.path not in ("", "/") or parts.query or parts.fragment or parts.username,
    ]
    if any(problems):
        raise ImproperlyConfigured(
            f"SITE_BASE_URL must be an http:// or https:// address without a path, such as "
            f"https://mops.example.org (https only on port 443); it is {url!r}."
        )
    return parts.hostname, port or scheme_port


def apply_site_address(url):
    """Give the default Site the host name and port of `url`; returns whether it changed."""
    hostname, port = host_and_port(url)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return False
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    forget()  # the cached site lookups and every link built from the old address
    return True


def apply_configured_site_address(**kwargs):
    """post_migrate: the configured address, when there is one (tests keep Wagtail's)."""
    if getattr(settings, "SITE_BASE_URL", None):
        apply_site_address(settings.SITE_BASE_URL)
