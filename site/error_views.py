"""Error pages that never need the database: a request refused as unreadable (400), a form
refused by the CSRF check (403) and the database out of reach (503), in the visitor's language.

They render templates/error_page.html, which looks like the site but reads nothing from the
database (no page, no site-wide parts, no user): the 503 page is shown precisely when the
database cannot be reached. Wired in mops_site.urls as handler400 and handler500, and as
CSRF_FAILURE_VIEW in the settings.
"""

import sys

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseForbidden, HttpResponseServerError
from django.middleware import csrf
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.http import escape_leading_slashes
from django.views import defaults

from enrolment.submission import application_stored_by
from home.models import InstitutionSettings, SafetySettings
from home.models.safety import DEFAULT_QUICK_EXIT_URL

from .middleware import admin_prefix
from .request_checks import CharsetNotAccepted, ControlCharacterInRequest

# How long the 503 page asks browsers and people to wait before trying again.
RETRY_AFTER_SECONDS = 120


def bad_request(request, exception):
    with _in_visitors_language(request):
        content = render_to_string(
            "400.html",
            {
                "reason": _reason_for(exception),
                "phone": fallback_phone(),
                "quick_exit_url": quick_exit_url(),
            },
        )
    return HttpResponse(content, status=400)


def csrf_failure(request, reason=""):
    """A form refused because the browser did not bring back the site's CSRF cookie, or sent
    a token that does not match it: most often, cookies blocked or deleted while the form was
    open. Django's own page would be in English, name the mechanism and offer no way out."""
    with _in_visitors_language(request):
        content = render_to_string(
            "403_csrf.html",
            {
                # Not Wagtail's form for a page's password: enrolment forms are served as pages.
                "sent_an_application": _sent_an_application(request)
                and getattr(request.resolver_match, "url_name", None) == "wagtail_serve",
                "no_cookie": reason == csrf.REASON_NO_CSRF_COOKIE,
                # The form again, as a link: "//host/…" would be another site's address.
                "form_again": escape_leading_slashes(request.path),
                "phone": contact_phone(request),
                "quick_exit_url": quick_exit_url(),
            },
        )
    return HttpResponseForbidden(content)


def server_error(request):
    """Django calls this inside the `except` that caught the exception."""
    if database_unavailable(sys.exc_info()[1]):
        return service_unavailable(request)
    try:
        with _in_visitors_language(request):
            content = render_to_string(
                "500.html", {"phone": contact_phone(request), "quick_exit_url": quick_exit_url()}
            )
    except Exception:  # noqa: BLE001 (the cache may be the fault: Django's plain page then)
        return defaults.server_error(request)
    return HttpResponseServerError(content)


def service_unavailable(request):
    sent_a_form = request.method == "POST"
    # Stored and committed before the database went (only the confirmation could not follow):
    # the applicant is told it was received, with its reference, and not to send it again.
    stored = application_stored_by(request)
    sent_an_application = _sent_an_application(request) and stored is None
    with _in_visitors_language(request):
        content = render_to_string(
            "503.html",
            {
                "sent_a_form": sent_a_form,
                "sent_an_application": sent_an_application,
                "stored_reference": getattr(stored, "reference", ""),
                # The answers go back to the applicant in this page's "Send again" form: going
                # back to the form page needs the database, which is what is missing. Sent to
                # the same address with the same one-time token, they are stored once.
                "answers": _answers(request) if sent_an_application else [],
                # "//host/…" would be another site's address in the form's action.
                "send_again_to": escape_leading_slashes(request.get_full_path()),
                "phone": contact_phone(request),
                "quick_exit_url": quick_exit_url(),
                "retry_after_minutes": RETRY_AFTER_SECONDS // 60,
            },
        )
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # It may hold what the applicant typed, or the reference of what they sent: stored by no
    # cache, the browser's included, and named to no other site (as the form's own pages).
    add_never_cache_headers(response)
    response["Referrer-Policy"] = "same-origin"
    return response


def _sent_an_application(request):
    # The public site's only forms are enrolment forms (the admin's are not).
    return request.method == "POST" and not request.path_info.startswith(admin_prefix())


def database_unavailable(exception):
    """Whether the database could not be reached (refused, gone, locked), anywhere in the
    chain of exceptions that led to this one."""
    seen = set()
    while exception is not None and id(exception) not in seen:
        if isinstance(exception, OperationalError | InterfaceError):
            return True
        seen.add(id(exception))
        exception = exception.__cause__ or exception.__context__
    return False


def contact_phone(request):
    """The centre's switchboard as pages last read it from the cache (home.cached_settings),
    else the configured fallback: the database is not asked, it may be the fault."""
    return getattr(InstitutionSettings.last_read(), "phone", "") or fallback_phone()


def quick_exit_url():
    """Where "Leave this page" goes, as pages last read it from the cache, else the default
    neutral site: an error page reads no database."""
    return getattr(SafetySettings.last_read(), "quick_exit_url", "") or DEFAULT_QUICK_EXIT_URL


def fallback_phone():
    return settings.FALLBACK_CONTACT_PHONE


def _answers(request):
    """What the form sent, as (name, value) pairs; nothing if it cannot be read."""
    try:
        return [(name, value) for name, values in request.POST.lists() for value in values]
    except Exception:  # noqa: BLE001 (an unreadable body leaves only the Back button)
        return []


def _reason_for(exception):
    if isinstance(exception, ControlCharacterInRequest):
        return "control_character"
    if isinstance(exception, CharsetNotAccepted):
        return "charset"
    if isinstance(exception, RequestDataTooBig | TooManyFieldsSent):
        return "too_large"
    return "unreadable"


def _in_visitors_language(request):
    """The language of the address (/en/, /uk/, none for Polish), as LocaleMiddleware would
    choose it: the error may have come before or after it."""
    return translation.override(
        translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    )
