"""Removing applicants' data: months after the edition ends, or at once on the applicant's request.

When an application is due
    When its edition's end date (`Edition.ends_on`) is earlier than the cut-off: today in Polish
    time (`settings.TIME_ZONE`, Europe/Warsaw) minus N months, N being the programme's own
    period (`ProgrammePage.retention_months`, where its legal basis differs) or else the
    site-wide one (`settings.ENROLMENT_RETENTION_MONTHS`, or `months` when given: it stands in
    for the site-wide setting, never for a programme's own period). With N = 12, on 1 December
    2028 the cut-off is 1 December 2027: an edition that ended on 30 November 2027 is due, one
    that ended on 1 December 2027 is kept until the next day. If the month N months back is
    shorter, the cut-off is its last day (31 March minus one month is the last day of February).

    An application whose edition was deleted has no end date: it counts from the day it was sent
    (Polish time) instead, so it is due N months after it was sent. Its edition can no longer end
    later, and nothing would justify keeping it longer than an application to an edition that ran.

    Whatever N is, nothing is removed while the programme's `keep_applications_until` (e.g. an EU
    project's archiving date) has not passed: applications are kept through that day and may be
    removed from the next day on.

What happens to it
    By default it is anonymised: the answers (`form_data`) are emptied, `anonymised_at` is set,
    the coordinators' notes are deleted (their text may describe the applicant), and the
    applicant's confirmation e-mail, if not yet delivered, is abandoned; its last error (which may
    quote the address) is cleared. The reference, programme, edition, team and status stay, for
    the statistics. With `delete=True` the application is deleted, with its notes and
    notifications.

    Each application is handled in its own transaction, under a row lock, together with its
    entry in Wagtail's audit log. The entry names the application by its reference number and
    carries no answer of the applicant.

Erasures at a person's request
    Are made by `enrolment.data_rights.erase_application`, from the admin and from
    `purge_applications --erase` alike (with `--delete` the row is deleted afterwards), and
    recorded, reference and time only, in the table `ErasureRecord` and in an append-only file
    outside the database (`settings.ENROLMENT_ERASURE_LOG`), so that they can be made again
    after the database is restored from a backup taken before them (`purge_applications
    --replay`).
"""

import datetime
import json
import os
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils import timezone
from wagtail.log_actions import log, registry as log_actions

from programmes.models import Edition, ProgrammePage

from .models import Application, ErasureRecord, NotificationKind

ANONYMISE = "enrolment.anonymise"
DELETE = "enrolment.delete"

# Why the data was removed, as stored in the audit log.
RETENTION = "retention"


@dataclass
class Outcome:
    """What was done (or, in a dry run, would be done) and to which applications."""

    action: str
    dry_run: bool = False
    references: list = field(default_factory=list)
    skipped: list = field(default_factory=list)

    @property
    def count(self):
        return len(self.references)


class AuditLogNotReady(RuntimeError):
    """Removing data without logging it is not allowed; Wagtail refuses unregistered actions."""


def require_logged_action(action):
    if not log_actions.action_exists(action):
        raise AuditLogNotReady(
            f"The audit-log action {action!r} is not registered (hook `register_log_actions`); "
            "nothing was changed."
        )


def local_today():
    return timezone.localdate(timezone=timezone.get_default_timezone())


def retention_months(months=None):
    months = settings.ENROLMENT_RETENTION_MONTHS if months is None else months
    if months < 0:
        raise ValueError("The number of months cannot be negative.")
    return months


def cutoff(today=None, months=None):
    """Applications to editions that ended before this day are due."""
    # relativedelta keeps the day of the month, or takes the last day of a shorter month.
    return (today or local_today()) - relativedelta(months=retention_months(months))


def _past(day):
    """Applications to editions that ended before `day`: their edition's end, kept when the
    edition was deleted (`keep_the_end_of`), or, for an edition deleted before it was kept,
    the day they were sent (Polish time)."""
    start_of_day = datetime.datetime.combine(
        day, datetime.time.min, tzinfo=timezone.get_default_timezone()
    )
    return (
        Q(edition__isnull=False, edition__ends_on__lt=day)
        | Q(edition__isnull=True, edition_ended_on__lt=day)
        | Q(edition__isnull=True, edition_ended_on__isnull=True, submit_time__lt=start_of_day)
    )


@receiver(pre_delete, sender=Edition, dispatch_uid="enrolment-keep-the-end-of-an-edition")
def keep_the_end_of(sender, instance, **kwargs):
    """An edition deleted (by an editor's revision, however published) leaves its last day on
    its applications, so that their retention does not start earlier."""
    Application.objects.filter(edition=instance).update(edition_ended_on=instance.ends_on)


def programme_periods():
    """The periods programmes set for themselves, in months (each once)."""
    return sorted(
        set(
            ProgrammePage.objects.filter(retention_months__isnull=False).values_list(
                "retention_months", flat=True
            )
        )
    )


def effective_months(programme_months, months=None):
    """The period that applies to an application of a programme with `programme_months`."""
    return retention_months(months) if programme_months is None else programme_months


