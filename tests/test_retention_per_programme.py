"""A programme whose legal basis differs keeps its applications for its own period, and none
before its "keep applications at least until" date (e.g. an EU project's archiving date); the
others follow the site-wide setting. Today is 1 July 2029 in Poland, the site-wide period 12
months."""

import datetime
import io
import itertools
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command

from enrolment.models import Application, ApplicationLogEntry
from programmes.models import ProgrammePage

from .admin_factories import another_programme
from .admin_helpers import make_application
from .builders import make_edition
from .enrolment_world import small_site

pytestmark = pytest.mark.django_db

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")
TODAY = datetime.datetime(2029, 7, 1, 9, 0, tzinfo=WARSAW)
_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def site_wide_period(settings):
    settings.ENROLMENT_RETENTION_MONTHS = 12


def programme(**retention):
    """A programme of its own, with `retention` (its period, its keep-until date) set."""
    page = another_programme(small_site().programme_index).programme
    ProgrammePage.objects.filter(pk=page.pk).update(**retention)
    return ProgrammePage.objects.get(pk=page.pk)


def application_ending(page, ends_on):
    edition = make_edition(page, starts_on=ends_on - datetime.timedelta(days=200), ends_on=ends_on)
    return make_application(
        edition,
        form_data={"applicant_name": "Anna Kowalska"},
        reference=f"RET-{next(_numbers):04d}",
    )


def purge(*args, at=TODAY):
    out = io.StringIO()
    with time_machine.travel(at, tick=False):
        call_command("purge_applications", *args, stdout=out)
    return out.getvalue()


def anonymised(application):
    return Application.objects.get(pk=application.pk).is_anonymised


def test_a_programmes_own_longer_period_keeps_what_the_site_wide_one_would_remove():
    plain = application_ending(programme(), datetime.date(2028, 5, 31))
    eu_project = programme(retention_months=60)
    kept = application_ending(eu_project, datetime.date(2028, 5, 31))
    due = application_ending(eu_project, datetime.date(2024, 6, 30))
    purge()
    assert anonymised(plain)
    assert not anonymised(kept)
    assert anonymised(due)
    (entry,) = ApplicationLogEntry.objects.filter(object_id=str(due.pk))
    assert entry.data["retention_months"] == 60


def test_a_programmes_own_shorter_period_removes_sooner():
    short = programme(retention_months=3)
    due = application_ending(short, datetime.date(2029, 3, 31))
    not_yet = application_ending(short, datetime.date(2029, 4, 1))
    kept_site_wide = application_ending(programme(), datetime.date(2029, 3, 31))
    purge()
    assert anonymised(due)
    assert not anonymised(not_yet)
    assert not anonymised(kept_site_wide)


def test_nothing_is_removed_before_the_keep_until_date_has_passed():
    archived = programme(keep_applications_until=datetime.date(2029, 7, 1))
    old = application_ending(archived, datetime.date(2025, 1, 31))
    purge(at=TODAY)
    assert not anonymised(old)
    purge("--delete", at=TODAY)
    assert Application.objects.filter(pk=old.pk).exists()
    purge(at=TODAY + datetime.timedelta(days=1))
    assert anonymised(old)


def test_months_stands_in_for_the_site_wide_setting_only():
    own = application_ending(programme(retention_months=60), datetime.date(2028, 5, 31))
    held = application_ending(
        programme(keep_applications_until=datetime.date(2030, 1, 1)), datetime.date(2029, 5, 31)
    )
    plain = application_ending(programme(), datetime.date(2029, 5, 31))
    output = purge("--months", "0")
    assert anonymised(plain)
    assert not anonymised(own)
    assert not anonymised(held)
    assert "period of their own of 60 months" in output
