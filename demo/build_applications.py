"""Stores the demo's applications (`applications`) with their notes and notifications.

Each application is found by its reference number. One stored already is left as it is, so that
a rebuild keeps what a coordinator did in a local demo (a status changed, a note added); only
who recorded a phone application is filled in once the team's local demo coordinator exists
(`create_local_admin` makes them after the first build). A missing one is stored again, never
twice. Nothing is deleted.

No e-mail is sent and no delivery task queued: the notifications are stored as delivered (mail
to example.org reaches nobody), except the one the data marks refused by the mail server, which
waits under "Notifications to send" for a coordinator to send it again.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Locale

from enrolment.field_names import question_key
from enrolment.models import (
    STATUSES_TAKING_A_PLACE,
    Application,
    ApplicationChannel,
    ApplicationNote,
    ApplicationStatus,
    EnrolmentFormPage,
    FailureReason,
    Notification,
    NotificationKind,
)
from enrolment.source_language_choices import AS_ANSWERED, choice_values
from enrolment.submission import team_recipients
from programmes.models import Edition, ProgrammePage

from . import applications as data
from .build_enrolment import FORM_SLUG
from .programme_rows import EXAMPLE_EDITION_TITLE
from .sync import CREATED, UNCHANGED, UPDATED

MULTIPLE_CHOICE_TYPES = {"checkboxes", "multiselect"}
# As `enrolment.delivery_errors.describe` words a permanent refusal of the recipients.
REFUSAL = "SMTPRecipientsRefused 550"
SENDING_TAKES = datetime.timedelta(minutes=1)


def build_applications(tally, now=None):
    """Store the demo's applications that are not stored yet; `now` is when the build runs."""
    now = (now or timezone.now()).replace(microsecond=0)
    references = [row.reference for edition in data.EDITIONS for row in edition.applications]
    stored = Application.objects.in_bulk(references, field_name="reference")
    for demo_edition in data.EDITIONS:
        _build_edition(demo_edition, stored, tally, now)


def local_coordinator(team):
    """The team's coordinator among the local demo users (`create_local_admin`), if made."""
    if team.coordinators_group_id is None:
        return None
    return (
        get_user_model()
        .objects.filter(username=f"coordinator{team.number}", groups=team.coordinators_group_id)
        .first()
    )


def _build_edition(demo_edition, stored, tally, now):
    edition = _edition(demo_edition)
    page = EnrolmentFormPage.objects.child_of(edition.programme).get(slug=FORM_SLUG)
    fields = list(page.get_form_fields())
    coordinator = local_coordinator(edition.team)
    rows = demo_edition.applications
    _check_places(demo_edition, edition)
    sent_times = _sent_times(edition, len(rows), now)
    taken = Application.objects.filter(edition=edition).taking_a_place().count()
    new = []
    for row, sent_at in zip(rows, sent_times, strict=True):
        existing = stored.get(row.reference)
        if existing is not None:
            _fill_recorded_by(existing, row, coordinator, tally)
            continue
        status = row.status
        if status in STATUSES_TAKING_A_PLACE:
            # Stored again after a coordinator's changes filled the edition: it waits, as it
            # would on the website.
            if taken >= edition.places:
                status = ApplicationStatus.WAITING_LIST
            else:
                taken += 1
        new.append((row, sent_at, _application(row, status, edition, page, fields, coordinator)))
    if not new:
        return
    offered_at = (sent_times[-1] + (now - sent_times[-1]) / 2).replace(microsecond=0)
    applications = Application.objects.bulk_create([application for _, _, application in new])
    for row, sent_at, application in new:
        # Stored with the time it was sent, which `auto_now_add` replaces on creation.
        application.submit_time = sent_at
        if row.channel == ApplicationChannel.PHONE:
            application.oral_consent_at = sent_at
        if application.status == ApplicationStatus.PLACE_OFFERED:
            application.place_offered_at = offered_at
        tally.record(application, CREATED)
    Application.objects.bulk_update(
        applications, ["submit_time", "oral_consent_at", "place_offered_at"]
    )
    _store_notes(new, coordinator, now, tally)
    _store_notifications(new, edition, now, tally)


def _edition(demo_edition):
    programme = ProgrammePage.objects.get(
        locale=Locale.get_default(), slug=demo_edition.programme.SLUG
    )
    return Edition.objects.select_related("programme", "team", "responsible_person").get(
        programme=programme, number=demo_edition.number, title=EXAMPLE_EDITION_TITLE
    )


def _check_places(demo_edition, edition):
    taking = [row for row in demo_edition.applications if row.status in STATUSES_TAKING_A_PLACE]
    if len(taking) > edition.places:
        raise ValueError(
            f"The demo gives edition {edition.number} of {demo_edition.programme.SLUG} "
            f"{len(taking)} applications holding a place; it has {edition.places}."
        )


