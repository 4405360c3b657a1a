"""What went wrong when sending a notification: for good, or worth trying again.

The description is stored, so it names the kind of failure and the mail server's code, never an
address or anything the applicant wrote. Coordinators read it as a plain sentence (`explain`),
with the description beside it for whoever looks after the mail server.
"""

import re
import smtplib

from django.core.exceptions import ValidationError
from django.core.mail import BadHeaderError
from django.utils.translation import gettext_lazy

MAX_DESCRIPTION = 255
# Anything that looks like an address, so that a server's reply ("<x@y>: user unknown") or an
# exception message does not carry one into the database.
_ADDRESS = re.compile(r"\S+@\S+")


class InvalidRecipient(ValueError):
    """A recipient's address that is not one valid address (found before sending)."""


# Refusals of this message (its recipients, its sender, its content); a refusal of the connection,
# the greeting or our credentials is about the server or its configuration, and passes.
_MESSAGE_REFUSALS = (
    smtplib.SMTPRecipientsRefused,
    smtplib.SMTPSenderRefused,
    smtplib.SMTPDataError,
)


def _smtp_codes(error):
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return [code for code, _reply in error.recipients.values()]
    if isinstance(error, smtplib.SMTPResponseException):
        return [error.smtp_code]
    return []


def is_permanent(error):
    """A refusal that trying again cannot change: a 5xx reply to this message (from every
    recipient, when they were refused one by one), or an address no mail server could take.
    4xx replies, lost connections and everything else are temporary."""
    if isinstance(error, InvalidRecipient | BadHeaderError | ValidationError):
        return True
    if isinstance(error, _MESSAGE_REFUSALS):
        codes = _smtp_codes(error)
        return bool(codes) and all(500 <= code < 600 for code in codes)
    if isinstance(error, smtplib.SMTPException | OSError):
        return False
    # Django's mail code raises ValueError for an address it cannot parse or encode.
    return isinstance(error, ValueError)


def describe(error):
    """ "SMTPRecipientsRefused 550", "BadHeaderError", "ConnectionRefusedError: [Errno 111] …"."""
    name = type(error).__name__
    codes = _smtp_codes(error)
    if codes:
        text = f"{name} {', '.join(str(code) for code in sorted(set(codes)))}"
    elif isinstance(error, InvalidRecipient | BadHeaderError | ValidationError | ValueError):
        # Their messages quote the address itself.
        text = name
    else:
        message = _ADDRESS.sub("<address>", " ".join(str(error).split()))
        text = f"{name}: {message}" if message else name
    return text[:MAX_DESCRIPTION]


# What a coordinator reads instead of the stored description: what happened and what to do, by
# the kind of failure. The description itself (exception and code) stays beside it for whoever
# looks after the mail server.
_ADDRESS_REFUSED = gettext_lazy(
    "The recipient's mail server refused the address: check the team's e-mail addresses."
)
_TRY_LATER = gettext_lazy(
    "The recipient's mail server asked to try later: the notification will be sent again "
    "automatically."
)
_SENDER_REFUSED = gettext_lazy(
    "The mail server refused the site's sender address: tell the site's administrator."
)
_MESSAGE_REFUSED = gettext_lazy(
    "The mail server refused the message: tell the site's administrator."
)
_INVALID_ADDRESS = gettext_lazy(
    "The e-mail address is not valid: check the team's e-mail addresses."
)
_NO_CONNECTION = gettext_lazy(
    "The site could not reach the mail server: the notification will be sent again "
    "automatically. If this lasts, tell the site's administrator."
)
_GAVE_UP = gettext_lazy(
    "The notification could not be delivered after many attempts: send it again, and if it "
    "fails again, tell the site's administrator."
)
_OTHER = gettext_lazy("The notification could not be sent because of a technical fault.")
_BY_NAME = {
    "SMTPSenderRefused": _SENDER_REFUSED,
    "SMTPDataError": _MESSAGE_REFUSED,
    "InvalidRecipient": _INVALID_ADDRESS,
    "BadHeaderError": _INVALID_ADDRESS,
    "ValidationError": _INVALID_ADDRESS,
    "ValueError": _INVALID_ADDRESS,
    "SMTPAuthenticationError": _MESSAGE_REFUSED,
}
_CONNECTION_FAULTS = (
    "SMTPServerDisconnected",
    "SMTPConnectError",
    "ConnectionRefusedError",
    "ConnectionResetError",
    "ConnectionAbortedError",
    "ConnectionError",
    "TimeoutError",
    "timeout",
    "gaierror",
    "OSError",
)
_DESCRIPTION = re.compile(r"^(?P<name>\w+)(?: (?P<codes>\d{3}(?:, \d{3})*))?")


def explain(description, given_up=False):
    """A plain sentence for a stored description (`describe`), or "" for none. `given_up`: the
    worker tries no more, so a temporary fault is not "sent again automatically"."""
    if not description:
        return ""
    match = _DESCRIPTION.match(description)
    name = match["name"] if match else ""
    codes = [int(code) for code in ((match and match["codes"]) or "").split(", ") if code]
    if name == "SMTPRecipientsRefused" and codes and all(500 <= code < 600 for code in codes):
        sentence = _ADDRESS_REFUSED
    elif name == "SMTPRecipientsRefused":
        sentence = _TRY_LATER
    elif name in _BY_NAME:
        sentence = _BY_NAME[name]
    elif name in _CONNECTION_FAULTS or "Connection" in name:
        sentence = _NO_CONNECTION
    else:
        sentence = _OTHER
    if given_up and sentence in (_TRY_LATER, _NO_CONNECTION):
        sentence = _GAVE_UP
    return str(sentence)
