"""What is written to Wagtail's audit log about applications.

Entries name the application by its reference number and never carry what the applicant wrote:
the log outlives the application and is readable by every administrator.
"""

from django.utils.translation import gettext_lazy as _, ngettext, pgettext_lazy
from wagtail.log_actions import LogFormatter, log

from .models import Application, ApplicationChannel, ApplicationLogEntry, ApplicationStatus

VIEW = "enrolment.view"
EXPORT = "enrolment.export"
STATUS_CHANGE = "enrolment.status_change"
# A freed place offered to the first applicant waiting (enrolment.waiting_list).
PLACE_OFFERED = "enrolment.place_offered"
NOTE = "enrolment.note"
DELETE = "enrolment.delete"
# "Send again" on a notification that failed or still waits, with data {"kind": ...}.
NOTIFICATION_RESEND = "enrolment.notification_resend"
# An application taken by phone or in person, recorded in the admin (admin_views/record.py),
# with data {"channel": ..., "oral_consent_at": ...}: how it came and when the applicant agreed.
RECORD = "enrolment.record"
# Written by the retention command (enrolment/retention.py), with data {"reason": ...}.
ANONYMISE = "enrolment.anonymise"
# Erased at a person's request (enrolment/data_rights.py), with data {"reason": "request",
# "data_request": id}, or again after a restore ({"reason": "replay"}). Never the request's
# reason: it is free text, and the application's team reads its history.
ERASE = "enrolment.erase"
# On a DataRequest (the log of its model): the search, each export and the erasure, with the
# reason the data protection officer gave and the references, never the search terms.
DATA_REQUEST_SEARCH = "enrolment.data_request_search"
DATA_REQUEST_EXPORT = "enrolment.data_request_export"
DATA_REQUEST_ERASE = "enrolment.data_request_erase"
REASONS = {
    "retention": _("the retention period has passed"),
    "request": _("at the applicant's request"),
    "replay": _("erased again after the database was restored from a backup"),
}


def _status_label(value):
    try:
        return ApplicationStatus(value).label
    except ValueError:
        return value


class StatusChangeFormatter(LogFormatter):
    label = _("Change the status of an application")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return _("Changed the status from “%(from)s” to “%(to)s”") % {
            "from": _status_label(data.get("from", "")),
            "to": _status_label(data.get("to", "")),
        }


class RecordFormatter(LogFormatter):
    label = _("Record an application taken by phone or in person")

    def format_message(self, log_entry):
        if (log_entry.data or {}).get("channel") == ApplicationChannel.IN_PERSON:
            return _("Recorded in person, consent given orally")
        return _("Recorded by phone, consent given orally")


class ExportFormatter(LogFormatter):
    label = _("Export an application")

    def format_message(self, log_entry):
        export_format = (log_entry.data or {}).get("format", "")
        return _("Exported (%(format)s)") % {"format": export_format.upper()}


class RemovalFormatter(LogFormatter):
    """Deletion or anonymisation, with the reason when the retention command gives one."""

    def format_message(self, log_entry):
        reason = REASONS.get((log_entry.data or {}).get("reason"))
        if reason is None:
            return self.message
        return _("%(action)s: %(reason)s") % {"action": self.message, "reason": reason}


class DeleteFormatter(RemovalFormatter):
    label = _("Delete an application")
    message = pgettext_lazy("application log", "Deleted")


class AnonymiseFormatter(RemovalFormatter):
    label = _("Remove an applicant's personal data")
    message = _("Personal data removed")


class EraseFormatter(RemovalFormatter):
    # Entries written by the first version carry "request_reason": it is not shown.
    label = _("Erase a person's data on request")
    message = _("Personal data erased")


class DataRequestFormatter(LogFormatter):
    """A step of a data request: what was done to how many applications, and why."""

    def values(self, log_entry):
        data = log_entry.data or {}
        count = len(data.get("references", []))
        return count, {
            "count": count,
            "format": data.get("format", "").upper(),
            "reason": data.get("reason", ""),
        }


