"""Import and export of results, МАН works and festival projects (django-import-export);
the shared machinery is imc_portal/imports.py."""

from contests.resources.contests import ContestResultResource
from contests.resources.man import ManResultResource, ManWorkResource
from contests.resources.olympiads import OlympiadResultResource
from contests.resources.projects import ProjectResource

__all__ = [
    "ContestResultResource",
    "ManResultResource",
    "ManWorkResource",
    "OlympiadResultResource",
    "ProjectResource",
]
