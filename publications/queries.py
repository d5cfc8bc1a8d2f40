"""Figures about publications and the best-practice catalogue, each a function of a Period.

Records dated by a year only (manuals, publications elsewhere) count in a period when
their year is one of the calendar years the period touches."""

from django.db.models import Count, Q

from imc_portal.periods import Period
from publications.models import (
    Article,
    ExternalPublication,
    Issue,
    Manual,
    Periodical,
    PracticeEntry,
)
from publications.models.common import Level


def _years(period: Period):
    return {"year__gte": period.start.year, "year__lte": period.end.year}


def issues_per_periodical(period: Period):
    """Published periodicals, each annotated with ``issue_count`` in the period."""
    in_period = Q(
        issues__date__gte=period.start,
        issues__date__lte=period.end,
        issues__in=Issue.objects.published(),
    )
    return list(
        Periodical.objects.published()
        .annotate(issue_count=Count("issues", filter=in_period))
        .order_by("order", "title")
    )


def issues_count(period: Period):
    return Issue.objects.published().filter(date__gte=period.start, date__lte=period.end).count()


def articles_count(period: Period):
    """Articles in the issues of the centre's periodicals that came out in the period."""
    return (
        Article.objects.published()
        .filter(issue__date__gte=period.start, issue__date__lte=period.end)
        .count()
    )


def manuals_count(period: Period):
    return Manual.objects.published().filter(**_years(period)).count()


def external_publications_by_level(period: Period):
    """{level: count} for teachers' publications elsewhere, every level present (0 too)."""
    rows = (
        ExternalPublication.objects.published()
        .filter(**_years(period))
        .values("level")
        .annotate(count=Count("id"))
        .order_by()
    )
    counts = {row["level"]: row["count"] for row in rows}
    return {level: counts.get(level, 0) for level in Level.values}


def practice_entries_added(period: Period):
    """{"city": n, "oblast": n, "national": n}: entries included in each catalogue during
    the period. An entry that moved from the city to the oblast catalogue counts in each
    catalogue in the year of that catalogue's decision."""

    def added(level):
        field = f"{level}_decision_date"
        return Count("id", filter=Q(**{f"{field}__gte": period.start, f"{field}__lte": period.end}))

    return PracticeEntry.objects.published().aggregate(
        city=added("city"), oblast=added("oblast"), national=added("national")
    )
