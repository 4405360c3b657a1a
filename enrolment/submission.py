"""Storing an application: routed to the edition's team, in one transaction, before any e-mail.

Applications sent through the website and those a coordinator records (taken by phone or in
person) are stored by one function, `store_application`: the same places and waiting list,
reference and notifications.

Each application is stored once per rendered form: a second POST with the same one-time token
(a double click, a resend after a network error) returns the application the first one stored.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils.translation import get_language
from wagtail.models import Locale

from home.email_addresses import normalised_email_address
from programmes.models import Edition

from .default_language import in_default_language
from .models.applications import (
    STATUSES_TAKING_A_PLACE,
    Application,
    ApplicationChannel,
    ApplicationStatus,
)
from .models.notifications import Notification, NotificationKind
from .places_left import purge_if_fullness_changed
from .references import new_reference
from .source_language_choices import in_source_language
from .tasks import store_with_deliveries

logger = logging.getLogger(__name__)

# A reference has 40 random bits: drawing one already given is a chance in many millions, and
# five in a row never happens unless something else is wrong.
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
    fields = page.questions
    # A Polish form is its own source: its questions are read once.
    source_fields = fields if source_page.pk == page.pk else source_page.questions
    return in_source_language(form.answers(), fields, source_fields)


def note_stored(request, application):
    """Remember that this request stored `application` (committed): should its answer fail
    after that (the database gone before the session with the confirmation is saved), the error
    page says that the application was received, not that it was not sent."""
    request.enrolment_application_stored = application


def application_stored_by(request):
    """The application this request stored, if it got that far; else None."""
    return getattr(request, "enrolment_application_stored", None)


def submit_application(page, form):
    """An application sent through the website's form `form` on `page` (any language)."""
    source_page = in_default_language(page)
    application, _created = store_application(
        edition=in_default_language(form.system_value("edition")),
        page=source_page,
        form_data=stored_answers(page, source_page, form),
        language=get_language() or Locale.get_default().language_code,
        confirm_to_applicant=wants_confirmation(form),
        submission_token=form.submission_token,
        spam_check_skipped=form.spam_check_skipped,
    )
    return application


def wants_confirmation(form):
    return bool(form.system_value("email_confirmation") and form.system_value("email"))


def store_application(
    *,
    edition,
    page,
    form_data,
    language,
    confirm_to_applicant=False,
    submission_token=None,
    spam_check_skipped=False,
    channel=ApplicationChannel.ONLINE,
    recorded_by=None,
    oral_consent_at=None,
):
    """Store an application for `edition` (default-language) in one transaction: the edition
    locked while its places are counted, a place or the waiting list, a reference, and the
    notifications with the tasks that deliver them.

    Whatever the channel, every application goes through here. Returns (application, created):
    a `submission_token` already stored returns that application, with created False.

    The transaction takes five statements (tests/test_storing_an_application_takes_few_statements
    .py): the edition's lock, the places taken and the token looked for in one query, then one
    INSERT each for the application, its notifications and their tasks. The unique constraints
    settle what a race or chance leaves: the same form sent twice at once (the slower one finds
    the faster one's application) and a reference drawn twice (drawn again). Either undoes the
    whole transaction, so nothing half-stored remains and no savepoint is needed.
    """
    for _attempt in range(REFERENCE_ATTEMPTS):
        reference = new_reference()
        try:
            with transaction.atomic():
                return _store_locked(
                    reference=reference,
                    edition_id=edition.pk,
                    submission_token=submission_token,
                    confirm_to_applicant=confirm_to_applicant,
                    application_fields={
                        "page": page,
                        "form_data": form_data,
                        "language": language,
                        "spam_check_skipped": spam_check_skipped,
                        "channel": channel,
                        "recorded_by": recorded_by,
                        "oral_consent_at": oral_consent_at,
                    },
                )
        except IntegrityError:
            earlier = sent_with(submission_token)
            if earlier is not None:
                return earlier, False
            if not Application.objects.filter(reference=reference).exists():
                raise
            logger.info("A reference number was drawn twice; drawing another.")
    raise RuntimeError("Could not find a free reference number.")


def _store_locked(
    *, reference, edition_id, submission_token, confirm_to_applicant, application_fields
):
    edition = lock_edition(edition_id)
    taken, sent_before = places_taken_and_sent_before(edition, submission_token)
    if sent_before and (earlier := sent_with(submission_token)):
        return earlier, False
    application = Application.objects.create(
        reference=reference,
        programme_id=edition.programme_id,
        edition=edition,
        edition_number=edition.number,
        team_id=edition.team_id,
        status=(
            ApplicationStatus.WAITING_LIST if taken >= edition.places else ApplicationStatus.NEW
        ),
        submission_token=submission_token,
        **application_fields,
    )
    notifications = [
        Notification(
            application=application,
            kind=NotificationKind.TEAM,
            recipients=team_recipients(edition),
        )
    ]
    if confirm_to_applicant:
        notifications.append(Notification(application=application, kind=NotificationKind.APPLICANT))
    # In the same transaction: the application and the tasks that deliver its notifications are
    # stored together or not at all.
    store_with_deliveries(notifications)
    if application.status == ApplicationStatus.NEW:
        # The last place taken: the programme page says so at once (no statement here).
        purge_if_fullness_changed(edition, taken, taken + 1)
    return application, True


def places_taken_and_sent_before(edition, token):
    """The edition's places taken, and whether the form that carried `token` was stored
    already: one query. Call it after `lock_edition`, never fold the count into the locking
    query: PostgreSQL reads that query's rows as they were before it waited for the lock, and
    would miss the place taken by the transaction it waited for."""
    if not token:
        return places_taken(edition), False
    # Only the rows either count reads (the edition's places held, the token's application):
    # never the edition's waiting list.
    taking = Q(edition=edition, status__in=STATUSES_TAKING_A_PLACE)
    sent = Q(submission_token=token)
    found = Application.objects.filter(taking | sent).aggregate(
        taken=Count("pk", filter=taking), sent_before=Count("pk", filter=sent)
    )
    return found["taken"], found["sent_before"] > 0


def team_recipients(edition, application=None):
    """The person's and the team's addresses, each once, in one spelling; an address stored
    before addresses were validated, and still invalid, is left out rather than stored.

    About an `application` of a team that no longer runs the edition (an editor handed the
    edition to another team after it was sent), only that team's own address: its coordinators
    handle it, and the edition's new people cannot even open it.
    """
    addresses = [edition.responsible_person.email, edition.team.email]
    if application is not None and application.team_id != edition.team_id:
        addresses = [application.team.email]
    recipients = []
    for address in addresses:
        try:
            address = normalised_email_address(address)
        except ValidationError:
            logger.warning("Edition %s: an invalid team address was left out.", edition.pk)
            continue
        if address and address not in recipients:
            recipients.append(address)
    return recipients
