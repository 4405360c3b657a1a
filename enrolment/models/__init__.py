from .applications import (
    STATUSES_TAKING_A_PLACE,
    Application,
    ApplicationChannel,
    ApplicationNote,
    ApplicationStatus,
    ErasureRecord,
)
from .data_requests import DataRequest
from .digests import CoordinatorPreferences, TeamDigest
from .form_page import EnrolmentFormField, EnrolmentFormPage
from .log_entries import ApplicationLogEntry
from .notifications import ONE_PER_APPLICATION, FailureReason, Notification, NotificationKind
from .privacy import PrivacyNotice

__all__ = [
    "ONE_PER_APPLICATION",
    "STATUSES_TAKING_A_PLACE",
    "Application",
    "ApplicationChannel",
    "ApplicationLogEntry",
    "ApplicationNote",
    "ApplicationStatus",
    "CoordinatorPreferences",
    "DataRequest",
    "EnrolmentFormField",
    "EnrolmentFormPage",
    "ErasureRecord",
    "FailureReason",
    "Notification",
    "NotificationKind",
    "PrivacyNotice",
    "TeamDigest",
]
