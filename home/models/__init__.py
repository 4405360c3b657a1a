from .institution import (
    ContactPoint,
    ContactPointOpeningHours,
    ContactPointPhone,
    Institution,
    InstitutionOpeningHours,
    InstitutionSettings,
)
from .legal import (
    A11Y_IDS,
    A11Y_REQUIRED_IDS,
    AccessibilityStatementPage,
    AssessmentMethod,
    ComplianceStatus,
    EasyReadPage,
    SignLanguagePage,
)
from .legal_links import LegalLinksSettings
from .notices import Notice, NoticeImportance
from .opening_hours import DayHours, HoursRuleKind
from .pages import ContentPage, HomePage
from .safety import SafetySettings

__all__ = [
    "A11Y_IDS",
    "A11Y_REQUIRED_IDS",
    "AccessibilityStatementPage",
    "AssessmentMethod",
    "ComplianceStatus",
    "ContactPoint",
    "ContactPointOpeningHours",
    "ContactPointPhone",
    "ContentPage",
    "DayHours",
    "EasyReadPage",
    "HomePage",
    "HoursRuleKind",
    "Institution",
    "InstitutionOpeningHours",
    "InstitutionSettings",
    "LegalLinksSettings",
    "Notice",
    "NoticeImportance",
    "SafetySettings",
    "SignLanguagePage",
]
