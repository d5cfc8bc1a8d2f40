"""The month grid: a real table, one row per week, each day listing its events."""

import calendar
import datetime as dt

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from events.filters import EventFilter
from events.models import Event
from imc_portal.page_cache import public_page
from imc_portal.pagination import query_without_page
from imc_portal.periods import FIRST_YEAR, LAST_YEAR

WEEKDAYS = [dt.date(2024, 1, 1) + dt.timedelta(days=n) for n in range(7)]  # Monday first


def month_bounds(year, month):
    """Aware [first day 00:00, first day of next month 00:00) in the current time zone."""
    tz = timezone.get_current_timezone()
    first = dt.date(year, month, 1)
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return (
        first,
        following,
        dt.datetime.combine(first, dt.time.min, tzinfo=tz),
        dt.datetime.combine(following, dt.time.min, tzinfo=tz),
    )


def weeks_of(year, month, events):
    """The month's weeks, each a list of {date, in_month, events}: an event is listed on
    every day of the month it lasts."""
    first, following, _start, _end = month_bounds(year, month)
    by_day = {}
    for event in events:
        day = max(timezone.localtime(event.start).date(), first)
        last = min(timezone.localtime(event.finish).date(), following - dt.timedelta(days=1))
        while day <= last:
            by_day.setdefault(day, []).append(event)
            day += dt.timedelta(days=1)
    return [
        [
            {"date": day, "in_month": day.month == month, "events": by_day.get(day, [])}
            for day in week
        ]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]


@public_page(query=list(EventFilter.base_filters), changes_with_time=True)
def calendar_month(request, year=None, month=None):
    today = timezone.localdate()
    if year is None:
        year, month = today.year, today.month
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
        raise Http404
    first, following, start, end = month_bounds(year, month)
    # Events that touch the month: started before its end and finish after its start.
    events = (
        Event.objects.visible_to(request.user)
        .with_finish()
        .filter(start__lt=end)
        .finishing_after(start)
        .order_by("start", "pk")
    )
    filterset = EventFilter(request.GET, queryset=events)
    month_events = [] if filterset.errors else list(filterset.qs)
    previous = first - dt.timedelta(days=1)
    context = {
        "month": first,
        "weeks": weeks_of(year, month, month_events),
        "has_events": bool(month_events),
        "today": today,
        "weekdays": WEEKDAYS,
        "previous": previous if previous.year >= FIRST_YEAR else None,
        "next": following if following.year <= LAST_YEAR else None,
        "filter": filterset,
        "query": query_without_page(request),
    }
    return render(request, "events/calendar.html", context, status=filterset.status)
