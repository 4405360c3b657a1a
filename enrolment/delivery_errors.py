"""What went wrong when sending a notification: for good, or worth trying again.

The description is stored and shown to coordinators, so it names the kind of failure and the
mail server's code, never an address or anything the applicant wrote.
"""

import re
import smtplib

from django.core.exceptions import ValidationError
from django.core.mail import BadHeaderError

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
