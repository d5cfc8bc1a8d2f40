"""Pages for the centre's staff that `manage.py bench` measures logged in as the director:
the summary of a year and its exports, with their own goals (SQL queries, median ms on
PostgreSQL)."""

from imc_portal.periods import Period
from imc_portal.summary import default_period


def pages():
    """[(name, path, SQL goal, median goal in ms)]."""
    academic = default_period()
    calendar = Period.calendar_year(academic.end.year - 1)
    summary = f"/summary/{calendar.slug}/"
    return [
        ("summary: calendar year", summary, 40, 300),
        ("summary: academic year", f"/summary/{academic.slug}/", 40, 300),
        ("summary: records of a figure", f"{summary}events/meetings/", 10, 300),
        # The summary's queries, then the records of each figure: one query a figure.
        ("summary: XLSX", f"{summary}summary.xlsx", 80, 2000),
        ("summary: DOCX", f"{summary}summary.docx", 60, 2000),
    ]
