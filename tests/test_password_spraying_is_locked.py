"""One password tried on many accounts from one address (password spraying) is stopped: after
ADMIN_LOGIN_ADDRESS_FAILURE_LIMIT wrong passwords from one client, whatever the accounts,
signing in from there is paused, even with a right password. The limit is higher than the one
for a single account, for an office behind one address; other addresses are not affected."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import override_settings

from .test_admin_login_is_rate_limited import LOGIN_URL, is_paused, is_signed_in

PASSWORD = "Correct-Horse-Battery-Staple-7"
SPRAYED = "Wiosna2026!"
ATTACKER = "198.51.100.66"
OFFICE = "203.0.113.25"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def accounts():
    User = get_user_model()
    return [
        User.objects.create_user(f"pracownik{number}", password=PASSWORD) for number in range(30)
    ]


def sign_in(client, username, password, address):
    return client.post(
        LOGIN_URL,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def spray(client, accounts, address):
    """The same wrong password once on each account, as an attacker would."""
    return [sign_in(client, user.username, SPRAYED, address) for user in accounts]


def test_the_address_limit_is_higher_than_the_account_limit():
    assert settings.ADMIN_LOGIN_FAILURE_LIMIT == 5
    assert settings.ADMIN_LOGIN_ADDRESS_FAILURE_LIMIT == 20, "the default"


def test_one_password_on_every_account_from_one_address_is_paused(client, accounts):
    limit = settings.ADMIN_LOGIN_ADDRESS_FAILURE_LIMIT
    responses = spray(client, accounts[:limit], ATTACKER)

    assert all(response.status_code == 200 for response in responses[:-1]), "not yet"
    assert is_paused(responses[-1])
    assert is_paused(sign_in(client, accounts[limit].username, SPRAYED, ATTACKER))
    assert is_paused(sign_in(client, accounts[limit].username, PASSWORD, ATTACKER)), "any account"


def test_the_attack_does_not_pause_other_addresses(client, accounts):
    spray(client, accounts, ATTACKER)

    assert is_signed_in(sign_in(client, accounts[0].username, PASSWORD, OFFICE))


@override_settings(ADMIN_LOGIN_ADDRESS_FAILURE_LIMIT=8)
def test_the_address_limit_is_configurable(client, accounts):
    responses = spray(client, accounts[:8], ATTACKER)

    assert responses[6].status_code == 200
    assert is_paused(responses[7])


def test_colleagues_behind_one_address_each_mistyping_a_few_times_are_not_paused(client, accounts):
    limit = settings.ADMIN_LOGIN_FAILURE_LIMIT
    for user in accounts[:4]:
        for _ in range(limit - 1):
            assert sign_in(client, user.username, "literówka", OFFICE).status_code == 200

    assert is_signed_in(sign_in(client, accounts[0].username, PASSWORD, OFFICE))


def test_one_account_is_still_paused_after_its_own_limit(client, accounts):
    limit = settings.ADMIN_LOGIN_FAILURE_LIMIT
    responses = [sign_in(client, accounts[0].username, "wrong", OFFICE) for _ in range(limit)]

    assert responses[-2].status_code == 200
    assert is_paused(responses[-1])
    assert is_signed_in(sign_in(client, accounts[1].username, PASSWORD, OFFICE)), (
        "a colleague behind the same address still signs in"
    )
