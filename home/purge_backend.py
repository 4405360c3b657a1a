"""Wagtail's HTTP purge backend with a time limit.

Wagtail's `HTTPBackend` sends each PURGE with `urlopen` and no timeout: a caching proxy that
accepts the connection and never answers would hold the request that purges (an applicant's,
when the last place of an edition is taken) until gunicorn kills the worker. This backend sends
the same request, given up after FRONTEND_CACHE_TIMEOUT seconds (the proxy's copy then expires
on its own), and logs it as Wagtail logs a failed purge.
"""

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from django.conf import settings
from wagtail import __version__
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest

logger = logging.getLogger("wagtail.frontendcache")


class TimedHTTPBackend(HTTPBackend):
    def purge(self, url):
        try:
            # The proxy's address is the settings' (http:), never a reader's.
            urlopen(self._request(url), timeout=settings.FRONTEND_CACHE_TIMEOUT)  # noqa: S310  # nosec B310
        except HTTPError as error:
            logger.error("Couldn't purge '%s' from HTTP cache. HTTPError: %d", url, error.code)
        except (URLError, TimeoutError, ConnectionError) as error:
            logger.error("Couldn't purge '%s' from HTTP cache: %s", url, error)

    def _request(self, url):
        """Wagtail's PURGE request: the address on the proxy, the page's host and port."""
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        return PurgeRequest(
            url=urlunsplit(
                [self.cache_scheme, self.cache_netloc, parts.path, parts.query, parts.fragment]
            ),
            headers={"Host": host, "User-Agent": "Wagtail-frontendcache/" + __version__},
        )
