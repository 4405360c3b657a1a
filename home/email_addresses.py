"""E-mail addresses that name exactly one mailbox, stored in one spelling.

An address that reaches a mail header (a team's, a person's) must not carry a second address or
a line break: either would send mail where nobody meant it to go, or stop delivery altogether.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

# Separators and header syntax: a name, a list, a folded line. Any whitespace or control
# character inside an address is refused as well.
_NOT_IN_ONE_ADDRESS = re.compile(r'[\s,;<>"\x00-\x1f\x7f]')

ONE_ADDRESS_MESSAGE = _(
    "Enter one e-mail address only, without a name, spaces, commas, semicolons or line breaks."
)


def normalised_email_address(value):
    """The address trimmed, with its domain in lower case; ValidationError unless it is one
    valid address."""
    address = (value or "").strip()
    if not address:
        return ""
    if _NOT_IN_ONE_ADDRESS.search(address):
        raise ValidationError(ONE_ADDRESS_MESSAGE, code="not_one_address")
    validate_email(address)
    mailbox, _at, domain = address.rpartition("@")
    return f"{mailbox}@{domain.lower()}"


class NormalisedEmailMixin:
    """For models with an `email` field: refuse anything but one address, in `clean()` (the
    admin shows the error beside the field) and in `save()` (code, imports), and store it
    normalised."""

    def clean(self):
        super().clean()
        try:
            self.email = normalised_email_address(self.email)
        except ValidationError as error:
            raise ValidationError({"email": error.error_list}) from error

    def save(self, *args, **kwargs):
        self.email = normalised_email_address(self.email)
        super().save(*args, **kwargs)
