"""The e-mails themselves. None of them carries what the applicant wrote."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models.notifications import NotificationKind

TEAM_TEMPLATES = {
    NotificationKind.TEAM: "enrolment/email/team_notification",
    NotificationKind.PLACE_OFFERED: "enrolment/email/place_offered",
}


def admin_url(application):
    path = reverse("enrolment_application:inspect", args=[application.pk])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def build_message(notification):
    """The message to send, or None when there is nobody to send it to."""
    application = notification.application
    if notification.is_to_the_team:
        recipients, language, template = (
            notification.recipients,
            settings.LANGUAGE_CODE,
            TEAM_TEMPLATES[notification.kind],
        )
    else:
        address = "" if application.is_anonymised else application.form_data.get("email", "")
        recipients, language, template = (
            [address] if address else [],
            application.language,
            "enrolment/email/applicant_confirmation",
        )
    if not recipients:
        return None
    with translation.override(language):
        context = {
            "application": application,
            "programme_title": application.programme.title if application.programme else "",
            "admin_url": admin_url(application),
        }
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    return EmailMessage(
        subject=settings.EMAIL_SUBJECT_PREFIX + " ".join(subject.split()),
        body=body,
        to=recipients,
    )
