"""Signing in to the admin is paused after too many wrong passwords for one account from one
client address (django-axes), even for the right password, with a page that says until when and
whom to ask. Behind the site's proxies each client counts on its own, so an attacker cannot lock
out colleagues; without a trusted proxy, a forged X-Forwarded-For changes nothing. (Wrong
passwords for many accounts from one address: test_password_spraying_is_locked.py.)"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.utils import translation
from django.utils.translation import gettext

LOGIN_URL = "/admin/login/"
USERNAME = "koordynatorka"
PASSWORD = "Correct-Horse-Battery-Staple-7"
# Documentation addresses (RFC 5737), as a proxy would report clients.
ATTACKER = "198.51.100.66"
COLLEAGUE = "203.0.113.25"
NOON = datetime(2026, 3, 2, 12, 0, tzinfo=ZoneInfo("Europe/Warsaw"))

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def account():
    return get_user_model().objects.create_superuser(
        USERNAME, email="koordynatorka@example.org", password=PASSWORD
    )


@pytest.fixture
def at_noon():
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


def sign_in(client, password, forwarded_for=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}
    return client.post(
        LOGIN_URL, {"username": USERNAME, "password": password, "next": "/admin/"}, **headers
    )


def fail_until_paused(client, forwarded_for=None):
    """Wrong passwords up to the limit: the last one already gets the lockout page."""
    for _ in range(settings.ADMIN_LOGIN_FAILURE_LIMIT - 1):
        response = sign_in(client, "wrong password", forwarded_for)
        assert response.status_code == 200, "refused with the sign-in form, not yet paused"
    return sign_in(client, "wrong password", forwarded_for)


def is_paused(response):
    """The lockout page, in the admin's language (Polish for anyone not signed in)."""
    with translation.override("pl"):
        heading = gettext("Signing in is paused")
    return response.status_code == 429 and f"<h1>{heading}</h1>" in response.content.decode()


def is_signed_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_signing_in_is_paused_after_the_configured_number_of_wrong_passwords(client, at_noon):
    assert settings.ADMIN_LOGIN_FAILURE_LIMIT == 5, "the default when the environment sets none"
    response = fail_until_paused(client)

    assert is_paused(response)
    page = response.content.decode()
    assert "12:30" in page, "when to try again"
    with translation.override("pl"):
        assert gettext("For help, ask the person who manages accounts in this admin.") in page


@override_settings(ADMIN_LOGIN_FAILURE_LIMIT=3)
def test_the_limit_is_configurable(client):
    assert sign_in(client, "wrong").status_code == 200
    assert sign_in(client, "wrong").status_code == 200
    assert is_paused(sign_in(client, "wrong"))


def test_the_right_password_is_refused_while_paused(client, at_noon):
    fail_until_paused(client)

    response = sign_in(client, PASSWORD)

    assert is_paused(response)
    assert client.get("/admin/")["Location"].startswith(LOGIN_URL), "not signed in"


@override_settings(ADMIN_SUPPORT_EMAIL="it@mops.example.org")
def test_the_lockout_page_names_whom_to_write_to(client):
    page = fail_until_paused(client).content.decode()
    assert '<a href="mailto:it@mops.example.org">it@mops.example.org</a>' in page


def test_the_pause_ends_half_an_hour_after_the_last_attempt(client, at_noon):
    fail_until_paused(client)
    at_noon.shift(timedelta(minutes=29))
    assert is_paused(sign_in(client, PASSWORD)), "an attempt during the pause restarts it"

    at_noon.shift(timedelta(minutes=31))

    assert is_signed_in(sign_in(client, PASSWORD))


def test_a_successful_sign_in_clears_earlier_mistakes(client):
    for _ in range(settings.ADMIN_LOGIN_FAILURE_LIMIT - 1):
        sign_in(client, "wrong")
    assert is_signed_in(sign_in(client, PASSWORD))
    client.logout()

    assert sign_in(client, "wrong").status_code == 200, "counting starts again"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_an_attacker_does_not_lock_out_a_colleague(client):
    assert is_paused(fail_until_paused(client, forwarded_for=ATTACKER))

    assert is_signed_in(sign_in(client, PASSWORD, forwarded_for=COLLEAGUE))
    client.logout()
    assert is_paused(sign_in(client, PASSWORD, forwarded_for=ATTACKER))


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_a_forged_address_before_the_proxys_does_not_help(client):
    """The proxy appends the address it saw; whatever the client wrote before it is ignored."""
    for number in range(settings.ADMIN_LOGIN_FAILURE_LIMIT):
        sign_in(client, "wrong", forwarded_for=f"10.0.0.{number}, {ATTACKER}")

    assert is_paused(sign_in(client, PASSWORD, forwarded_for=f"{COLLEAGUE}, {ATTACKER}"))


def test_without_a_trusted_proxy_a_forged_forwarded_address_does_not_help(client):
    assert settings.TRUSTED_PROXY_COUNT == 0
    for number in range(settings.ADMIN_LOGIN_FAILURE_LIMIT):
        sign_in(client, "wrong", forwarded_for=f"198.51.100.{number}")

    assert is_paused(sign_in(client, PASSWORD, forwarded_for=COLLEAGUE))
