"""One-time codes that let a user set up their first authenticator.

A password alone must not be enough to add an authenticator: whoever learns a new coordinator's
password would otherwise register their own phone at the first sign-in. The code comes from an
administrator (`manage.py issue_two_factor_code USER`, given in person or by phone) or is sent
to the user's own e-mail address, which proves they read that mailbox. Codes are stored hashed,
work once, expire, and are void after a few wrong tries.
"""

import secrets
from datetime import timedelta

from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import SetUpCode

# Crockford's base32: no I, L, O or U, so a code read out on the phone is not mistaken.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10  # 50 bits
WRONG_TRIES_ALLOWED = 5
ISSUED_CODE_LIFETIME = timedelta(hours=72)
EMAILED_CODE_LIFETIME = timedelta(minutes=30)
# A sign-in page reloaded or clicked twice does not fill the mailbox.
EMAIL_INTERVAL = timedelta(minutes=1)


def normalise(code):
    """People type codes in lower case, with the dash or spaces."""
    return "".join(character for character in (code or "").upper() if character.isalnum())


def for_reading(code):
    return f"{code[:5]}-{code[5:]}"


def issue(user, *, lifetime=ISSUED_CODE_LIFETIME, sent_by_email=False):
    """A new code for the user, replacing any earlier one; returned once, as people read it."""
    code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    SetUpCode.objects.update_or_create(
        user=user,
        defaults={
            "code_hash": make_password(code),
            "created_at": timezone.now(),
            "expires_at": timezone.now() + lifetime,
            "wrong_tries": 0,
            "sent_by_email": sent_by_email,
        },
    )
    return for_reading(code)


def recently_emailed(user):
    return SetUpCode.objects.filter(
        user=user, sent_by_email=True, created_at__gt=timezone.now() - EMAIL_INTERVAL
    ).exists()


def is_valid(user, code):
    """Whether the code is the user's current one. A wrong try is counted; the last one allowed
    voids the code, so guessing it is hopeless."""
    stored = SetUpCode.objects.filter(user=user, expires_at__gt=timezone.now()).first()
    if stored is None:
        return False
    if check_password(normalise(code), stored.code_hash):
        return True
    SetUpCode.objects.filter(pk=stored.pk).update(wrong_tries=F("wrong_tries") + 1)
    SetUpCode.objects.filter(pk=stored.pk, wrong_tries__gte=WRONG_TRIES_ALLOWED).delete()
    return False


@transaction.atomic
def use(user, code):
    """Checks the code and spends it; False if it is not valid or was spent by a request sent at
    the same moment."""
    if not is_valid(user, code):
        return False
    deleted, _details = SetUpCode.objects.filter(user=user).delete()
    return deleted > 0


def discard(user):
    SetUpCode.objects.filter(user=user).delete()
