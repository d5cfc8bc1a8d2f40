"""Counting records in several periods at once, for the figure functions of each app's
``queries.py``: a figure is a function of a list of periods that returns one value a period,
so that the director's summary reads a figure for this year, the year before and every year
of the record in one query.

    def association_meetings(periods):
        return per_period(meetings, periods, in_datetimes("start"))
"""

import datetime as dt
from functools import reduce
from itertools import pairwise
from operator import or_

from django.db.models import Case, Count, ExpressionWrapper, F, IntegerField, Q, Value, When
from django.db.models.functions import ExtractYear

from imc_portal.periods import ACADEMIC, ACADEMIC_YEAR_START_MONTH, CALENDAR


def per_period(queryset, periods, condition, aggregate=None):
    """The value of ``aggregate`` over the rows of ``queryset`` in each of ``periods`` (which
    do not overlap), in order, from one query: each row is given the number of its period,
    and the rows are grouped by it. ``condition(period)`` is the Q that puts a row in a
    period (``in_datetimes``, ``in_dates``, ``in_years``); ``aggregate(in_period)`` makes
    the aggregate, here called with ``in_period=None`` (by default a count of the rows)."""
    if not periods:
        return []
    found = per_period_by(queryset, None, periods, condition, aggregate)
    return found.get(None, [0] * len(periods))


def per_period_by(queryset, field, periods, condition, aggregate=None):
    """``per_period`` for each value of ``field`` (events by kind): {value: [values]}, from
    one query; only the values with rows in the periods appear."""
    aggregate = aggregate or (lambda in_period: Count("pk", filter=in_period))
    rows_in, number = _numbering(periods, condition)
    fields = ["period_number"] + ([field] if field else [])
    rows = (
        queryset.filter(rows_in)
        .annotate(period_number=number)
        .values(*fields)
        .annotate(value=aggregate(None))
        .order_by()
    )
    found = {}
    for row in rows:
        values = found.setdefault(row[field] if field else None, [0] * len(periods))
        values[row["period_number"]] = row["value"] or 0
    return found


def _numbering(periods, condition):
    """(the Q of the rows in any of ``periods``, the expression giving a row its period's
    number). A row dated by a moment or a day in a series of calendar or academic years
    (a summary's record of all time, as long as the centre is old) gets its number from its
    year and month, and a row dated by a year, when each period takes one year, from that
    year: expressions of the same size however long the series; periods that follow each
    other (a range and the one before) by their ends; any others by their conditions."""
    between = getattr(condition, "between", None)
    follow = all(a.end + dt.timedelta(days=1) == b.start for a, b in pairwise(periods))
    if yearly := _one_year_each(periods, condition):
        field, first = yearly
        rows_in = Q(**{f"{field}__gte": first, f"{field}__lt": first + len(periods)})
        return rows_in, ExpressionWrapper(F(field) - Value(first), output_field=IntegerField())
    if between is None or not follow:
        conditions = [condition(period) for period in periods]
        whens = [When(q, then=Value(n)) for n, q in enumerate(conditions)]
        return reduce(or_, conditions), Case(*whens, output_field=IntegerField())
    field, bounds = between
    ends = [bounds(period)[1] for period in periods]
    rows_in = Q(**{f"{field}__gte": bounds(periods[0])[0], f"{field}__lt": ends[-1]})
    kinds = {period.kind for period in periods}
    if kinds in ({CALENDAR}, {ACADEMIC}):
        # In the portal's time zone, as the bounds are.
        number = ExtractYear(field) - Value(periods[0].start.year)
        if kinds == {ACADEMIC}:  # January to August belong to the year that began before
            before = Q(**{f"{field}__month__lt": ACADEMIC_YEAR_START_MONTH})
            number = number - Case(When(before, then=Value(1)), default=Value(0))
        return rows_in, ExpressionWrapper(number, output_field=IntegerField())
    # The first period whose end is after the row's moment; the last one is what remains.
    whens = [When(Q(**{f"{field}__lt": end}), then=Value(n)) for n, end in enumerate(ends[:-1])]
    return rows_in, Case(*whens, default=Value(len(ends) - 1), output_field=IntegerField())


def _one_year_each(periods, condition):
    """(field, first year) when ``condition`` dates rows by a year and the periods take one
    year each, year after year (a series of calendar or academic years)."""
    years = getattr(condition, "years", None)
    if years is None:
        return None
    field, years_of = years
    found = [years_of(period) for period in periods]
    if any(len(each) != 1 for each in found):
        return None
    first = found[0][0]
    if [each[0] for each in found] != list(range(first, first + len(periods))):
        return None
    return field, first


class Condition:
    """The Q that puts a row in a period (``condition(period)``); for rows placed by a
    moment or a day, the field and the [start, end) bounds it is compared with
    (``between``); for rows dated by a year, the field and the years of a period
    (``years``)."""

    def __init__(self, make, between=None, years=None):
        self.make = make
        self.between = between
        self.years = years

    def __call__(self, period):
        return self.make(period)


def in_datetimes(field):
    """Rows whose moment ``field`` falls in the period (in the portal's time zone)."""

    def bounds(period):
        return period.datetime_range()

    return _in_bounds(field, bounds)


def in_dates(field):
    """Rows whose day ``field`` falls in the period."""

    def bounds(period):
        return period.start, period.end + dt.timedelta(days=1)

    return _in_bounds(field, bounds)


def _in_bounds(field, bounds):
    def condition(period):
        start, end = bounds(period)
        return Q(**{f"{field}__gte": start, f"{field}__lt": end})

    return Condition(condition, between=(field, bounds))


def in_years(field, years_of=lambda period: list(period.years_covered)):
    """Rows dated by a year only (``field``): those of the years ``years_of(period)`` gives,
    by default every calendar year the period touches."""

    def condition(period):
        return Q(**{f"{field}__in": years_of(period)})

    return Condition(condition, years=(field, years_of))
