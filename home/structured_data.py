"""schema.org JSON-LD: what a page shows, in a form search engines and directories read.

The home page describes the institution as a `GovernmentOrganization` with its address, phones,
contact points and opening hours (`institution_data`); programmes.structured_data describes a
programme and names the institution as its provider with the same `@id`, so that a reader of
both pages knows they mean one organisation. Only what the page itself shows is published.

`json_ld_script` writes it as a `<script type="application/ld+json">` data block, escaped as
Django's `json_script` escapes (`<`, `>` and `&` as `\\u003C`, `\\u003E`, `\\u0026`): no text
typed by an editor (a title holding `</script>`) can end the block or start another element.
A data block is never executed, so the Content-Security-Policy's script-src does not apply to
it and it needs no nonce (a nonce would also make the page uncacheable: mops_site.cache_headers).
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

from home.models.opening_hours import HoursRuleKind
from home.phone_numbers import tel_href

CONTEXT = "https://schema.org"

# As django.utils.html.json_script: nothing inside can close the <script> element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

# schema.org's days of the week, Monday being 0 as in home.models.opening_hours.
SCHEMA_DAYS = [
    "https://schema.org/Monday",
    "https://schema.org/Tuesday",
    "https://schema.org/Wednesday",
    "https://schema.org/Thursday",
    "https://schema.org/Friday",
    "https://schema.org/Saturday",
    "https://schema.org/Sunday",
]


def json_ld_script(data):
    """`data` (a dict) as a JSON-LD data block that cannot break out of its element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    escaped = text.translate(_JSON_SCRIPT_ESCAPES)
    # No "<", ">" or "&" is left in it: nothing can end the element or start another.
    return mark_safe(f'<script type="application/ld+json">{escaped}</script>')  # noqa: S308  # nosec


def without_empty(data):
    """The dict without its empty values (None, "", [], {}), recursively: JSON-LD omits a
    property the page does not show rather than publish it blank."""
    if isinstance(data, dict):
        cleaned = {key: without_empty(value) for key, value in data.items()}
        return {key: value for key, value in cleaned.items() if value not in (None, "", [], {})}
    if isinstance(data, list):
        cleaned = [without_empty(value) for value in data]
        return [value for value in cleaned if value not in (None, "", [], {})]
    return data


def telephone(number):
    """An editor's "71 78 22 322" as the international number its tel: link dials
    ("+48717822322"); "" when it is no number."""
    return tel_href(number).removeprefix("tel:")


def organization_id(home_url):
    """The institution's `@id`: the same on the home page and on every programme page."""
    return f"{home_url}#organization"


def postal_address(street_address, postal_code, city):
    if not (street_address or postal_code or city):
        return None
    return {
        "@type": "PostalAddress",
        "streetAddress": street_address,
        "postalCode": postal_code,
        "addressLocality": city,
        "addressCountry": "PL",
    }


def opening_hours(rules):
    """Opening hours lines (`hours_lines()`) as `OpeningHoursSpecification`s. A weekly line gives
    its days; a one-date line is valid on that date only (closed: 00:00–00:00, schema.org's way
    of saying closed). "The last day of every month" has no schema.org form and is left out."""
    found = []
    for rule in rules:
        opens = f"{rule.opens:%H:%M}" if rule.opens else "00:00"
        closes = f"{rule.closes:%H:%M}" if rule.closes else "00:00"
        if rule.kind == HoursRuleKind.WEEKLY and rule.weekdays:
            found.append(
                {
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": [SCHEMA_DAYS[day] for day in rule.weekdays],
                    "opens": opens,
                    "closes": closes,
                }
            )
        elif rule.kind == HoursRuleKind.DATE and rule.date:
            found.append(
                {
                    "@type": "OpeningHoursSpecification",
                    "validFrom": rule.date.isoformat(),
                    "validThrough": rule.date.isoformat(),
                    "opens": opens,
                    "closes": closes,
                }
            )
    return found


def institution_reference(institution, contact_settings, home_url):
    """The institution as a provider: its name, address, switchboard and home page. The same
    `@id` as the home page's full description."""
    if institution is None:
        return None
    return without_empty(
        {
            "@type": "GovernmentOrganization",
            "@id": organization_id(home_url),
            "name": institution.name,
            "alternateName": institution.short_name,
            "url": home_url,
            "address": postal_address(
                institution.street_address, institution.postal_code, institution.city
            ),
            "telephone": telephone(getattr(contact_settings, "phone", "")),
            "email": getattr(contact_settings, "email", ""),
        }
    )


def institution_data(institution, contact_settings, contact_points, home_url):
    """The home page's JSON-LD: the institution with what its home page and footer show (the
    address, switchboard, fax, e-mail, BIP and Facebook pages, general opening hours, each
    department or service with its phones, e-mail and hours), in the page's language."""
    if institution is None:
        return None
    data = institution_reference(institution, contact_settings, home_url)
    data.update(
        without_empty(
            {
                "faxNumber": telephone(getattr(contact_settings, "fax", "")),
                "sameAs": [
                    getattr(contact_settings, "bip_url", ""),
                    getattr(contact_settings, "facebook_url", ""),
                ],
                "openingHoursSpecification": opening_hours(institution.hours_lines()),
                "contactPoint": [contact_point(point) for point in contact_points],
            }
        )
    )
    return {"@context": CONTEXT, **data}


def contact_point(point):
    phones = [telephone(phone.number) for phone in point.phones.all()]
    phones = [number for number in phones if number]
    return without_empty(
        {
            "@type": "ContactPoint",
            "name": point.name,
            "contactType": point.name,
            "telephone": phones[0] if len(phones) == 1 else phones,
            "email": point.email,
            "hoursAvailable": opening_hours(point.hours_lines()),
        }
    )
