"""A stolen password is not enough to add the thief's phone: setting up a first authenticator
needs a one-time set-up code, issued by an administrator (`issue_two_factor_code`) or sent to
the user's own e-mail address. It works once, expires, is stored only as a hash and is void
after a few wrong tries. The secret a session is shown is its own: a thief with the password
never sees the one the owner confirms. The user is told by e-mail, without any code or secret,
whenever an authenticator or backup codes are added or removed."""

import io
import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from mops_site.admin_security import devices
from mops_site.admin_security.forms import SET_UP_CODE_REFUSED
from mops_site.admin_security.models import SetUpCode

from .admin_helpers import make_user
from .test_admin_requires_second_factor import SET_UP_URL, VERIFY_URL, current_code

pytestmark = pytest.mark.django_db

SEND_CODE_URL = "/admin/two-factor/set-up/send-code/"
BACKUP_CODES_URL = "/admin/two-factor/backup-codes/"
ADDRESS = "nowa.koordynatorka@example.org"


@pytest.fixture(autouse=True)
def second_factor_required():
    with override_settings(ADMIN_REQUIRE_TWO_FACTOR=True):
        yield


@pytest.fixture
def newcomer():
    """A new coordinator at the first sign-in: a password, no authenticator yet."""
    return make_user(is_superuser=True, email=ADDRESS)


@pytest.fixture
def signed_in(client, newcomer):
    client.force_login(newcomer)
    client.get(SET_UP_URL)
    return client


def issued_code(user):
    output = io.StringIO()
    call_command("issue_two_factor_code", user.get_username(), stdout=output)
    return re.search(r"[0-9A-Z]{5}-[0-9A-Z]{5}", output.getvalue()).group()


def set_up(client, user, set_up_code):
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    return client.post(SET_UP_URL, {"set_up_code": set_up_code, "code": current_code(device)})


def is_set_up(response):
    return response.status_code == 302 and response["Location"].startswith(BACKUP_CODES_URL)


def refused_for_the_set_up_code(response):
    return response.status_code == 200 and response.context["form"].errors["set_up_code"] == [
        str(SET_UP_CODE_REFUSED)
    ]


def test_without_a_set_up_code_the_app_is_not_added(signed_in, newcomer):
    response = set_up(signed_in, newcomer, "")

    assert response.status_code == 200
    assert response.context["form"].errors["set_up_code"]
    assert not devices.has_second_factor(newcomer)
    assert signed_in.get("/admin/")["Location"].startswith(SET_UP_URL)


def test_a_made_up_set_up_code_is_refused_with_a_clear_message(signed_in, newcomer):
    issued_code(newcomer)

    response = set_up(signed_in, newcomer, "ABCDE-FGHJK")

    assert refused_for_the_set_up_code(response)
    assert str(SET_UP_CODE_REFUSED) in response.content.decode()
    assert not devices.has_second_factor(newcomer)


def test_the_code_an_administrator_issues_adds_the_app(
    signed_in, newcomer, django_capture_on_commit_callbacks
):
    code = issued_code(newcomer)

    with django_capture_on_commit_callbacks(execute=True):
        response = set_up(signed_in, newcomer, code.lower().replace("-", " "))

    assert is_set_up(response)
    assert devices.has_second_factor(newcomer)
    assert signed_in.get("/admin/").status_code == 200


def test_the_code_is_stored_only_as_a_hash(newcomer):
    code = issued_code(newcomer)

    stored = SetUpCode.objects.get(user=newcomer)
    assert code.replace("-", "") not in stored.code_hash
    assert code not in stored.code_hash


def test_a_set_up_code_works_once(signed_in, newcomer):
    code = issued_code(newcomer)
    assert is_set_up(set_up(signed_in, newcomer, code))
    call_command("reset_two_factor", newcomer.get_username(), stdout=io.StringIO())
    signed_in.get(SET_UP_URL)

    assert refused_for_the_set_up_code(set_up(signed_in, newcomer, code))


def test_an_expired_set_up_code_is_refused(signed_in, newcomer):
    code = issued_code(newcomer)

    with time_machine.travel(timezone.now() + timedelta(hours=73)):
        signed_in.force_login(newcomer)  # the earlier session has ended, idle
        signed_in.get(SET_UP_URL)  # a new sign-in, a new secret to scan
        assert refused_for_the_set_up_code(set_up(signed_in, newcomer, code))


def test_guessing_the_set_up_code_voids_it(signed_in, newcomer):
    code = issued_code(newcomer)
    for guess in ["AAAAA-AAAAA", "BBBBB-BBBBB", "CCCCC-CCCCC", "DDDDD-DDDDD", "EEEEE-EEEEE"]:
        assert refused_for_the_set_up_code(set_up(signed_in, newcomer, guess))

    assert refused_for_the_set_up_code(set_up(signed_in, newcomer, code)), "even the right one"


