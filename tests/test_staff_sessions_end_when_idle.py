"""A signed-in session ends after ADMIN_SESSION_IDLE_MINUTES without a request: a computer left
signed in to the admin does not stay open to whoever sits down at it. Working keeps the session
alive; the session is not written on every request; applicants' sessions are not touched."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.test import override_settings

from mops_site.admin_security.idle_sessions import LAST_ACTIVITY_SESSION_KEY

from .admin_helpers import make_superuser
from .security_factories import site_home

NOON = datetime(2026, 3, 2, 12, 0, tzinfo=ZoneInfo("Europe/Warsaw"))

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock():
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


@pytest.fixture
def home():
    return site_home()


@pytest.fixture
def staff_client(client, clock):
    client.force_login(make_superuser())
    assert client.get("/admin/").status_code == 200
    return client


def is_signed_out(response):
    return response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_the_default_is_an_hour():
    assert settings.ADMIN_SESSION_IDLE_MINUTES == 60


def test_an_idle_session_ends_at_the_next_request(staff_client, clock):
    clock.shift(timedelta(minutes=61))

    assert is_signed_out(staff_client.get("/admin/pages/"))
    assert is_signed_out(staff_client.get("/admin/")), "for good, not only for one request"


def test_a_session_in_use_goes_on(staff_client, clock):
    for _ in range(6):
        clock.shift(timedelta(minutes=50))
        assert staff_client.get("/admin/").status_code == 200


@override_settings(ADMIN_SESSION_IDLE_MINUTES=10)
def test_the_idle_time_is_configurable(staff_client, clock):
    clock.shift(timedelta(minutes=9))
    assert staff_client.get("/admin/").status_code == 200

    clock.shift(timedelta(minutes=11))
    assert is_signed_out(staff_client.get("/admin/"))


def test_reading_pages_writes_the_session_at_most_once_a_minute(staff_client, clock):
    first = staff_client.session[LAST_ACTIVITY_SESSION_KEY]
    clock.shift(timedelta(seconds=30))
    staff_client.get("/admin/")
    assert staff_client.session[LAST_ACTIVITY_SESSION_KEY] == first

    clock.shift(timedelta(seconds=31))
    staff_client.get("/admin/")
    assert staff_client.session[LAST_ACTIVITY_SESSION_KEY] > first


def test_a_public_page_read_while_signed_in_counts_as_activity(staff_client, clock, home):
    clock.shift(timedelta(minutes=50))
    staff_client.get(home.url)
    clock.shift(timedelta(minutes=50))

    assert staff_client.get("/admin/").status_code == 200


def test_an_applicants_session_is_not_ended(client, clock, home):
    session = client.session
    session["applicant_data"] = "kept"
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key

    clock.shift(timedelta(hours=5))
    client.get(home.url)

    assert client.session["applicant_data"] == "kept"
    assert LAST_ACTIVITY_SESSION_KEY not in client.session
