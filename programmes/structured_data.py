"""A programme page's schema.org JSON-LD: the programme as a `GovernmentService`.

Built from what the page shows, in the page's language: its name and description, the type of
programme, whom it is for and the district it serves, the institution as the provider (the same
`@id` as the home page's description: home.structured_data), the ways to reach it (the
enrolment form while the page offers it, the switchboard with the institution's opening hours,
each responsible person's team office with the phones and e-mail the contact cards publish),
the EU funding, and each edition as an `Offer` (its enrolment window) of an `Event` (its dates,
places and the team's office).

The editions are the ones the page shows: facts from the source-language editions
(programmes.models.edition_facts), read on every view and not kept with the page's cached
sections, so new dates show in every language on the next request. An edition's places are its
`maximumAttendeeCapacity`; while its enrolment is open or yet to open, the page also shows how
many are left (counted by enrolment on the source edition, programmes.edition_annotations), and
so does the JSON-LD: `remainingAttendeeCapacity`, and the offer's `availability` (InStock, or
SoldOut when none are left: applications then go to the waiting list). Where the page says
nothing about places left (enrolment closed, or enrolment not installed), neither does this.

The people named are those whose name, role, phone and e-mail the page's contact cards show;
nothing about applicants ever is.
"""

from django.utils.translation import gettext

from home.structured_data import (
    CONTEXT,
    institution_reference,
    opening_hours,
    postal_address,
    telephone,
    without_empty,
)

from .edition_annotations import places_left_shown

EVENT_SCHEDULED = "https://schema.org/EventScheduled"
OFFLINE = "https://schema.org/OfflineEventAttendanceMode"
IN_STOCK = "https://schema.org/InStock"
SOLD_OUT = "https://schema.org/SoldOut"


def programme_data(
    *,
    page,
    page_url,
    home_url,
    language,
    editions,
    contacts=(),
    form_url="",
    target_group=None,
    eu_project=None,
    institution=None,
    contact_settings=None,
):
    """The JSON-LD (a dict) of a programme page. `editions`: as the page shows them (team and
    responsible person selected); `contacts`: the page's contact cards ({person, team, …});
    `form_url`: the enrolment form's full address while the page links to it, else ""."""
    provider = institution_reference(institution, contact_settings, home_url)
    funded_by = funder(eu_project)
    return without_empty(
        {
            "@context": CONTEXT,
            "@type": "GovernmentService",
            "@id": f"{page_url}#programme",
            "name": page.title,
            "description": page.meta_description,
            "url": page_url,
            "serviceType": page.get_programme_type_display(),
            "provider": provider,
            "areaServed": area_served(page.district, institution),
            "audience": (
                {"@type": "Audience", "audienceType": target_group.name} if target_group else None
            ),
            "availableChannel": channels(
                form_url=form_url,
                language=language,
                contacts=contacts,
                institution=institution,
                contact_settings=contact_settings,
            ),
            # Asked of a service by issue 17; schema.org lists `funder` under Event (below), not
            # Service, so a validator may warn here: readers that know it take it.
            "funder": funded_by,
            "offers": [
                edition_offer(
                    edition, page=page, page_url=page_url, language=language, funded_by=funded_by
                )
                for edition in editions
            ],
        }
    )


def area_served(district, institution):
    city = {"@type": "City", "name": institution.city} if institution and institution.city else None
    if district:
        return {"@type": "AdministrativeArea", "name": district, "containedInPlace": city}
    return city


def funder(eu_project):
    """The fund, with the operational programme and the project it finances the programme
    under, as the page's "Funding" section names them."""
    if not eu_project:  # None, also behind the page context's lazy parts
        return None
    return {
        "@type": "FundingScheme",
        "name": eu_project.fund,
        "description": f"{eu_project.operational_programme} – {eu_project.name}",
    }


def channels(*, form_url, language, contacts, institution, contact_settings):
    found = []
    if form_url:
        found.append(
            {
                "@type": "ServiceChannel",
                "name": gettext("Apply to this programme"),
                "serviceUrl": form_url,
                "availableLanguage": language,
            }
        )
    switchboard = telephone(getattr(contact_settings, "phone", ""))
    if switchboard:
        found.append(
            {
                "@type": "ServiceChannel",
                "name": gettext("Phone"),
                "servicePhone": {
                    "@type": "ContactPoint",
                    "telephone": switchboard,
                    "hoursAvailable": opening_hours(institution.hours_lines())
                    if institution
                    else [],
                },
            }
        )
    found.extend(team_office(contact) for contact in contacts)
    return found


def team_office(contact):
    """A contact card: the team's office, and the person with the phones and e-mail shown."""
    person, team = contact["person"], contact["team"]
    phones = [telephone(person.phone), telephone(team.phone)]
    phones = list(dict.fromkeys(number for number in phones if number))
    return {
        "@type": "ServiceChannel",
        "name": team.name,
        "serviceLocation": place_of(team),
        "servicePhone": {
            "@type": "ContactPoint",
            "name": person.name,
            "contactType": person.role,
            "telephone": phones[0] if len(phones) == 1 else phones,
            "email": person.email,
        },
    }


def place_of(team):
    return {
        "@type": "Place",
        "name": team.name,
        "address": postal_address(team.street_address, team.postal_code, team.city),
    }


def edition_offer(edition, *, page, page_url, language, funded_by=None):
    """An edition: the Offer of a place (its enrolment window) in the Event (its dates)."""
    edition_url = f"{page_url}#edition-{edition.pk}"
    event = {
        "@type": "Event",
        "@id": edition_url,
        "name": f"{page.title} – {edition.label}",
        "url": edition_url,
        "startDate": edition.starts_on.isoformat(),
        "endDate": edition.ends_on.isoformat(),
        "eventStatus": EVENT_SCHEDULED,
        "eventAttendanceMode": OFFLINE,
        "inLanguage": language,
        "maximumAttendeeCapacity": edition.places,
        "location": place_of(edition.team),
        "organizer": {"@type": "GovernmentOrganization", "name": edition.team.name},
    }
    if funded_by:
        event["funder"] = funded_by
    offer = {
        "@type": "Offer",
        "name": edition.label,
        "url": edition_url,
        "itemOffered": event,
    }
    if edition.enrolment_opens_on and edition.enrolment_closes_on:
        offer["availabilityStarts"] = edition.enrolment_opens_on.isoformat()
        offer["availabilityEnds"] = edition.enrolment_closes_on.isoformat()
    left = places_left_shown(edition)
    if left is not None:
        event["remainingAttendeeCapacity"] = left
        offer["availability"] = IN_STOCK if left else SOLD_OUT
    return offer