def due_for_removal(today=None, months=None):
    """Every application past its retention date, anonymised or not.

    One condition per period in use (the site-wide one, and each programme's own), so the
    database finds them all in one query; a programme's "keep until" date holds them back.
    """
    today = today or local_today()
    due = Q(programme__retention_months__isnull=True) & _past(cutoff(today, months))
    for own in programme_periods():
        due |= Q(programme__retention_months=own) & _past(cutoff(today, own))
    not_held = Q(programme__keep_applications_until__isnull=True) | Q(
        programme__keep_applications_until__lt=today
    )
    return Application.objects.filter(due & not_held)


def purge(*, delete=False, months=None, today=None, dry_run=False):
    """Anonymise (or delete) every application past its retention date."""
    months = retention_months(months)
    due = due_for_removal(today, months)
    if not delete:
        due = due.filter(anonymised_at__isnull=True)
    outcome = Outcome(DELETE if delete else ANONYMISE, dry_run)
    if not dry_run:
        require_logged_action(outcome.action)
    found = due.order_by("submit_time", "pk").values_list(
        "pk", "reference", "programme__retention_months"
    )
    for pk, reference, programme_months in found:
        if dry_run:
            outcome.references.append(reference)
            continue
        # Checked again under the lock: an editor may have moved the edition's end meanwhile.
        handled = _remove(
            due.filter(pk=pk),
            delete=delete,
            log_data={
                "reason": RETENTION,
                "retention_months": effective_months(programme_months, months),
            },
        )
        (outcome.references if handled else outcome.skipped).append(reference)
    return outcome


def plan_erasure(reference, *, delete=False):
    """What `purge_applications --erase REFERENCE --dry-run` would do (the erasure itself is
    `enrolment.data_rights.erase_application`, the same as in the admin).

    Raises `Application.DoesNotExist` if no application has this reference number.
    """
    reference = reference.strip().upper()
    application = Application.objects.get(reference=reference)
    outcome = Outcome(DELETE if delete else ANONYMISE, dry_run=True)
    if application.is_anonymised and not delete:
        outcome.skipped.append(reference)
    else:
        outcome.references.append(reference)
    return outcome


def _remove(queryset, *, delete, log_data):
    """Anonymise or delete the one application in `queryset`, and log it; False if it is gone."""
    with transaction.atomic():
        application = queryset.select_for_update(of=("self",)).first()
        if application is None or (application.is_anonymised and not delete):
            return False
        log_data = {**log_data, "team": application.team_id}
        if delete:
            # Logged first: the entry needs the application's id.
            log(application, DELETE, data=log_data, deleted=True)
            application.delete()
        else:
            anonymise(application)
            log(application, ANONYMISE, data=log_data)
    return True


def anonymise(application):
    """Remove the applicant's data from a locked application, keeping what statistics need."""
    application.form_data = {}
    application.submission_token = None
    application.anonymised_at = timezone.now()
    application.save(update_fields=["form_data", "submission_token", "anonymised_at"])
    application.notes.all().delete()
    to_applicant = application.notifications.filter(kind=NotificationKind.APPLICANT)
    to_applicant.update(last_error="")
    to_applicant.filter(delivered_at__isnull=True).update(abandoned=True)


def record_erased(reference, erased_at=None, *, write_file=True):
    """Remember that `reference` was erased at a person's request: in the table and, before the
    transaction commits, in the append-only file. A failure to write the file stops the
    erasure (an erasure the file does not hold would come back with the next restore); an
    erasure that rolls back after the line was written is at worst made again by a replay."""
    erased_at = erased_at or timezone.now()
    record, _created = ErasureRecord.objects.get_or_create(
        reference=reference, defaults={"erased_at": erased_at}
    )
    if write_file:
        append_to_erasure_log(reference, record.erased_at)
    return record


def append_to_erasure_log(reference, erased_at):
    path = settings.ENROLMENT_ERASURE_LOG
    os.makedirs(os.path.dirname(path), exist_ok=True)
    line = json.dumps({"reference": reference, "erased_at": erased_at.isoformat()}) + "\n"
    # One write of one short line in append mode: lines written at the same moment by two
    # processes never interleave. Synced to disk before the erasure is committed.
    # Readable by the site's own user only: /var/lib/mops is passed through by nginx.
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(descriptor, "a", encoding="utf-8") as log_file:
        log_file.write(line)
        log_file.flush()
        os.fsync(log_file.fileno())


def read_erasure_log():
    """reference -> first time erased, from the file; a damaged line is skipped and counted."""
    path = settings.ENROLMENT_ERASURE_LOG
    erasures, damaged = {}, 0
    try:
        log_file = open(path, encoding="utf-8")  # noqa: SIM115
    except FileNotFoundError:
        return erasures, damaged
    with log_file:
        for line in log_file:
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
                reference = str(entry["reference"]).strip().upper()
                erased_at = datetime.datetime.fromisoformat(entry["erased_at"])
                if timezone.is_naive(erased_at):
                    erased_at = timezone.make_aware(erased_at, datetime.UTC)
            except (ValueError, KeyError, TypeError):
                damaged += 1
                continue
            if reference not in erasures or erased_at < erasures[reference]:
                erasures[reference] = erased_at
    return erasures, damaged
