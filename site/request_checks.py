"""Requests the site cannot read are refused with a clear 400 before any view sees them.

- Control characters. PostgreSQL refuses NUL in text, so a NUL in a search word, a filter or a
  form field would reach the database and answer 500; the other C0 characters have no place in
  anything a person types either. In the address (path and query string) every C0 character is
  refused; in a form body tab, newline and carriage return are what people type (and what the
  admin's rich text JSON carries), so only the others are. Cookies carrying one are dropped
  rather than refused: a visitor cannot remove a cookie planted in their browser.
- Bodies declared in a charset other than UTF-8 (or its subset ASCII). Django would decode such
  a body with that charset, and its error handling reads the body again and fails on it.

It comes before the session middleware, so that a planted cookie is dropped before the session
is read, and before anything that reads the request's data: the CSRF check reads the form, the
site-wide parts and the views query the database with it. The 400 page (mops_site.error_views)
takes its language from the address's prefix.
"""

import codecs
import re

from django.core.exceptions import BadRequest

# C0 control characters: anywhere in an address, and in a form body apart from tab, LF and CR.
_ANY_CONTROL = re.compile(r"[\x00-\x1f]")
_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
ACCEPTED_CHARSETS = {"utf-8", "ascii"}
METHODS_WITH_A_BODY = {"POST", "PUT", "PATCH", "DELETE"}


class ControlCharacterInRequest(BadRequest):
    """The address or a form field holds a control character (NUL and the like)."""


class CharsetNotAccepted(BadRequest):
    """The body is declared in a charset other than UTF-8."""


class RequestChecksMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refuse_unaccepted_charset(request)
        refuse_control_characters(request)
        drop_cookies_with_control_characters(request)
        return self.get_response(request)


def refuse_unaccepted_charset(request):
    if request.method not in METHODS_WITH_A_BODY:
        return
    charset = request.content_params.get("charset") if request.content_params else None
    if charset is None:
        return
    try:
        name = codecs.lookup(charset.strip()).name
    except LookupError:
        name = None
    if name not in ACCEPTED_CHARSETS:
        raise CharsetNotAccepted(f"Request body declared in charset {charset!r}")


def refuse_control_characters(request):
    if _ANY_CONTROL.search(request.path_info):
        raise ControlCharacterInRequest("Control character in the path")
    if _has_match(_ANY_CONTROL, request.GET):
        raise ControlCharacterInRequest("Control character in the query string")
    if request.method in METHODS_WITH_A_BODY:
        # Reading the form here raises TooManyFieldsSent / RequestDataTooBig as the CSRF check
        # would: both become the same 400 page.
        if _has_match(_CONTROL_IN_TEXT, request.POST):
            raise ControlCharacterInRequest("Control character in a form field")
        if any(
            _ANY_CONTROL.search(upload.name or "")
            for uploads in request.FILES.lists()
            for upload in uploads[1]
        ):
            raise ControlCharacterInRequest("Control character in an uploaded file's name")


def drop_cookies_with_control_characters(request):
    if any(_ANY_CONTROL.search(name + value) for name, value in request.COOKIES.items()):
        request.COOKIES = {
            name: value
            for name, value in request.COOKIES.items()
            if not _ANY_CONTROL.search(name + value)
        }


def _has_match(pattern, query_dict):
    return any(
        pattern.search(key) or any(pattern.search(value) for value in values)
        for key, values in query_dict.lists()
    )
