"""Phone numbers as written by editors, turned into addresses a phone can dial."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# What follows the number itself: an extension ("wew. 12") or a remark.
_NUMBER = re.compile(r"^\s*(\+?[\d\s\-().\/]+)")
# "wew. 12", "wewn. 12", "w. 12", "ext. 12": the only thing a stored number may add after it.
_EXTENSION = re.compile(r"(?:wewn?\.?|w\.|ext\.?)\s*\d{1,6}", re.IGNORECASE)
POLISH_NATIONAL_LENGTH = 9
POLISH_COUNTRY_CODE = "48"
# E.164: at most 15 digits with the country code; fewer than 8 is no full number abroad either.
INTERNATIONAL_LENGTHS = range(8, 16)
# Short numbers dialled as they are: 112 and 997–999, helplines 116 xxx (116 123 for adults in
# crisis), 19 xxx (city services). A contact point may well be one of them.
_SHORT_NUMBER = re.compile(r"112|99[7-9]|116\d{3}|19\d{3}")

NOT_ONE_NUMBER = _(
    "Enter one phone number, for example 71 782 23 00 or +48 71 782 23 00, optionally with an "
    "extension: 71 782 23 00 wew. 12. Another number or a remark cannot be dialled from the page."
)


def tel_href(number):
    """ "71 78 22 300" → "tel:+48717822300"; "(071) 78-22-405" → "tel:+48717822405"; "" for
    what is not one number (stored before numbers were checked: "71 782 23 00 / 01" would
    dial a wrong one), which templates then show as text."""
    match = _NUMBER.match(number or "")
    if not match or not is_one_phone_number(number):
        return ""
    written = match.group(1)
    digits = re.sub(r"\D", "", written)
    if written.strip().startswith("+"):
        return f"tel:+{digits}"
    digits = digits.removeprefix("0")  # the old trunk prefix, as in "(071)"
    if len(digits) == POLISH_NATIONAL_LENGTH:
        return f"tel:+48{digits}"
    return f"tel:{digits}"


def is_one_phone_number(value):
    """One full number that tel_href dials as written, perhaps followed by its extension."""
    match = _NUMBER.match(value or "")
    if not match:
        return False
    after = value[match.end() :].strip()
    only_an_extension_after = not after or _EXTENSION.fullmatch(after) is not None
    return _is_full_number(match.group(1)) and only_an_extension_after


def _is_full_number(written):
    digits = re.sub(r"\D", "", written)
    if not written.strip().startswith("+"):
        return (
            len(digits.removeprefix("0")) == POLISH_NATIONAL_LENGTH
            or _SHORT_NUMBER.fullmatch(digits) is not None
        )
    if digits.startswith(POLISH_COUNTRY_CODE):
        return len(digits) == len(POLISH_COUNTRY_CODE) + POLISH_NATIONAL_LENGTH
    return len(digits) in INTERNATIONAL_LENGTHS


def validate_phone_number(value):
    """For the fields shown as a number to call: "brak" or two numbers in one would give
    a link that dials nothing, or a wrong number."""
    if value and not is_one_phone_number(value):
        raise ValidationError(NOT_ONE_NUMBER, code="not_one_phone_number")
