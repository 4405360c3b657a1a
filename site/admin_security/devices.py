"""An admin user's second factors: one authenticator app (TOTP, django-otp's TOTPDevice) and a
set of one-time backup codes (a StaticDevice), for the day the phone is lost. The user is told
by e-mail whenever they are added or removed (account_mail)."""

import re
from base64 import b32encode

import segno
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django_otp import devices_for_user, user_has_device, verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import account_mail

BACKUP_CODE_COUNT = 10
BACKUP_DEVICE_NAME = "backup codes"
AUTHENTICATOR_NAME = "authenticator app"
# The authenticator this session is setting up (pending_authenticator).
PENDING_SESSION_KEY = "two-factor-pending-authenticator"
_APP_CODE = re.compile(r"^\d{6}$")


class TooManyAttempts(Exception):
    """django-otp's throttling: after each wrong code the next one is refused for twice as long
    (1 s, 2 s, 4 s, …), which makes guessing a six-digit code hopeless."""


def has_second_factor(user):
    return user_has_device(user, confirmed=True)


def pending_authenticator(request):
    """The authenticator being set up in this session: its secret stays in the database,
    unconfirmed (so never accepted at sign-in) until the user has typed a code it produced.
    Reloading the page keeps the same secret, so a code scanned earlier still works.

    Each session gets a secret of its own: one that a thief with the password saw in another
    session is never the one the owner confirms (confirming deletes every other pending one)."""
    user = request.user
    pending = TOTPDevice.objects.devices_for_user(user, confirmed=False)
    device = pending.filter(pk=request.session.get(PENDING_SESSION_KEY)).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
        request.session[PENDING_SESSION_KEY] = device.pk
    return device


@receiver(user_logged_in, dispatch_uid="admin_security_forget_pending_authenticator")
def forget_pending_authenticator(sender, request, user, **kwargs):
    """A sign-in starts any set-up afresh: Django keeps the session's data when the same user
    signs in again, and a secret shown in this browser before (to whoever signed in with the
    same password) must not be the one the person signing in now scans."""
    if request is None or not hasattr(request, "session"):
        return
    device_id = request.session.pop(PENDING_SESSION_KEY, None)
    if device_id is not None:
        TOTPDevice.objects.filter(pk=device_id, confirmed=False).delete()


@transaction.atomic
def confirm_authenticator(device):
    """The authenticator now counts, with a first set of backup codes, which are returned."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.devices_for_user(device.user, confirmed=False).delete()
    codes = _make_backup_codes(device.user)
    account_mail.tell_about_change(device.user, account_mail.Change.AUTHENTICATOR_ADDED)
    return codes


def secret_for_typing(device):
    """The secret as authenticator apps take it when typed in: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[start : start + 4] for start in range(0, len(secret), 4))


def qr_code_data_uri(device):
    """The otpauth:// address as a QR code, drawn here as SVG: the secret is never sent to an
    outside service, and a data: image needs no extra request (the CSP allows data: images)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=4)


@transaction.atomic
def replace_backup_codes(user):
    """New backup codes for the user; the previous ones stop working."""
    codes = _make_backup_codes(user)
    account_mail.tell_about_change(user, account_mail.Change.BACKUP_CODES_MADE)
    return codes


def _make_backup_codes(user):
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def backup_codes(user):
    return list(
        StaticToken.objects.filter(
            device__user=user, device__name=BACKUP_DEVICE_NAME, device__confirmed=True
        ).values_list("token", flat=True)
    )


def normalise_code(code):
    """People copy codes with spaces or dashes, and type backup codes in capitals."""
    return re.sub(r"[\s-]", "", code or "").lower()


def verify_code(user, code):
    """The device that accepts this code (each code once: a TOTP code is not accepted again, a
    backup code is deleted), or None. Six digits are checked against the authenticator only and
    anything else against the backup codes only, so a typo does not slow down both."""
    code = normalise_code(code)
    kind = TOTPDevice if _APP_CODE.match(code) else StaticDevice
    throttled = False
    for device in devices_for_user(user, confirmed=True):
        if not isinstance(device, kind):
            continue
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            throttled = True
            continue
        verified = verify_token(user, device.persistent_id, code)
        if verified is not None:
            return verified
    if throttled:
        raise TooManyAttempts
    return None


def remove_second_factors(user):
    """Forget the user's authenticator and backup codes (a lost phone): they set up a new one
    at their next sign-in. Returns how many devices were removed."""
    removed = 0
    for device in devices_for_user(user, confirmed=None):
        device.delete()
        removed += 1
    if removed:
        account_mail.tell_about_change(user, account_mail.Change.SECOND_FACTORS_REMOVED)
    return removed
