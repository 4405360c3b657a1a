"""Stable HSDS identifiers (UUIDs) for what the API publishes.

A programme, team, person, edition, EU project, contact point and the institution each carry
Wagtail's `translation_key`: a UUID kept on the model, shared by all the object's translations
and unchanged by edits. It is the HSDS id of the service, location, organization…, the same in
every language.

HSDS also names objects that have no row of their own (a programme's service at a team's
office, a team's address, a programme's contact with a person, an edition's enrolment window):
their ids are derived from the translation keys and the object's role with uuid5 in a fixed
namespace, so that they stay the same across requests, languages and servers. The namespace must
never change: directories keep these ids.
"""

import uuid

NAMESPACE = uuid.UUID("6f1c3a52-8d0e-4b7a-9e64-2c5d8f0a7b19")


def derived_id(*parts):
    """A UUID made from the parts (translation keys and a role), e.g.
    `derived_id(edition.translation_key, "enrolment")`."""
    return str(uuid.uuid5(NAMESPACE, ":".join(str(part) for part in parts)))


def service_at_location_id(programme_key, team_key):
    """A programme's service at the office of the team that runs its editions."""
    return derived_id(programme_key, team_key, "service at location")


def key_of(obj):
    """The object's own stable id: its translation key."""
    return str(obj.translation_key)


def parse_id(value):
    """The id if it is a UUID written as the API writes ids (lower case, with hyphens), else
    None: one address per object, so that purging its address reaches every cached copy."""
    try:
        canonical = str(uuid.UUID(value))
    except (TypeError, ValueError, AttributeError):
        return None
    return canonical if canonical == value else None
