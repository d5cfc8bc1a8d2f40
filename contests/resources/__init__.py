"""Import and export of results (django-import-export). A row names things the way a jury's
spreadsheet does (an institution's name, a student's name, "II", "переможець"); each
resource resolves them, reports every problem of a row as a validation error so the
preview lists them row by row, and saves only when the whole file is clean (the admin
offers "Confirm" only then, and the import runs in one transaction). A row is found again
by its natural key (import_id_fields), so importing the same file twice changes nothing."""

from contests.resources.contests import ContestResultResource
from contests.resources.man import ManResultResource
from contests.resources.olympiads import OlympiadResultResource

__all__ = ["ContestResultResource", "ManResultResource", "OlympiadResultResource"]
