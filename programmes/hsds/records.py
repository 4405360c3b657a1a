"""HSDS 3.0 records (plain dicts, ready for JSON) of what the programme pages publish.

- service: a programme page, with its editions as schedules (each edition's dates and its
  enrolment window), its teams' offices as locations (service_at_locations), the people
  responsible for its editions as contacts (name, role, work phone and e-mail, as the page shows
  them), the teams' phones, the area it serves, the languages its page is published in, whom
  it is for (eligibility), how to apply (the enrolment form's address, the teams' phones, the
  enrolment windows), its EU funding, and its status (active while an edition is ahead).
- organization: the institution, with its address and opening hours (a location), its
  switchboard and fax, its contact points (contacts, and locations when they have their own
  desk or hours), and its services.

Absent facts are left out rather than sent empty or null. Words are in the active language;
dates are ISO 8601, times of day HH:MM (Europe/Warsaw).
"""

from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import get_language_info, gettext, ngettext

from home.descriptions import plain_text
from home.models import HoursRuleKind
from programmes.models import ProgrammeStatus

from .ids import derived_id, key_of, service_at_location_id

COUNTRY = "PL"
# RFC 5545 weekday codes, Monday first (the opening hours' weekdays count from Monday = 0).
BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
# A programme is "active" while any edition is ahead; with editions all over, "inactive".
ACTIVE_STATUSES = {
    ProgrammeStatus.ENROLMENT_OPEN,
    ProgrammeStatus.RUNNING,
    ProgrammeStatus.UPCOMING,
}
# The one-to-one fields a list of services or locations gives (the standard's compiled
# service_list.json and service_at_location_list.json).
SERVICE_FIELDS = [
    "id",
    "organization_id",
    "program_id",
    "name",
    "alternate_name",
    "description",
    "url",
    "email",
    "status",
    "application_process",
    "eligibility_description",
    "last_modified",
]
LOCATION_FIELDS = ["id", "location_type", "url", "organization_id", "name", "alternate_name"]
LOCATION_FIELDS += ["description"]
ORGANIZATION_FIELDS = ["id", "name", "alternate_name", "description", "email", "website"]


def compact(record):
    """The record without the facts that are absent (None or an empty string)."""
    return {name: value for name, value in record.items() if value is not None and value != ""}


def phone(phone_id, number, *, kind="voice", description=None, **owner_ids):
    """An HSDS phone; `owner_ids` name what it belongs to (organization_id, location_id,
    contact_id, service_id, service_at_location_id)."""
    return compact(
        {"id": phone_id, **owner_ids, "number": number, "type": kind, "description": description}
    )


def only(record, names):
    return {name: record[name] for name in names if name in record}


def iso_date(day):
    return day.isoformat() if day else None


def time_of_day(value):
    return value.strftime("%H:%M") if value else None


def date_text(day):
    return formats.date_format(day, "DATE_FORMAT")


# The organization ---------------------------------------------------------------------------


def organization(directory, *, full=True, services=None):
    """The institution as an HSDS organization. `services`: service records to list under it
    (full ones, or their one-to-one fields)."""
    institution = directory.institution
    org_id = key_of(institution)
    settings = directory.institution_settings
    home = directory.home_page
    record = compact(
        {
            "id": org_id,
            "name": institution.name,
            "alternate_name": institution.short_name,
            # Required by the standard: the home page's lead (else its description for search
            # engines), in this language.
            "description": (home.lead or home.meta_description if home else "") or institution.name,
            "email": settings.email if settings else "",
            "website": home.get_full_url(directory.request) if home else "",
        }
    )
    if not full:
        return record
    record.update(
        phones=_institution_phones(institution, settings, org_id),
        contacts=[_contact_point(point, org_id) for point in directory.contact_points],
        locations=[_main_office(institution, org_id, directory.today)]
        + [
            _desk(point, org_id, directory.today)
            for point in directory.contact_points
            if point.street_address or point.room or list(point.opening_hours.all())
        ],
        funding=[],
        programs=[],
        organization_identifiers=[],
        attributes=[],
        metadata=[],
    )
    if services is not None:
        # Not in the standard's organization.json (which allows more properties): the OpenAPI's
        # /organizations/{id} gives the organization's services, by id or in full.
        record["services"] = services
    return record


