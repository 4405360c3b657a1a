"""Signing in to one's own account from an address does not clear the wrong passwords tried on
other accounts from there: otherwise anyone with one working account could guess another
account's password without end, four tries at a time, and spray passwords the same way."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from .test_admin_login_is_rate_limited import LOGIN_URL, is_paused, is_signed_in

ADDRESS = "198.51.100.66"

pytestmark = pytest.mark.django_db


def sign_in(client, username, password):
    client.logout()
    return client.post(
        LOGIN_URL,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=ADDRESS,
    )


def test_signing_in_to_ones_own_account_does_not_clear_the_failures_for_another(client):
    User = get_user_model()
    User.objects.create_user("ofiara", password="Secret-victim-1")
    User.objects.create_user("napastnik", password="Secret-attacker-1")

    responses = []
    for round_number in range(3):
        for guess in range(settings.ADMIN_LOGIN_FAILURE_LIMIT - 1):
            responses.append(sign_in(client, "ofiara", f"zgadywanie-{round_number}-{guess}"))
        assert is_signed_in(sign_in(client, "napastnik", "Secret-attacker-1"))

    assert any(is_paused(response) for response in responses)
    assert is_paused(sign_in(client, "ofiara", "Secret-victim-1")), "even the right password"


def test_a_right_password_clears_the_accounts_own_mistakes(client):
    get_user_model().objects.create_user("pracownik", password="Secret-worker-1")
    for _ in range(settings.ADMIN_LOGIN_FAILURE_LIMIT - 1):
        sign_in(client, "pracownik", "literówka")
    assert is_signed_in(sign_in(client, "pracownik", "Secret-worker-1"))

    for _ in range(settings.ADMIN_LOGIN_FAILURE_LIMIT - 1):
        assert sign_in(client, "pracownik", "literówka").status_code == 200
