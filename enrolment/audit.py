"""What is written to Wagtail's audit log about applications.

Entries name the application by its reference number and never carry what the applicant wrote:
the log outlives the application and is readable by every administrator.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter, log

from .models import Application, ApplicationLogEntry, ApplicationStatus

VIEW = "enrolment.view"
EXPORT = "enrolment.export"
STATUS_CHANGE = "enrolment.status_change"
NOTE = "enrolment.note"
DELETE = "enrolment.delete"
# "Send again" on a notification that failed or still waits, with data {"kind": ...}.
NOTIFICATION_RESEND = "enrolment.notification_resend"
# Written by the retention command (enrolment/retention.py), with data {"reason": ...}.
ANONYMISE = "enrolment.anonymise"
REASONS = {
    "retention": _("the retention period has passed"),
    "request": _("at the applicant's request"),
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
    message = _("Deleted")


class AnonymiseFormatter(RemovalFormatter):
    label = _("Remove an applicant's personal data")
    message = _("Personal data removed")


def register_log_actions(actions):
    # Entries about applications go to their own log, readable by their team only.
    actions.register_model(Application, ApplicationLogEntry)
    actions.register_action(VIEW, _("View an application"), _("Viewed"))
    # Called with the action alone, register_action returns a decorator for a formatter class.
    actions.register_action(EXPORT)(ExportFormatter)
    actions.register_action(STATUS_CHANGE)(StatusChangeFormatter)
    actions.register_action(NOTE, _("Add a note to an application"), _("Added a note"))
    actions.register_action(DELETE)(DeleteFormatter)
    actions.register_action(ANONYMISE)(AnonymiseFormatter)
    actions.register_action(
        NOTIFICATION_RESEND, _("Send a notification again"), _("Notification sent again")
    )


def log_viewed(application, user):
    log(application, VIEW, user=user)


def log_exported(applications, user, export_format):
    for application in applications:
        log(application, EXPORT, user=user, data={"format": export_format})


def log_status_change(application, user, old_status, new_status):
    log(application, STATUS_CHANGE, user=user, data={"from": old_status, "to": new_status})


def log_note_added(application, user, note):
    # The note's text may describe the applicant: only its id goes to the log.
    log(application, NOTE, user=user, data={"note": note.pk})


def log_notification_resent(notification, user):
    log(notification.application, NOTIFICATION_RESEND, user=user, data={"kind": notification.kind})


def log_deleted(application, user):
    log(application, DELETE, user=user, data={"team": application.team_id}, deleted=True)
