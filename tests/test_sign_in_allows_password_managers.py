"""Signing in to the admin asks for nothing that must be remembered or transcribed by hand
(WCAG 3.3.8): a password manager recognises the username and password fields, the phone offers
the authenticator's code, and whatever is pasted from the clipboard lands in each field, on the
password step and on the second step alike. No puzzle or CAPTCHA stands in the way."""

from types import SimpleNamespace

import pytest
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from mops_site.admin_security import devices

from .admin_helpers import make_superuser

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

PASSWORD = "Długie hasło z menedżera haseł 42!"


@pytest.fixture
def window(chromium):
    """A window whose pages may write to and read from the clipboard, as a person's may."""
    context = chromium.new_context(
        viewport={"width": 1280, "height": 900},
        locale="pl-PL",
        permissions=["clipboard-read", "clipboard-write"],
    )
    yield context.new_page()
    context.close()


def administrator(authenticator=False):
    user = make_superuser()
    user.set_password(PASSWORD)
    user.save()
    device = None
    if authenticator:
        device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return user, device


@pytest.fixture(scope="module")
def accounts(demo_server, django_db_blocker):
    """The administrators who sign in, stored before any test's transaction begins, so that the
    live server sees them on any database (demo_server puts the database back after the
    module)."""
    with django_db_blocker.unblock():
        with_app, app = administrator(authenticator=True)
        devices.replace_backup_codes(with_app)
        with_backup_codes, _device = administrator(authenticator=True)
        backup_code = devices.replace_backup_codes(with_backup_codes)[0]
        newcomer, _device = administrator()
    return SimpleNamespace(
        with_app=with_app,
        app=app,
        with_backup_codes=with_backup_codes,
        backup_code=backup_code,
        newcomer=newcomer,
    )


@pytest.fixture(autouse=True)
def second_factor_required():
    with override_settings(ADMIN_REQUIRE_TWO_FACTOR=True):
        yield


def paste(page, selector, text):
    """Copy `text` to the clipboard, then paste it into the field with the keyboard."""
    page.evaluate("text => navigator.clipboard.writeText(text)", text)
    page.focus(selector)
    page.keyboard.press("Control+V")
    return page.input_value(selector)


def attributes(page, selector, *names):
    return {name: page.get_attribute(selector, name) for name in names}


def no_puzzle_on(page):
    html = page.content().lower()
    return "recaptcha" not in html and "captcha" not in html


def sign_in_with_pasted_password(page, server, username):
    page.goto(server.url + "/admin/login/")
    assert attributes(page, "input[name=username]", "autocomplete") == {"autocomplete": "username"}
    assert attributes(page, "input[name=password]", "type", "autocomplete") == {
        "type": "password",
        "autocomplete": "current-password",
    }
    assert no_puzzle_on(page)
    assert paste(page, "input[name=username]", username) == username
    assert paste(page, "input[name=password]", PASSWORD) == PASSWORD
    with page.expect_navigation():
        page.click("button[type=submit]")


def test_the_password_and_the_authenticators_code_can_be_pasted(demo_server, accounts, window):
    device = accounts.app
    sign_in_with_pasted_password(window, demo_server, accounts.with_app.username)

    assert "/admin/two-factor/verify/" in window.url
    code = "input[name=code]"
    assert attributes(window, code, "autocomplete", "inputmode") == {
        "autocomplete": "one-time-code",
        "inputmode": "numeric",
    }
    assert no_puzzle_on(window)
    app_code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    assert paste(window, code, app_code) == app_code
    with window.expect_navigation():
        window.click("form button[type=submit]")
    assert window.url.rstrip("/").endswith("/admin")


def test_a_backup_code_is_typed_on_a_keyboard_with_letters(demo_server, accounts, window):
    backup_code = accounts.backup_code
    sign_in_with_pasted_password(window, demo_server, accounts.with_backup_codes.username)
    with window.expect_navigation():
        window.click("a[href*='backup-code']")

    code = "input[name=code]"
    # No digit pad: a backup code has letters.
    assert attributes(window, code, "autocomplete", "inputmode") == {
        "autocomplete": "one-time-code",
        "inputmode": None,
    }
    assert paste(window, code, backup_code) == backup_code
    with window.expect_navigation():
        window.click("form button[type=submit]")
    assert window.url.rstrip("/").endswith("/admin")


def test_the_set_up_codes_can_be_pasted_too(demo_server, accounts, window):
    sign_in_with_pasted_password(window, demo_server, accounts.newcomer.username)

    assert "/admin/two-factor/set-up/" in window.url
    assert attributes(window, "input[name=code]", "autocomplete", "inputmode") == {
        "autocomplete": "one-time-code",
        "inputmode": "numeric",
    }
    assert no_puzzle_on(window)
    assert paste(window, "input[name=set_up_code]", "ABCD2345EF") == "ABCD2345EF"
    assert paste(window, "input[name=code]", "123456") == "123456"
