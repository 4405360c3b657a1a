from .applications import (
    STATUSES_TAKING_A_PLACE,
    Application,
    ApplicationNote,
    ApplicationStatus,
)
from .form_page import EnrolmentFormField, EnrolmentFormPage
from .log_entries import ApplicationLogEntry
from .notifications import FailureReason, Notification, NotificationKind
from .privacy import PrivacyNotice

__all__ = [
    "STATUSES_TAKING_A_PLACE",
    "Application",
    "ApplicationLogEntry",
    "ApplicationNote",
    "ApplicationStatus",
    "EnrolmentFormField",
    "EnrolmentFormPage",
    "FailureReason",
    "Notification",
    "NotificationKind",
    "PrivacyNotice",
]
