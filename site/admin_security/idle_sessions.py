"""A signed-in session ends after ADMIN_SESSION_IDLE_MINUTES without a request.

A computer left signed in to the admin (in an office, at home) does not stay open to whoever
sits down at it. The time of the last request is kept in the session, written at most once a
minute so that reading pages does not write the session each time. Sessions of visitors who are
not signed in (applicants) are left alone. What a page asks for by itself is not activity: the
page editor pings Wagtail every few seconds while it is visible (who else is editing), so an
editor left open on an unattended screen would otherwise keep the session for ever. Expired
sessions are removed from the database by `clearsessions`, which the scheduler runs daily.
"""

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.urls import Resolver404, resolve
from django.utils import timezone

LAST_ACTIVITY_SESSION_KEY = "admin_security_last_activity"
# How stale the stored time may get before it is written again.
WRITE_INTERVAL_SECONDS = 60
# Requests a page sends on a timer, without anyone at the keyboard.
BACKGROUND_VIEW_NAMES = frozenset({"wagtailadmin_editing_sessions:ping"})


class IdleSessionMiddleware:
    """Goes after AuthenticationMiddleware, and before the second-step middleware, which then
    sees the signed-out visitor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if SESSION_KEY in request.session:
            sign_out_if_idle(request)
        return self.get_response(request)


def sign_out_if_idle(request):
    now = _now()
    last_activity = request.session.get(LAST_ACTIVITY_SESSION_KEY)
    if last_activity is not None and now - last_activity > settings.ADMIN_SESSION_IDLE_MINUTES * 60:
        logout(request)
    elif last_activity is None or (
        now - last_activity >= WRITE_INTERVAL_SECONDS and not is_background_request(request)
    ):
        request.session[LAST_ACTIVITY_SESSION_KEY] = now


def is_background_request(request):
    try:
        return resolve(request.path_info).view_name in BACKGROUND_VIEW_NAMES
    except Resolver404:
        return False


@receiver(user_logged_in, dispatch_uid="admin_security_idle_sessions")
def start_counting_at_sign_in(sender, request, user, **kwargs):
    """Signing in again into a session of the same user (which keeps its data) starts afresh."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_ACTIVITY_SESSION_KEY] = _now()


def _now():
    return int(timezone.now().timestamp())
