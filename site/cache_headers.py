"""Who may keep a copy of a response, and for how long (Cache-Control).

A page read by a visitor without a session is the same for every such visitor: browsers may keep
it for CACHE_CONTROL_MAX_AGE seconds, the caching proxy (Varnish, deploy/varnish/default.vcl) for
CACHE_CONTROL_SHARED_MAX_AGE. The proxy's copy is purged as soon as an editor publishes
(home.frontend_cache); the lifetime bounds only what changes with the clock (notices' windows,
today's hours, enrolment dates) and search results. A browser's copy cannot be purged, so its
lifetime is the shorter one.

Everything personal is `private, no-store`: any response to a visitor with a session (signed-in
editors, applicants after applying, visitors who typed a page's password), a response that sets
a cookie (a form's CSRF cookie), one whose Content-Security-Policy carries a nonce (a nonce
shared by many readers would protect nothing), the admin, and errors. A view that says itself
how it may be cached keeps its word: form and confirmation pages say `no-store`, the admin
`never_cache`, whitenoise gives static files a long life.

It must come before SessionMiddleware and the Content-Security-Policy middleware, so that it sees
the cookies and the policy they add.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control

from mops_site.middleware import admin_prefix

# Responses that are the same for every reader of an address. Other statuses (redirects to a
# sign-in page, errors) are not kept.
SHAREABLE_STATUSES = {200, 301, 404, 410}


class CacheControlMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control") or request.method not in ("GET", "HEAD"):
            return response
        if is_shareable(request, response):
            patch_cache_control(
                response,
                public=True,
                max_age=settings.CACHE_CONTROL_MAX_AGE,
                s_maxage=settings.CACHE_CONTROL_SHARED_MAX_AGE,
            )
        else:
            patch_cache_control(response, private=True, no_store=True)
        return response


def is_shareable(request, response):
    return (
        response.status_code in SHAREABLE_STATUSES
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not response.cookies
        and "'nonce-" not in response.get("Content-Security-Policy", "")
        and not request.path_info.startswith(admin_prefix())
    )
