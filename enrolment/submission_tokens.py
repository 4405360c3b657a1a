"""The one-time token each rendered enrolment form carries.

A second POST of the same form (a double click, a resend after a network error) carries the same
token, so it finds the application the first one stored instead of storing another.

The token is signed: only a token this site issued is accepted, so a client cannot choose the
value stored in the unique column (for instance one seen in someone else's form) and every
accepted POST is tied to a form the site rendered. Only the random part is stored.
"""

import secrets

from django.core import signing

from .field_names import system_field_name

FIELD_NAME = system_field_name("submission_token")
_signer = signing.Signer(salt="enrolment.submission-token")


def new_token():
    """(stored token, signed token for the form)."""
    token = secrets.token_urlsafe(32)
    return token, _signer.sign(token)


def token_from(data):
    """The stored token carried by the POST `data`, or None if it is missing or not ours."""
    signed = data.get(FIELD_NAME)
    if not isinstance(signed, str) or not signed:
        return None
    try:
        return _signer.unsign(signed)
    except signing.BadSignature:
        return None
