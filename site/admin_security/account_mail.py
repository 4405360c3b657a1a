"""E-mails to an admin user about their own sign-in: the set-up code they asked for, and a note
each time an authenticator or backup codes are added to or removed from their account, so that
a change they did not make is noticed. The notes carry no code and no secret."""

import logging
from enum import StrEnum
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

logger = logging.getLogger(__name__)


class Change(StrEnum):
    AUTHENTICATOR_ADDED = "authenticator_added"
    BACKUP_CODES_MADE = "backup_codes_made"
    SECOND_FACTORS_REMOVED = "second_factors_removed"


def send_set_up_code(user, code):
    """True if the mail server took the message."""
    return _send(user, "two_factor/email/set_up_code", {"code": code})


def tell_about_change(user, change):
    """Sent once the change is saved; a change rolled back is not announced."""
    transaction.on_commit(
        lambda: _send(user, "two_factor/email/second_factor_changed", {"change": change})
    )


def _send(user, template, context):
    if not user.email:
        logger.warning("User %s has no e-mail address; %s was not sent.", user.pk, template)
        return False
    language = UserProfile.get_for_user(user).get_preferred_language()
    with translation.override(language):
        context = {
            **context,
            "user": user,
            "site_name": settings.WAGTAIL_SITE_NAME,
            "admin_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/admin/",
            "when": timezone.localtime(),
            "support_email": settings.ADMIN_SUPPORT_EMAIL,
        }
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    message = EmailMessage(
        subject=settings.EMAIL_SUBJECT_PREFIX + " ".join(subject.split()),
        body=body,
        to=[user.email],
    )
    try:
        message.send()
    except (SMTPException, OSError) as error:
        logger.warning("The %s e-mail to user %s was not sent: %s", template, user.pk, error)
        return False
    return True
