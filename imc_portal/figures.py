"""Counting records in several periods at once, for the figure functions of each app's
``queries.py``: a figure is a function of a list of periods that returns one value a period,
so that the director's summary reads a figure for this year, the year before and every year
of the record in one query.

    def association_meetings(periods):
        return per_period(meetings, periods, in_datetimes("start"))
"""

from functools import reduce
from operator import or_

from django.db.models import Case, Count, IntegerField, Q, Value, When


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
    conditions = [condition(period) for period in periods]
    number = Case(
        *(When(q, then=Value(n)) for n, q in enumerate(conditions)), output_field=IntegerField()
    )
    fields = ["period_number"] + ([field] if field else [])
    rows = (
        queryset.filter(reduce(or_, conditions))
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


def in_datetimes(field):
    """Rows whose moment ``field`` falls in the period (in the portal's time zone)."""

    def condition(period):
        start, end = period.datetime_range()
        return Q(**{f"{field}__gte": start, f"{field}__lt": end})

    return condition


def in_dates(field):
    """Rows whose day ``field`` falls in the period."""

    def condition(period):
        return Q(**{f"{field}__gte": period.start, f"{field}__lte": period.end})

    return condition


def in_years(field, years_of=lambda period: list(period.years_covered)):
    """Rows dated by a year only (``field``): those of the years ``years_of(period)`` gives,
    by default every calendar year the period touches."""

    def condition(period):
        return Q(**{f"{field}__in": years_of(period)})

    return condition
