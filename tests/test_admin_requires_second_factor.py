"""Every admin user, coordinators included, confirms a second factor in each session: without an
authenticator app they are sent to set one up (a QR code drawn by the site, and a one-time
set-up code: test_authenticator_needs_an_issued_code.py), with one they type its code (or a
one-time backup code) before any admin page opens. Public pages stay open (as to anyone not
signed in: test_half_signed_in_user_is_anonymous.py)."""

import io
import subprocess
import sys

import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from mops_site.admin_security import devices, set_up_codes

from .admin_helpers import make_coordinator, make_superuser
from .factories import TeamFactory
from .security_factories import site_home
from .test_production_check_deploy import PROJECT, production_environment

SET_UP_URL = "/admin/two-factor/set-up/"
VERIFY_URL = "/admin/two-factor/verify/"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def second_factor_required():
    with override_settings(ADMIN_REQUIRE_TWO_FACTOR=True):
        yield


def current_code(device):
    """What the authenticator app shows now."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def another_code(device):
    return f"{(int(current_code(device)) + 1) % 1_000_000:06d}"


def signed_in(client, user):
    client.force_login(user)
    return client


def with_authenticator(user):
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    codes = devices.replace_backup_codes(user)
    return device, codes


def test_an_admin_without_a_second_factor_cannot_reach_the_dashboard(client):
    signed_in(client, make_superuser())

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == f"{SET_UP_URL}?next=%2Fadmin%2F"


def test_no_admin_page_opens_before_the_second_step(client):
    signed_in(client, make_superuser())
    for url in ["/admin/pages/", "/admin/users/", "/admin/documents/", "/admin/account/"]:
        assert client.get(url)["Location"].startswith(SET_UP_URL), url
    assert client.post("/admin/pages/add/", {})["Location"].startswith(SET_UP_URL)


def test_a_coordinator_is_sent_to_set_up_the_app_too(client):
    coordinator = make_coordinator(TeamFactory())
    signed_in(client, coordinator)

    assert client.get("/admin/applications/")["Location"].startswith(SET_UP_URL)


def test_the_set_up_page_shows_a_qr_code_drawn_by_the_site(client):
    user = make_superuser()
    signed_in(client, user)

    page = client.get(SET_UP_URL).content.decode()

    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert 'src="data:image/svg+xml' in page, "drawn here, not fetched from a QR service"
    assert devices.secret_for_typing(device) in page, "the key to type when scanning fails"
    assert "<script" not in page.split('id="main"')[1], "no inline script (CSP)"


def test_setting_up_the_app_with_its_code_opens_the_dashboard(client):
    user = make_superuser()
    set_up_code = set_up_codes.issue(user)
    signed_in(client, user)
    client.get(SET_UP_URL + "?next=/admin/pages/")
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    response = client.post(
        SET_UP_URL,
        {"set_up_code": set_up_code, "code": current_code(device), "next": "/admin/pages/"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/two-factor/backup-codes/?next=%2Fadmin%2Fpages%2F"
    codes_page = client.get(response["Location"]).content.decode()
    codes = devices.backup_codes(user)
    assert len(codes) == 10
    assert all(code in codes_page for code in codes)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/pages/").status_code == 200


def test_a_wrong_code_does_not_set_up_the_app(client):
    user = make_superuser()
    set_up_code = set_up_codes.issue(user)
    signed_in(client, user)
    client.get(SET_UP_URL)
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    response = client.post(SET_UP_URL, {"set_up_code": set_up_code, "code": another_code(device)})

    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get("/admin/")["Location"].startswith(SET_UP_URL)


def test_reloading_the_set_up_page_keeps_the_secret_already_scanned(client):
    user = make_superuser()
    signed_in(client, user)
    client.get(SET_UP_URL)
    first = TOTPDevice.objects.get(user=user, confirmed=False).key
    client.get(SET_UP_URL)

    assert TOTPDevice.objects.get(user=user, confirmed=False).key == first


def test_each_new_session_asks_for_the_code(client):
    user = make_superuser()
    device, _codes = with_authenticator(user)
    signed_in(client, user)

    response = client.get("/admin/pages/")
    assert response["Location"] == f"{VERIFY_URL}?next=%2Fadmin%2Fpages%2F"
    assert client.get(SET_UP_URL)["Location"].startswith(VERIFY_URL), "no second app without it"

    response = client.post(VERIFY_URL, {"code": current_code(device), "next": "/admin/pages/"})

    assert response["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_is_refused(client):
    user = make_superuser()
    device, _codes = with_authenticator(user)
    signed_in(client, user)

    response = client.post(VERIFY_URL, {"code": another_code(device)})

    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert client.get("/admin/")["Location"].startswith(VERIFY_URL)


def test_guessing_is_slowed_down(client):
    user = make_superuser()
    device, _codes = with_authenticator(user)
    signed_in(client, user)
    # Frozen clock: the second try comes well within the second django-otp makes it wait.
    with time_machine.travel(timezone.now(), tick=False):
        client.post(VERIFY_URL, {"code": another_code(device)})
        response = client.post(VERIFY_URL, {"code": current_code(device)})

    assert response.status_code == 200, "even the right code waits after a wrong one"
    assert response.context["form"].errors.as_data()["code"][0].code == "throttled"


def test_a_backup_code_works_once(client):
    user = make_superuser()
    _device, codes = with_authenticator(user)
    signed_in(client, user)

    response = client.post(VERIFY_URL, {"code": codes[0].upper()})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert codes[0] not in devices.backup_codes(user)

    client.logout()
    signed_in(client, user)
    assert client.post(VERIFY_URL, {"code": codes[0]}).status_code == 200, "refused again"


def test_the_next_address_cannot_lead_off_the_site(client):
    user = make_superuser()
    device, _codes = with_authenticator(user)
    signed_in(client, user)

    response = client.post(
        VERIFY_URL, {"code": current_code(device), "next": "https://evil.example.com/"}
    )

    assert response["Location"] == "/admin/"


def test_public_pages_stay_open_before_the_second_step(client):
    home = site_home()
    signed_in(client, make_superuser())
    assert client.get(home.url).status_code == 200


def test_the_setting_is_read_on_every_request(client):
    signed_in(client, make_superuser())
    assert client.get("/admin/").status_code == 302
    with override_settings(ADMIN_REQUIRE_TWO_FACTOR=False):
        assert client.get("/admin/").status_code == 200
    assert client.get("/admin/").status_code == 302


def test_losing_the_phone_an_administrator_resets_it(client):
    user = make_superuser()
    device, _codes = with_authenticator(user)
    signed_in(client, user)
    client.post(VERIFY_URL, {"code": current_code(device)})
    assert client.get("/admin/").status_code == 200

    call_command("reset_two_factor", user.get_username(), stdout=io.StringIO())

    assert client.get("/admin/")["Location"].startswith(SET_UP_URL), "even in this session"


def test_production_requires_it_whatever_the_environment_says():
    environment = {**production_environment(), "ADMIN_REQUIRE_TWO_FACTOR": "false"}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.ADMIN_REQUIRE_TWO_FACTOR)",
        ],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "True"
