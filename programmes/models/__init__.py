from .editions import Edition, ProgrammeStatus
from .pages import NewsIndexPage, ProgrammePage, ProgrammeType, UpdatePage
from .programme_index import ProgrammeIndexPage
from .sections import (
    AccompanyingSupportItem,
    CompetenceGroup,
    ExpectedResult,
    FrequencyPeriod,
    HoursBasis,
    HoursUnit,
    ProgrammeGoal,
    ProgrammePartner,
    SupportForm,
    SupportMode,
)
from .snippets import EUProject, Partner, Person, TargetGroup, Team

__all__ = [
    "AccompanyingSupportItem",
    "CompetenceGroup",
    "EUProject",
    "Edition",
    "ExpectedResult",
    "FrequencyPeriod",
    "HoursBasis",
    "HoursUnit",
    "NewsIndexPage",
    "Partner",
    "Person",
    "ProgrammeGoal",
    "ProgrammeIndexPage",
    "ProgrammePage",
    "ProgrammePartner",
    "ProgrammeStatus",
    "ProgrammeType",
    "SupportForm",
    "SupportMode",
    "Team",
    "TargetGroup",
    "UpdatePage",
]