def _institution_phones(institution, settings, org_id):
    if settings is None:
        return []
    phones = []
    if settings.phone:
        phones.append(
            phone(
                derived_id(key_of(institution), "switchboard"),
                settings.phone,
                description=gettext("Switchboard"),
                organization_id=org_id,
            )
        )
    if settings.fax:
        phones.append(
            phone(
                derived_id(key_of(institution), "fax"),
                settings.fax,
                kind="fax",
                organization_id=org_id,
            )
        )
    return phones


def _contact_point(point, org_id):
    contact_id = key_of(point)
    return compact(
        {
            "id": contact_id,
            "organization_id": org_id,
            "name": point.name,
            "department": point.name,
            "email": point.email,
            "phones": [
                phone(key_of(line), line.number, description=line.label, contact_id=contact_id)
                for line in point.phones.all()
            ],
        }
    )


def _main_office(institution, org_id, today):
    location_id = derived_id(key_of(institution), "main office")
    return compact(
        {
            "id": location_id,
            "location_type": "physical",
            "organization_id": org_id,
            "name": institution.name,
            "description": "\n".join(
                part for part in (institution.hours_note, *_closures(institution, today)) if part
            ),
            "addresses": _addresses(
                derived_id(key_of(institution), "main office address"), location_id, institution
            ),
            "schedules": _hours(institution, location_id, today),
        }
    )


def _desk(point, org_id, today):
    """A contact point with a desk or hours of its own. Its address is one line of free text
    that cannot be split into street, postal code and city: it goes in the description, with
    the days it is closed."""
    location_id = derived_id(key_of(point), "desk")
    where = ", ".join(part for part in (point.street_address, point.room, point.note) if part)
    return compact(
        {
            "id": location_id,
            "location_type": "physical",
            "organization_id": org_id,
            "name": point.name,
            "description": "\n".join(part for part in (where, *_closures(point, today)) if part),
            "schedules": _hours(point, location_id, today),
        }
    )


def _addresses(address_id, location_id, place):
    """The HSDS address of a model with street_address, postal_code and city, in a list (empty
    when the street or city is missing). The models keep no voivodeship: state_province, which
    the standard requires, is empty."""
    if not (place.street_address and place.city):
        return []
    return [
        {
            "id": address_id,
            "location_id": location_id,
            "address_1": place.street_address,
            "city": place.city,
            "state_province": "",
            "postal_code": place.postal_code,
            "country": COUNTRY,
            "address_type": "physical",
        }
    ]


def _hours(owner, location_id, today):
    """The owner's opening hours (home.models.opening_hours) as HSDS schedules: weekly lines as
    a weekly rule, the last day of the month as a monthly one, a one-date line (from today on)
    as a schedule valid on that day. Only the lines that open: a schedule says when a place is
    open (schedule.json), and a line with no times would read as open all day; the lines that
    close the place are said in its description (`_closures`)."""
    schedules = []
    for index, line in _current_hours(owner, today):
        if _says_closed(line):
            continue
        # Opening hours have no key of their own: the owner's and the line's position.
        schedule = {
            "id": derived_id(key_of(owner), "hours", index),
            "location_id": location_id,
            "opens_at": time_of_day(line.opens),
            "closes_at": time_of_day(line.closes),
            "description": f"{line.describe_when()}: {line.describe_hours()}",
        }
        if line.kind == HoursRuleKind.WEEKLY:
            schedule.update(
                freq="WEEKLY", wkst="MO", byday=",".join(BYDAY[day] for day in line.weekdays)
            )
        elif line.kind == HoursRuleKind.LAST_DAY_OF_MONTH:
            schedule.update(freq="MONTHLY", bymonthday="-1")
        else:
            schedule.update(valid_from=iso_date(line.date), valid_to=iso_date(line.date))
        schedules.append(compact(schedule))
    return schedules


def _closures(owner, today):
    """The owner's lines that close it, as its page lists them ("Saturday and Sunday: closed"):
    HSDS has no closed schedule, and a closed day within a weekly schedule's days (a holiday)
    is otherwise nowhere."""
    return [
        capfirst(f"{line.describe_when()}: {line.describe_hours()}")
        for _index, line in _current_hours(owner, today)
        if _says_closed(line)
    ]


