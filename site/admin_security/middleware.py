"""Every admin page needs the second sign-in step, done in this session.

A signed-in user who has not typed a code from their authenticator app (or a backup code) in
this session is sent from any /admin/ address to type one, or to set up the app first if they
have none. Only the pages needed to get there stay open. `ADMIN_REQUIRE_TWO_FACTOR` is read on
every request (the tests switch it); production settings force it on.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

from mops_site.middleware import admin_prefix

from . import devices

# The way to the second step and out of the admin, and what Wagtail's sign-in layout loads.
OPEN_URL_NAMES = frozenset(
    {
        "two_factor_set_up",
        "two_factor_verify",
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_sprite",
    }
)


class SecondFactorRequiredMiddleware:
    """Goes after django_otp's OTPMiddleware, which tells whether this session is verified."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if needs_second_factor(request):
            return redirect_to_second_factor(request)
        return self.get_response(request)


def needs_second_factor(request):
    if not settings.ADMIN_REQUIRE_TWO_FACTOR:
        return False
    if not request.path_info.startswith(admin_prefix()):
        return False
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return False
    try:
        url_name = resolve(request.path_info).url_name
    except Resolver404:
        url_name = None
    return url_name not in OPEN_URL_NAMES


def redirect_to_second_factor(request):
    step = "two_factor_verify" if devices.has_second_factor(request.user) else "two_factor_set_up"
    # Back to the page asked for; a form posted from an unverified session is not replayed.
    next_to = request.get_full_path() if request.method == "GET" else reverse("wagtailadmin_home")
    return redirect(f"{reverse(step)}?{urlencode({'next': next_to})}")
