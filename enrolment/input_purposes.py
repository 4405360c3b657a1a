"""What an editor's question asks about the applicant, told to the browser (WCAG 2.2, 1.3.5).

A question marked with its purpose ("street and house number", "date of birth") gets the HTML
`autocomplete` token for it: a browser or an assistive tool can fill the answer in, or show the
field with a familiar icon, for people who find typing or reading labels hard. The tokens are
the ones WCAG lists as input purposes that an application form of the centre may ask for,
less the phone and e-mail address, which every form asks itself.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InputPurpose(models.TextChoices):
    NAME = "name", _("Full name")
    GIVEN_NAME = "given-name", _("First name")
    FAMILY_NAME = "family-name", _("Surname")
    STREET_ADDRESS = "street-address", _("Full street address (several lines)")
    ADDRESS_LINE1 = "address-line1", _("Street and house number")
    ADDRESS_LINE2 = "address-line2", _("Flat number or other address line")
    CITY = "address-level2", _("Town or city")
    POSTAL_CODE = "postal-code", _("Postal code")
    COUNTRY_NAME = "country-name", _("Country")
    BIRTHDAY = "bday", _("Date of birth")
    BIRTH_YEAR = "bday-year", _("Year of birth")
    SEX = "sex", _("Sex or gender")
    ORGANIZATION = "organization", _("Name of an organisation or workplace")
    ORGANIZATION_TITLE = "organization-title", _("Job title")
    LANGUAGE = "language", _("Preferred language")


# Question types whose input a browser may fill in. Boxes and radio buttons choose among the
# editor's own answers, and a hidden field is never typed: a purpose on them would mean nothing.
TYPES_WITH_A_PURPOSE = frozenset(
    {"singleline", "multiline", "email", "number", "url", "dropdown", "date", "datetime"}
)


def can_have_a_purpose(field_type):
    return field_type in TYPES_WITH_A_PURPOSE