def _sent_times(edition, count, now):
    """Times spread over the day enrolment opened until now, in the order of the rows, with
    room left after the last for what happened since (a place offered, a note)."""
    opened = datetime.datetime.combine(
        edition.enrolment_opens_on or timezone.localdate(now),
        datetime.time(),
        tzinfo=timezone.get_default_timezone(),
    )
    opened = min(opened, now)
    step = (now - opened) / (count + 2)
    return [(opened + step * (index + 1)).replace(microsecond=0) for index in range(count)]


def _application(row, status, edition, page, fields, coordinator):
    phone = row.channel == ApplicationChannel.PHONE
    return Application(
        reference=row.reference,
        page=page,
        form_data=form_data(row, fields, edition.programme.is_sensitive),
        programme=edition.programme,
        edition=edition,
        edition_number=edition.number,
        team_id=edition.team_id,
        status=status,
        language=row.language,
        channel=row.channel,
        recorded_by=coordinator if phone else None,
    )


def form_data(row, fields, sensitive):
    """The answers as the form stores them (`EnrolmentBaseForm.answers`, then
    `in_source_language`): the questions in the form's order, then the system fields."""
    labels = {field.label for field in fields}
    unknown = sorted(set(row.answers) - labels)
    if unknown:
        raise ValueError(f"{row.reference} answers questions the form does not ask: {unknown}")
    stored, as_answered = {}, {}
    for field in fields:
        key = question_key(field.clean_name)
        unanswered = [] if field.field_type in MULTIPLE_CHOICE_TYPES else ""
        value = row.answers.get(field.label, unanswered)
        if isinstance(value, data.Shown):
            as_answered[key] = {"value": value.shown, "matched": True}
            value = value.stored
        _check_choices(row, field, value)
        stored[key] = value
    stored.update(applicant_name=row.name, phone=row.phone, email=row.email)
    if sensitive:
        stored["safe_contact"] = row.safe_contact
    stored.update(email_confirmation=row.email_confirmation, privacy_consent=True)
    if as_answered:
        stored[AS_ANSWERED] = as_answered
    return stored


def _check_choices(row, field, value):
    if not field.choices or value in ("", []):
        return
    values = value if isinstance(value, list) else [value]
    offered = choice_values(field)
    wrong = [item for item in values if item not in offered]
    if wrong:
        raise ValueError(f"{row.reference}: {wrong} are not choices of {field.label!r}.")


def _fill_recorded_by(application, row, coordinator, tally):
    fill = (
        row.channel == ApplicationChannel.PHONE
        and application.recorded_by_id is None
        and coordinator is not None
    )
    if fill:
        application.recorded_by = coordinator
        application.save(update_fields=["recorded_by"])
    tally.record(application, UPDATED if fill else UNCHANGED)


def _store_notes(new, author, now, tally):
    notes = [
        ApplicationNote(application=application, author=author, text=row.note)
        for row, _sent_at, application in new
        if row.note
    ]
    ApplicationNote.objects.bulk_create(notes)
    for note in notes:
        # Written after the application was sent, before the build.
        sent_at = note.application.submit_time
        note.created_at = (sent_at + (now - sent_at) / 3).replace(microsecond=0)
        tally.record(note, CREATED)
    ApplicationNote.objects.bulk_update(notes, ["created_at"])


def _store_notifications(new, edition, now, tally):
    recipients = team_recipients(edition)
    notifications = []
    for row, sent_at, application in new:
        team = _delivered(application, NotificationKind.TEAM, recipients, sent_at, now)
        if row.team_notification == data.REFUSED:
            team.delivered_at = None
            team.failed_at = team.last_attempt_at
            team.failure_reason = FailureReason.REFUSED
            team.last_error = REFUSAL
        notifications.append(team)
        if row.email_confirmation and row.email:
            notifications.append(
                _delivered(application, NotificationKind.APPLICANT, [], sent_at, now)
            )
        if application.place_offered_at:
            notifications.append(
                _delivered(
                    application,
                    NotificationKind.PLACE_OFFERED,
                    recipients,
                    application.place_offered_at,
                    now,
                )
            )
    created_at = [notification.created_at for notification in notifications]
    Notification.objects.bulk_create(notifications)
    for notification, created in zip(notifications, created_at, strict=True):
        # Created when the application was sent, which `auto_now_add` replaced on creation.
        notification.created_at = created
        tally.record(notification, CREATED)
    Notification.objects.bulk_update(notifications, ["created_at"])


def _delivered(application, kind, recipients, created_at, now):
    sent_at = min(created_at + SENDING_TAKES, now)
    notification = Notification(
        application=application,
        kind=kind,
        recipients=recipients,
        attempts=1,
        last_attempt_at=sent_at,
        delivered_at=sent_at,
    )
    notification.created_at = created_at
    return notification