class DataRequestSearchFormatter(DataRequestFormatter):
    label = _("Search for a person's applications")

    def format_message(self, log_entry):
        count, values = self.values(log_entry)
        return (
            ngettext(
                "Searched for a person's applications, found %(count)s: %(reason)s",
                "Searched for a person's applications, found %(count)s: %(reason)s",
                count,
            )
            % values
        )


class DataRequestExportFormatter(DataRequestFormatter):
    label = _("Export a person's applications for an access request")

    def format_message(self, log_entry):
        count, values = self.values(log_entry)
        return (
            ngettext(
                "Exported %(count)s application (%(format)s): %(reason)s",
                "Exported %(count)s applications (%(format)s): %(reason)s",
                count,
            )
            % values
        )


class DataRequestEraseFormatter(DataRequestFormatter):
    label = _("Erase a person's applications")

    def format_message(self, log_entry):
        count, values = self.values(log_entry)
        return (
            ngettext(
                "Erased %(count)s application: %(reason)s",
                "Erased %(count)s applications: %(reason)s",
                count,
            )
            % values
        )


def register_log_actions(actions):
    # Entries about applications go to their own log, readable by their team only.
    actions.register_model(Application, ApplicationLogEntry)
    actions.register_action(VIEW, _("View an application"), _("Viewed"))
    # Called with the action alone, register_action returns a decorator for a formatter class.
    actions.register_action(EXPORT)(ExportFormatter)
    actions.register_action(RECORD)(RecordFormatter)
    actions.register_action(STATUS_CHANGE)(StatusChangeFormatter)
    actions.register_action(NOTE, _("Add a note to an application"), _("Added a note"))
    actions.register_action(
        PLACE_OFFERED,
        _("Offer a freed place from the waiting list"),
        _("Moved up from the waiting list: a place offered"),
    )
    actions.register_action(DELETE)(DeleteFormatter)
    actions.register_action(ANONYMISE)(AnonymiseFormatter)
    actions.register_action(ERASE)(EraseFormatter)
    actions.register_action(DATA_REQUEST_SEARCH)(DataRequestSearchFormatter)
    actions.register_action(DATA_REQUEST_EXPORT)(DataRequestExportFormatter)
    actions.register_action(DATA_REQUEST_ERASE)(DataRequestEraseFormatter)
    actions.register_action(
        NOTIFICATION_RESEND, _("Send a notification again"), _("Notification sent again")
    )


def log_viewed(application, user):
    log(application, VIEW, user=user)


def log_recorded(application, user):
    # How and when only: what the applicant said stays in the application.
    log(
        application,
        RECORD,
        user=user,
        data={
            "channel": application.channel,
            "oral_consent_at": application.oral_consent_at.isoformat(),
        },
    )


def log_exported(applications, user, export_format, data_request=None):
    # For a data request, its id only (its reason is free text, and the team reads this).
    data = {"format": export_format}
    if data_request is not None:
        data["data_request"] = data_request.pk
    for application in applications:
        log(application, EXPORT, user=user, data=data)


def log_status_change(application, user, old_status, new_status):
    log(application, STATUS_CHANGE, user=user, data={"from": old_status, "to": new_status})


def log_place_offered(application, user):
    # `user` is whoever freed the place; None when the system did (e.g. more places).
    log(application, PLACE_OFFERED, user=user, data={"edition": application.edition_id})


def log_note_added(application, user, note):
    # The note's text may describe the applicant: only its id goes to the log.
    log(application, NOTE, user=user, data={"note": note.pk})


def log_notification_resent(notification, user):
    log(notification.application, NOTIFICATION_RESEND, user=user, data={"kind": notification.kind})


def log_deleted(application, user):
    log(application, DELETE, user=user, data={"team": application.team_id}, deleted=True)


def log_data_request(data_request, action, user, references, **data):
    """A step of a data request, with its reason and the references it concerned."""
    log(
        data_request,
        action,
        user=user,
        data={"reason": data_request.reason, "references": list(references), **data},
    )
