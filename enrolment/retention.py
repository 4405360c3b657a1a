"""Removing applicants' data: months after the edition ends, or at once on the applicant's request.

When an application is due
    When its edition's end date (`Edition.ends_on`) is earlier than the cut-off: today in Polish
    time (`settings.TIME_ZONE`, Europe/Warsaw) minus N months, N being
    `settings.ENROLMENT_RETENTION_MONTHS` unless given. With N = 12, on 1 December 2028 the
    cut-off is 1 December 2027: an edition that ended on 30 November 2027 is due, one that ended
    on 1 December 2027 is kept until the next day. If the month N months back is shorter, the
    cut-off is its last day (31 March minus one month is the last day of February).

    An application whose edition was deleted has no end date: it counts from the day it was sent
    (Polish time) instead, so it is due N months after it was sent. Its edition can no longer end
    later, and nothing would justify keeping it longer than an application to an edition that ran.

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
"""

import datetime
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.log_actions import log, registry as log_actions

from .models import Application, NotificationKind

ANONYMISE = "enrolment.anonymise"
DELETE = "enrolment.delete"

# Why the data was removed, as stored in the audit log.
RETENTION = "retention"
REQUEST = "request"


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


def due_for_removal(today=None, months=None):
    """Every application past its retention date, anonymised or not."""
    day = cutoff(today, months)
    start_of_day = datetime.datetime.combine(
        day, datetime.time.min, tzinfo=timezone.get_default_timezone()
    )
    return Application.objects.filter(
        Q(edition__isnull=False, edition__ends_on__lt=day)
        | Q(edition__isnull=True, submit_time__lt=start_of_day)
    )


def purge(*, delete=False, months=None, today=None, dry_run=False):
    """Anonymise (or delete) every application past its retention date."""
    months = retention_months(months)
    due = due_for_removal(today, months)
    if not delete:
        due = due.filter(anonymised_at__isnull=True)
    outcome = Outcome(DELETE if delete else ANONYMISE, dry_run)
    if not dry_run:
        require_logged_action(outcome.action)
    for pk, reference in due.order_by("submit_time", "pk").values_list("pk", "reference"):
        if dry_run:
            outcome.references.append(reference)
            continue
        # Checked again under the lock: an editor may have moved the edition's end meanwhile.
        handled = _remove(
            due.filter(pk=pk),
            delete=delete,
            log_data={"reason": RETENTION, "retention_months": months},
        )
        (outcome.references if handled else outcome.skipped).append(reference)
    return outcome


def erase(reference, *, delete=False, dry_run=False):
    """Anonymise (or delete) one application at the applicant's request, whatever its dates.

    Raises `Application.DoesNotExist` if no application has this reference number.
    """
    reference = reference.strip().upper()
    application = Application.objects.get(reference=reference)
    outcome = Outcome(DELETE if delete else ANONYMISE, dry_run)
    if application.is_anonymised and not delete:
        outcome.skipped.append(reference)
        return outcome
    if dry_run:
        outcome.references.append(reference)
        return outcome
    require_logged_action(outcome.action)
    handled = _remove(
        Application.objects.filter(pk=application.pk),
        delete=delete,
        log_data={"reason": REQUEST},
    )
    (outcome.references if handled else outcome.skipped).append(reference)
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
