"""Small builders for objects the demo site does not have. Each takes overrides as keywords."""

import datetime
import itertools

from django.utils import timezone

from home.models import ContactPoint, ContactPointOpeningHours, Notice
from programmes.models import (
    Edition,
    Partner,
    Person,
    ProgrammePage,
    ProgrammePartner,
    SupportForm,
    TargetGroup,
    Team,
)

_numbers = itertools.count(100)


def make_team(**kwargs):
    number = kwargs.pop("number", next(_numbers))
    defaults = {
        "name": f"Zespół Terenowej Pracy Socjalnej nr {number}",
        "short_name": f"ZTPS nr {number}",
        "number": number,
        "street_address": "ul. Testowa 1",
        "postal_code": "50-001",
        "city": "Wrocław",
        "email": f"ztps{number}@example.org",
    }
    return Team.objects.create(**{**defaults, **kwargs})


def make_person(**kwargs):
    team = kwargs.pop("team", None) or make_team()
    defaults = {
        "name": "Anna Testowa",
        "role": "koordynatorka",
        "team": team,
        "email": f"coordinator{team.number}@example.org",
    }
    return Person.objects.create(**{**defaults, **kwargs})


def make_edition(programme, **kwargs):
    person = kwargs.pop("responsible_person", None) or make_person()
    defaults = {
        "programme": programme,
        "number": programme.editions.count() + 1,
        "starts_on": datetime.date(2030, 1, 1),
        "ends_on": datetime.date(2030, 12, 31),
        "places": 10,
        "team": person.team,
        "responsible_person": person,
    }
    return Edition.objects.create(**{**defaults, **kwargs})


def make_programme(parent, *, editions=1, partners=0, support_forms=0, **kwargs):
    """A published programme page under `parent` with the given numbers of related objects."""
    number = next(_numbers)
    defaults = {
        "title": f"Program testowy {number}",
        "slug": f"program-testowy-{number}",
        "programme_type": "social_activity",
        "target_group": TargetGroup.objects.create(name=f"Grupa {number}"),
        "lead": "Program do testów.",
    }
    page = ProgrammePage(**{**defaults, **kwargs})
    parent.add_child(instance=page)
    for _ in range(editions):
        make_edition(page)
    for index in range(partners):
        partner = Partner.objects.create(name=f"Partner {number}-{index}")
        ProgrammePartner.objects.create(programme=page, partner=partner)
    for index in range(support_forms):
        SupportForm.objects.create(
            programme=page, name=f"Wsparcie {index}", description="<p>Opis.</p>", hours_amount=8
        )
    page.save_revision().publish()
    return ProgrammePage.objects.get(pk=page.pk)


def make_notice(**kwargs):
    defaults = {"title": "Zmiana godzin pracy", "body": "<p>Treść.</p>"}
    return Notice.objects.create(**{**defaults, **kwargs})


def make_contact_point(hours=(), **kwargs):
    """`hours`: dicts with kind, weekdays, date, opens, closes."""
    point = ContactPoint.objects.create(**{"name": "Punkt testowy", **kwargs})
    for index, rule in enumerate(hours):
        ContactPointOpeningHours.objects.create(contact_point=point, sort_order=index, **rule)
    return point


def edition_like(like, number, opens_on, closes_on, today):
    """Another edition of `like`'s programme, run by the same team and person, starting 60 days
    after `today`, with the given enrolment window."""
    return Edition.objects.create(
        programme=like.programme,
        locale=like.locale,
        number=number,
        starts_on=today + datetime.timedelta(days=60),
        ends_on=today + datetime.timedelta(days=300),
        places=10,
        team=like.team,
        responsible_person=like.responsible_person,
        enrolment_opens_on=opens_on,
        enrolment_closes_on=closes_on,
    )


def publish_polish_edition(programme, **facts):
    """What an editor does in the admin: change the Polish page's edition, publish the page."""
    programme = ProgrammePage.objects.get(pk=programme.pk)
    editions = list(programme.editions.all())
    for edition in editions:
        for field, value in facts.items():
            setattr(edition, field, value)
    programme.editions = editions
    programme.save_revision().publish()


def enrolment_closed_yesterday():
    """Facts for `publish_polish_edition`: enrolment open for ten days until yesterday."""
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    return {
        "enrolment_opens_on": yesterday - datetime.timedelta(days=10),
        "enrolment_closes_on": yesterday,
    }