def _current_hours(owner, today):
    """The owner's opening-hours lines with their positions, leaving out one-date lines past."""
    return [
        (index, line)
        for index, line in enumerate(owner.opening_hours.all())
        if line.kind != HoursRuleKind.DATE or (line.date is not None and line.date >= today)
    ]


def _says_closed(line):
    """Both times empty: the model's way of saying the place is closed then."""
    return line.opens is None or line.closes is None


# Services -----------------------------------------------------------------------------------


class ServiceRecords:
    """The HSDS records of one programme (ProgrammeFacts) in the directory's language."""

    def __init__(self, directory, facts):
        self.directory = directory
        self.facts = facts
        self.page = facts.page
        self.id = facts.key
        self.org_id = key_of(directory.institution) if directory.institution else None
        # Editions not over first: their people and offices are the ones to ask now.
        today = directory.today
        editions = facts.editions
        self.editions = [e for e in editions if e.ends_on >= today] + [
            e for e in editions if e.ends_on < today
        ]
        self.teams = list({key_of(e.team): e.team for e in self.editions}.values())

    # Identifiers

    def at_location_id(self, team):
        return service_at_location_id(self.id, key_of(team))

    # The records

    def service(self, *, full=True):
        page = self.page
        record = compact(
            {
                "id": self.id,
                "organization_id": self.org_id,
                "program_id": key_of(page.eu_project) if page.eu_project else None,
                "name": page.title,
                "description": self.description(),
                "url": page.get_full_url(self.directory.request),
                "status": self.status(),
                "application_process": self.application_process(),
                "eligibility_description": self.eligibility(),
                "last_modified": (
                    self.facts.last_modified.isoformat() if self.facts.last_modified else None
                ),
            }
        )
        record.update(
            organization=(
                organization(self.directory, full=False) if self.directory.institution else None
            ),
            program=self.program(),
        )
        record = compact(record)
        if not full:
            return record
        record.update(
            phones=[self.team_phone(team) for team in self.teams if team.phone],
            schedules=[schedule for e in self.editions for schedule in self.schedules_of(e)],
            service_areas=[self.service_area()],
            service_at_locations=[self.at_location(team) for team in self.teams],
            languages=self.languages(),
            funding=self.funding(),
            contacts=self.contacts(),
            cost_options=[],
            required_documents=[],
            attributes=[],
            metadata=[],
        )
        return record

    def at_location(self, team, *, full=True, with_service=False):
        """The programme at a team's office: the team's editions, people and phone."""
        editions = [e for e in self.editions if key_of(e.team) == key_of(team)]
        record = {
            "id": self.at_location_id(team),
            "service_id": self.id,
            "location_id": key_of(team),
            "description": f"{self.page.title} – {team.name}",
        }
        if full:
            record.update(
                contacts=self.contacts(editions),
                phones=[self.team_phone(team)] if team.phone else [],
                schedules=[schedule for e in editions for schedule in self.schedules_of(e)],
                location=self.location(team),
                attributes=[],
                metadata=[],
            )
        else:
            record["location"] = only(self.location(team), LOCATION_FIELDS)
        if with_service:
            # Not in the standard's service_at_location.json (which allows more properties):
            # what the listing of the OpenAPI names, the service's one-to-one fields.
            record["service"] = only(self.service(full=False), SERVICE_FIELDS)
        return record

    def location(self, team):
        location_id = key_of(team)
        return compact(
            {
                "id": location_id,
                "location_type": "physical",
                "organization_id": self.org_id,
                "name": team.name,
                "alternate_name": team.short_name,
                "addresses": _addresses(derived_id(location_id, "address"), location_id, team),
                "phones": (
                    [phone(derived_id(location_id, "phone"), team.phone, location_id=location_id)]
                    if team.phone
                    else []
                ),
            }
        )

    # The facts

    def description(self):
        page = self.page
        parts = [page.lead, plain_text(page.introduction)]
        return "\n\n".join(part for part in parts if part) or page.meta_description

    def status(self):
        status = self.page.status(self.directory.today)
        if status is None or status in ACTIVE_STATUSES:
            return "active"
        return "inactive"

    def eligibility(self):
        parts = [self.page.target_group.name, plain_text(self.page.eligibility)]
        return "\n\n".join(part for part in parts if part)

    def application_process(self):
        lines = []
        if self.facts.form_url:
            lines.append(gettext("Online: %(url)s") % {"url": self.facts.form_url})
        phones = [team for team in self.teams if team.phone]
        if phones:
            lines.append(
                gettext("By phone: %(phones)s")
                % {"phones": ", ".join(f"{team.phone} ({team.name})" for team in phones)}
            )
        for edition in self.editions:
            if edition.enrolment_closes_on and edition.enrolment_closes_on >= self.directory.today:
                lines.append(
                    gettext("Enrolment: %(edition)s, %(opens)s – %(closes)s.")
                    % {
                        "edition": edition.label,
                        "opens": date_text(edition.enrolment_opens_on),
                        "closes": date_text(edition.enrolment_closes_on),
                    }
                )
        return "\n".join(lines)

    def program(self):
        project = self.page.eu_project
        if project is None:
            return None
        return compact(
            {
                "id": key_of(project),
                "organization_id": self.org_id,
                "name": project.name,
                "description": plain_text(project.funding_statement) or project.name,
            }
        )

    def funding(self):
        project = self.page.eu_project
        if project is None:
            return []
        return [
            {
                "id": derived_id(self.id, key_of(project), "funding"),
                "service_id": self.id,
                "source": " – ".join(
                    part
                    for part in (project.name, project.fund, project.operational_programme)
                    if part
                ),
            }
        ]

    def service_area(self):
        institution = self.directory.institution
        city = institution.city if institution else ""
        return compact(
            {
                "id": derived_id(self.id, "service area"),
                "service_id": self.id,
                "name": ", ".join(part for part in (self.page.district, city) if part),
                "extent_type": "text",
            }
        )

    def languages(self):
        return [
            {
                "id": derived_id(self.id, "language", code),
                "service_id": self.id,
                "name": str(get_language_info(code)["name_translated"]),
                "code": code,
                "note": gettext("The programme's page is published in this language."),
            }
            for code in self.facts.languages
        ]

    def team_phone(self, team):
        return phone(
            derived_id(self.id, key_of(team), "phone"),
            team.phone,
            description=team.name,
            service_id=self.id,
            service_at_location_id=self.at_location_id(team),
        )

    def schedules_of(self, edition):
        """An edition's dates and, if it has one, its enrolment window."""
        at_location = self.at_location_id(edition.team)
        places = ngettext("%(counter)s place", "%(counter)s places", edition.places) % {
            "counter": edition.places
        }
        schedules = [
            {
                "id": derived_id(key_of(edition), "dates"),
                "service_id": self.id,
                "service_at_location_id": at_location,
                "valid_from": iso_date(edition.starts_on),
                "valid_to": iso_date(edition.ends_on),
                "description": f"{edition.label}: {edition.period}",
                "notes": places,
            }
        ]
        if edition.enrolment_opens_on and edition.enrolment_closes_on:
            schedules.append(
                compact(
                    {
                        "id": derived_id(key_of(edition), "enrolment"),
                        "service_id": self.id,
                        "service_at_location_id": at_location,
                        "valid_from": iso_date(edition.enrolment_opens_on),
                        "valid_to": iso_date(edition.enrolment_closes_on),
                        "description": gettext("Enrolment: %(edition)s")
                        % {"edition": edition.label},
                        "schedule_link": self.facts.form_url,
                    }
                )
            )
        return schedules

    def contacts(self, editions=None):
        """The people responsible for the editions, each once, as the page's contacts show
        them: name, role, team, work phone and e-mail."""
        people = {}
        for edition in self.editions if editions is None else editions:
            people.setdefault(key_of(edition.responsible_person), edition)
        return [self._contact(edition) for edition in people.values()]

    def _contact(self, edition):
        person = edition.responsible_person
        contact_id = derived_id(self.id, key_of(person), "contact")
        return compact(
            {
                "id": contact_id,
                "service_id": self.id,
                "service_at_location_id": self.at_location_id(edition.team),
                "name": person.name,
                "title": person.role,
                "department": edition.team.name,
                "email": person.email,
                "phones": (
                    [phone(derived_id(contact_id, "phone"), person.phone, contact_id=contact_id)]
                    if person.phone
                    else []
                ),
            }
        )
