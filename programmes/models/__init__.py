from .editions import Edition, ProgrammeStatus
from .pages import ProgrammeIndexPage, ProgrammePage, ProgrammeType
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
from .updates import NewsIndexPage, UpdatePage

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
