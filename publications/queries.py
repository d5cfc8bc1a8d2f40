"""Figures about publications and the best-practice catalogue, each a function of a Period.

Records dated by a year only (manuals, publications elsewhere) count in a period when
their year is one of the calendar years the period touches. The director's summary's
functions (at the end) take a list of periods and return a value for each from one query;
there a year counts in the one period of the series that holds its 1 July (see
``summary_years``)."""

import datetime as dt

from django.db.models import Count, Q

from imc_portal.figures import in_dates, in_years, per_period
from imc_portal.periods import Period
from publications.models import (
    Article,
    ExternalPublication,
    Issue,
    Manual,
    News,
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


# The director's summary.


def summary_years(period):
    """The years whose year-dated records a summary's period counts: those whose 1 July
    falls in it. A calendar year counts itself, a range of whole years those years, an
    academic year 2018/2019 the year 2019; each year falls in one period of a series (the
    calendar years a period touches would put 2019 in both 2018/2019 and 2019/2020)."""
    return [year for year in period.years_covered if dt.date(year, 7, 1) in period]


IN_YEARS = in_years("year", summary_years)


def issues(periods):
    """Issues of the centre's periodicals that came out in each period."""
    return per_period(Issue.objects.published(), periods, in_dates("date"))


def manuals(periods):
    """The centre's manuals of each period ("видано навчально-методичний посібник")."""
    return per_period(Manual.objects.published(), periods, IN_YEARS)


def external_publications(periods):
    """Teachers' publications elsewhere ("у фахових журналах видавництва «Шкільний світ»")."""
    return per_period(ExternalPublication.objects.published(), periods, IN_YEARS)


def practice_added(periods, level):
    """Entries included in the ``level`` catalogue in each period ("22 роботи з ППД
    занесено до міського, 20 – до обласного каталогу")."""
    return per_period(
        PracticeEntry.objects.published(), periods, in_dates(f"{level}_decision_date")
    )


def city_practice_added(periods):
    return practice_added(periods, Level.CITY)


def oblast_practice_added(periods):
    return practice_added(periods, Level.OBLAST)


def news(periods):
    """News posts of each period (those already shown on the portal)."""
    return per_period(News.objects.published(), periods, in_dates("date"))


# The records behind the summary's figures, for one period.


def issue_records(period):
    return (
        Issue.objects.published()
        .filter(in_dates("date")(period))
        .select_related("periodical")
        .order_by("date", "periodical__order", "number", "pk")
    )


def manual_records(period):
    return Manual.objects.published().filter(year__in=summary_years(period)).order_by("year", "pk")


def external_publication_records(period):
    return (
        ExternalPublication.objects.published()
        .filter(year__in=summary_years(period))
        .order_by("year", "pk")
    )


def practice_records(period, level):
    return (
        PracticeEntry.objects.published()
        .filter(in_dates(f"{level}_decision_date")(period))
        .order_by(f"{level}_decision_date", "pk")
    )


def news_records(period):
    return News.objects.published().filter(in_dates("date")(period)).order_by("date", "pk")
