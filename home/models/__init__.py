from .institution import (
    ContactPoint,
    ContactPointOpeningHours,
    ContactPointPhone,
    Institution,
    InstitutionOpeningHours,
    InstitutionSettings,
)
from .notices import Notice, NoticeImportance
from .opening_hours import DayHours, HoursRuleKind
from .pages import ContentPage, HomePage

__all__ = [
    "ContactPoint",
    "ContactPointOpeningHours",
    "ContactPointPhone",
    "ContentPage",
    "DayHours",
    "HomePage",
    "HoursRuleKind",
    "Institution",
    "InstitutionOpeningHours",
    "InstitutionSettings",
    "Notice",
    "NoticeImportance",
]