def test_no_code_is_issued_for_an_account_that_has_an_app(newcomer):
    TOTPDevice.objects.create(user=newcomer, name="phone", confirmed=True)

    with pytest.raises(CommandError, match="reset_two_factor"):
        issued_code(newcomer)


def test_a_code_sent_to_the_users_own_address_adds_the_app(signed_in, newcomer):
    response = signed_in.post(SEND_CODE_URL, {"next": "/admin/"})

    assert response["Location"].startswith(SET_UP_URL)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [ADDRESS]
    code = re.search(r"[0-9A-Z]{5}-[0-9A-Z]{5}", message.body).group()
    assert is_set_up(set_up(signed_in, newcomer, code))


def test_asking_again_at_once_sends_no_second_code(signed_in):
    signed_in.post(SEND_CODE_URL)
    signed_in.post(SEND_CODE_URL)

    assert len(mail.outbox) == 1


def test_without_an_address_no_code_is_sent(client):
    user = make_user(is_superuser=True, email="")
    client.force_login(user)

    response = client.post(SEND_CODE_URL, follow=True)

    assert mail.outbox == []
    assert not SetUpCode.objects.filter(user=user).exists()
    assert list(response.context["messages"]), "the page says to ask an administrator"


def test_the_user_is_told_when_an_app_is_added_without_any_secret(
    signed_in, newcomer, django_capture_on_commit_callbacks
):
    code = issued_code(newcomer)
    device = TOTPDevice.objects.get(user=newcomer, confirmed=False)

    with django_capture_on_commit_callbacks(execute=True):
        set_up(signed_in, newcomer, code)

    assert [message.to for message in mail.outbox] == [[ADDRESS]]
    body = mail.outbox[0].subject + mail.outbox[0].body
    assert newcomer.get_username() in body
    secrets = [code, device.key, devices.secret_for_typing(device), *devices.backup_codes(newcomer)]
    assert not [secret for secret in secrets if secret in body]


def test_the_user_is_told_when_backup_codes_are_renewed(
    signed_in, newcomer, django_capture_on_commit_callbacks
):
    set_up(signed_in, newcomer, issued_code(newcomer))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        signed_in.post(BACKUP_CODES_URL)

    assert [message.to for message in mail.outbox] == [[ADDRESS]]
    assert not [code for code in devices.backup_codes(newcomer) if code in mail.outbox[0].body]


def test_the_user_is_told_when_an_administrator_removes_the_app(
    signed_in, newcomer, django_capture_on_commit_callbacks
):
    set_up(signed_in, newcomer, issued_code(newcomer))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("reset_two_factor", newcomer.get_username(), stdout=io.StringIO())

    assert [message.to for message in mail.outbox] == [[ADDRESS]]
    assert not devices.has_second_factor(newcomer)


def test_a_secret_a_password_thief_saw_is_never_the_one_the_owner_confirms(newcomer):
    # The thief signs in with the stolen password and looks at the set-up page, then leaves.
    thief = Client()
    thief.force_login(newcomer)
    thief_page = thief.get(SET_UP_URL).content.decode()
    seen_by_thief = TOTPDevice.objects.get(user=newcomer, confirmed=False)
    assert devices.secret_for_typing(seen_by_thief) in thief_page

    # The owner signs in later, scans the code her own page shows and sets the app up.
    owner = Client()
    owner.force_login(newcomer)
    owner_page = owner.get(SET_UP_URL).content.decode()
    owners = TOTPDevice.objects.filter(user=newcomer, confirmed=False).exclude(pk=seen_by_thief.pk)
    owners = owners.get()
    assert devices.secret_for_typing(seen_by_thief) not in owner_page
    answer = {"set_up_code": issued_code(newcomer), "code": current_code(owners)}
    assert owner.post(SET_UP_URL, answer).status_code == 302
    assert TOTPDevice.objects.get(user=newcomer).pk == owners.pk  # the thief's is gone

    # The thief comes back with the password and a code from the secret seen: refused.
    with time_machine.travel(timezone.now() + timedelta(minutes=2), tick=False):
        again = Client()
        again.force_login(newcomer)
        again.post(VERIFY_URL, {"code": current_code(seen_by_thief)})
        assert again.get("/admin/").status_code == 302  # still sent to the second step


def test_a_secret_shown_before_a_sign_in_in_the_same_browser_is_not_shown_after_it(newcomer):
    # The thief signs in on a shared computer and looks at the set-up page; the owner signs in
    # on the same browser later (Django keeps the session's data for the same user).
    browser = Client()
    browser.force_login(newcomer)
    browser.get(SET_UP_URL)
    seen_by_thief = TOTPDevice.objects.get(user=newcomer, confirmed=False)
    browser.force_login(newcomer)
    owner_page = browser.get(SET_UP_URL).content.decode()
    assert devices.secret_for_typing(seen_by_thief) not in owner_page
    assert not TOTPDevice.objects.filter(pk=seen_by_thief.pk).exists()
