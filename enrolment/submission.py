"""Storing an application: routed to the edition's team, in one transaction, before any e-mail.

Each application is stored once per rendered form: a second POST with the same one-time token
(a double click, a resend after a network error) returns the application the first one stored.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import get_language
from wagtail.models import Locale

from home.email_addresses import normalised_email_address
from programmes.models import Edition

from .default_language import in_default_language
from .models.applications import Application, ApplicationStatus
from .models.notifications import Notification, NotificationKind
from .references import new_reference
from .source_language_choices import in_source_language
from .tasks import queue_delivery

logger = logging.getLogger(__name__)

REFERENCE_ATTEMPTS = 5


def sent_with(token):
    """The application stored from the form that carried `token`, if any."""
    if not token:
        return None
    return Application.objects.filter(submission_token=token).first()


def lock_edition(edition_id):
    """The edition, locked until the transaction ends, so that two changes cannot both take
    its last place. Call inside `transaction.atomic()`."""
    return (Edition.objects.select_for_update().select_related("team", "responsible_person")).get(
        pk=edition_id
    )


def places_taken(edition, excluding=None):
    applications = Application.objects.filter(edition=edition).taking_a_place()
    if excluding is not None:
        applications = applications.exclude(pk=excluding.pk)
    return applications.count()


def stored_answers(page, source_page, form):
    """The answers as stored: choices as the source form's, the applicant's own beside them."""
    return in_source_language(form.answers(), page.get_form_fields(), source_page.get_form_fields())


def submit_application(page, form):
    edition = in_default_language(form.system_value("edition"))
    source_page = in_default_language(page)
    with transaction.atomic():
        edition = lock_edition(edition.pk)
        earlier = sent_with(form.submission_token)
        if earlier:
            return earlier
        try:
            # A savepoint: when the same form is sent twice at once, the slower one meets the
            # unique token here and returns the faster one's application instead of failing.
            with transaction.atomic():
                application = Application.objects.create(
                    reference=_unused_reference(),
                    page=source_page,
                    form_data=stored_answers(page, source_page, form),
                    programme_id=edition.programme_id,
                    edition=edition,
                    edition_number=edition.number,
                    team_id=edition.team_id,
                    status=(
                        ApplicationStatus.WAITING_LIST
                        if places_taken(edition) >= edition.places
                        else ApplicationStatus.NEW
                    ),
                    language=get_language() or Locale.get_default().language_code,
                    spam_check_skipped=form.spam_check_skipped,
                    submission_token=form.submission_token,
                )
        except IntegrityError:
            earlier = sent_with(form.submission_token)
            if earlier is None:
                raise
            return earlier
        notifications = [
            Notification.objects.create(
                application=application,
                kind=NotificationKind.TEAM,
                recipients=_team_recipients(edition),
            )
        ]
        if form.system_value("email_confirmation") and form.system_value("email"):
            notifications.append(
                Notification.objects.create(
                    application=application, kind=NotificationKind.APPLICANT
                )
            )
        # In the same transaction: the application and the tasks that deliver its
        # notifications are stored together or not at all.
        for notification in notifications:
            queue_delivery(notification)
    return application


def _team_recipients(edition):
    """The person's and the team's addresses, each once, in one spelling; an address stored
    before addresses were validated, and still invalid, is left out rather than stored."""
    recipients = []
    for address in [edition.responsible_person.email, edition.team.email]:
        try:
            address = normalised_email_address(address)
        except ValidationError:
            logger.warning("Edition %s: an invalid team address was left out.", edition.pk)
            continue
        if address and address not in recipients:
            recipients.append(address)
    return recipients


def _unused_reference():
    for _attempt in range(REFERENCE_ATTEMPTS):
        reference = new_reference()
        if not Application.objects.filter(reference=reference).exists():
            return reference
    raise RuntimeError("Could not find a free reference number.")
