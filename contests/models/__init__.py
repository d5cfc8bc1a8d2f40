from contests.models.common import Student, years_in
from contests.models.contests import (
    Contest,
    ContestEdition,
    ContestEntry,
    ContestOutcome,
    ContestResult,
    ContestStage,
    Nomination,
)
from contests.models.man import ManOutcome, ManResult, ManSection, ManStage, ManWork
from contests.models.olympiads import Diploma, Olympiad, OlympiadResult, OlympiadStage
from contests.models.projects import Project, ProjectFestival

__all__ = [
    "Contest",
    "ContestEdition",
    "ContestEntry",
    "ContestOutcome",
    "ContestResult",
    "ContestStage",
    "Diploma",
    "ManOutcome",
    "ManResult",
    "ManSection",
    "ManStage",
    "ManWork",
    "Nomination",
    "Olympiad",
    "OlympiadResult",
    "OlympiadStage",
    "Project",
    "ProjectFestival",
    "Student",
    "years_in",
]
