"""The month grid: a real table, one row per week, each day listing its events."""

import calendar
import datetime as dt

from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone

from events.filters import filtered_events
from events.fragments import fetch_areas, rendered_filter_form
from events.models import Event
from events.models.event import sees_drafts
from events.views.event import FIRST_YEAR, LAST_YEAR
from imc_portal.fragments import attach_html, kept_for_filters

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


def calendar_month(request, year=None, month=None):
    today = timezone.localdate()
    if year is None:
        year, month = today.year, today.month
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
        raise Http404
    first, following, start, end = month_bounds(year, month)
    # Events that touch the month: started before its end and finish after its start.
    base = (
        Event.objects.visible_to(request.user)
        .for_list()
        .with_finish()
        .filter(start__lt=end)
        .finishing_after(start)
        .order_by("start", "pk")
    )
    filterset = filtered_events(request, base)

    def render_grid():
        # The month's events are read, and their entries rendered, only when the grid is
        # not kept: per filter values, month, day (today is marked) and drafts shown.
        events = list(filterset.qs)
        by_day = {}
        for event in events:
            day = max(timezone.localtime(event.start).date(), first)
            last = min(timezone.localtime(event.finish).date(), following - dt.timedelta(days=1))
            while day <= last:
                by_day.setdefault(day, []).append(event)
                day += dt.timedelta(days=1)
        attach_html(
            events, "events/includes/calendar_item.html", "events:calendar-item",
            as_name="event", attr="calendar_html", prepare=fetch_areas,
        )  # fmt: skip
        weeks = [
            [
                {"date": day, "in_month": day.month == month, "events": by_day.get(day, [])}
                for day in week
            ]
            for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
        ]
        context = {
            "month": first,
            "weeks": weeks,
            "today": today,
            "weekdays": WEEKDAYS,
            "has_events": bool(by_day),
            "filter": filterset,
            "request": request,
        }
        return render_to_string("events/includes/calendar_grid.html", context)

    grid_html = kept_for_filters(
        "events:calendar-grid", filterset, render_grid, first, today, int(sees_drafts(request.user))
    )
    previous = first - dt.timedelta(days=1)
    params = filterset.data.copy()
    return render(
        request,
        "events/calendar.html",
        {
            "month": first,
            "grid_html": grid_html,
            "previous": previous if previous.year >= FIRST_YEAR else None,
            "next": following if following.year <= LAST_YEAR else None,
            "filter": filterset,
            "filter_form": rendered_filter_form(request, filterset),
            "query": params.urlencode(),
        },
    )
