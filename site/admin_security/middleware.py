"""Until the second sign-in step is done in this session, the user is signed in nowhere.

A signed-in user who has not typed a code from their authenticator app (or a backup code) in
this session is sent from any /admin/ address to type one, or to set up the app first if they
have none; only the pages needed to get there stay open. Everywhere else (pages restricted to
signed-in users or groups, private documents, the Wagtail user bar) they are an anonymous
visitor: a password alone opens nothing. `ADMIN_REQUIRE_TWO_FACTOR` is read on every request
(the tests switch it); production settings force it on.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.functional import SimpleLazyObject

from mops_site.middleware import admin_prefix

from . import devices

# The way to the second step and out of the admin, and what Wagtail's sign-in layout loads.
OPEN_URL_NAMES = frozenset(
    {
        "two_factor_set_up",
        "two_factor_send_code",
        "two_factor_verify",
        "wagtailadmin_logout",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_sprite",
    }
)
# Wagtail's sign-in page sends a signed-in admin user straight on to its `next` address: for a
# half-signed-in user coming from a restricted page that would lead back there without end, so
# they are sent to the second step first, and on from the sign-in page once it is done.
SIGN_IN_URL_NAME = "wagtailadmin_login"


class SecondFactorRequiredMiddleware:
    """Goes after django_otp's OTPMiddleware, which tells whether this session is verified."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.ADMIN_REQUIRE_TWO_FACTOR:
            if request.path_info.startswith(admin_prefix()):
                if needs_second_factor(request):
                    return redirect_to_second_factor(request)
            else:
                treat_half_signed_in_user_as_anonymous(request)
        return self.get_response(request)


def is_half_signed_in(user):
    """Signed in with the password, but not (yet) with the second factor."""
    return user.is_authenticated and not user.is_verified()


def treat_half_signed_in_user_as_anonymous(request):
    """Replaces the request's user, lazily like AuthenticationMiddleware and OTPMiddleware do:
    a visitor without a session costs no query."""
    signed_in_user = request.user
    request.user = SimpleLazyObject(
        lambda: AnonymousUser() if is_half_signed_in(signed_in_user) else signed_in_user
    )
    signed_in_auser = request.auser

    async def auser():
        user = await signed_in_auser()
        return AnonymousUser() if is_half_signed_in(user) else user

    request.auser = auser


def needs_second_factor(request):
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return False
    try:
        url_name = resolve(request.path_info).url_name
    except Resolver404:
        url_name = None
    if url_name == SIGN_IN_URL_NAME:
        # Someone without access to the admin is shown the sign-in form, as Wagtail does.
        return user.has_perm("wagtailadmin.access_admin")
    return url_name not in OPEN_URL_NAMES


def redirect_to_second_factor(request):
    step = "two_factor_verify" if devices.has_second_factor(request.user) else "two_factor_set_up"
    # Back to the page asked for; a form posted from an unverified session is not replayed.
    next_to = request.get_full_path() if request.method == "GET" else reverse("wagtailadmin_home")
    return redirect(f"{reverse(step)}?{urlencode({'next': next_to})}")
