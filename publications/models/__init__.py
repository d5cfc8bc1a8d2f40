from publications.models.news import News
from publications.models.periodicals import (
    Article,
    ExternalPublication,
    Issue,
    Manual,
    Periodical,
)
from publications.models.practice import PracticeEntry, PracticeMaterial

__all__ = [
    "Article",
    "ExternalPublication",
    "Issue",
    "Manual",
    "News",
    "Periodical",
    "PracticeEntry",
    "PracticeMaterial",
]
