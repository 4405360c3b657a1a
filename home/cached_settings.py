"""Site settings that pages read on every request, from Django's cache.

Wagtail's `for_request` looks a setting up once per request through the public classmethod
`for_site` (a query); `CachedSiteSettingMixin.for_site` answers it from the versioned cache
instead, which every save of the setting refreshes (home.site_wide_parts). Wagtail pickles
settings without their request for exactly this kind of cache. `for_request` finds the site as
routing does (home.site_lookup), not with Wagtail's query on every request.
"""

from functools import partial

from .site_lookup import site_for_request
from .versioned_cache import cached, keep, peek


class CachedSiteSettingMixin:
    """Put before BaseSiteSetting in the bases."""

    @classmethod
    def for_request(cls, request):
        # A copy of this process's own per call: nothing is written on the request.
        return cls.for_site(site_for_request(request))

    @classmethod
    def for_site(cls, site):
        key = ("settings", cls._meta.label_lower, site.pk)
        return cached(None, key, partial(cls._load_for_site, site))

    @classmethod
    def _load_for_site(cls, site):
        setting = super().for_site(site)
        # Also kept for `last_read` (the centre runs one site), only when loaded: a page that
        # finds the setting in the cache pays no second round trip.
        keep(None, ("settings", cls._meta.label_lower, "last-read"), setting)
        return setting

    @classmethod
    def last_read(cls):
        """The setting as a page last read it from the cache, or None; reads no database (for
        the page shown while the database is unreachable)."""
        return peek(None, ("settings", cls._meta.label_lower, "last-read"))
