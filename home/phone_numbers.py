"""Phone numbers as written by editors, turned into addresses a phone can dial."""

import re

# What follows the number itself: an extension ("wew. 12") or a remark.
_NUMBER = re.compile(r"^\s*(\+?[\d\s\-().\/]+)")
POLISH_NATIONAL_LENGTH = 9


def tel_href(number):
    """ "71 78 22 300" → "tel:+48717822300"; "(071) 78-22-405" → "tel:+48717822405"."""
    match = _NUMBER.match(number or "")
    if not match:
        return ""
    written = match.group(1)
    digits = re.sub(r"\D", "", written)
    if written.strip().startswith("+"):
        return f"tel:+{digits}"
    digits = digits.removeprefix("0")  # the old trunk prefix, as in "(071)"
    if len(digits) == POLISH_NATIONAL_LENGTH:
        return f"tel:+48{digits}"
    return f"tel:{digits}"
