"""Figures from event records. The director's summary reads each figure for many periods at
once: its function takes a list of periods and returns a value for each
(``imc_portal.figures.per_period``); the other functions take one Period (calendar year,
academic year or any range). The public pages, the summary and the tests all call these.

Every figure counts events that were held: cancelled ones are left out, published or not
(publication is only about the public pages)."""

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from events.models import Attendance, Event, Group, Region
from imc_portal.figures import in_datetimes, per_period, per_period_by
from imc_portal.models import Teacher

IN_PERIOD = in_datetimes("start")
# For rows linked to one event (teachers, regions): the event's start.
LINK_IN_PERIOD = in_datetimes("event__start")


def association_meetings(periods, group_kind=Group.Kind.ASSOCIATION):
    """Meetings of the city's methodical associations ("понад 130 засідань міських МО")."""
    return per_period(Event.objects.held().filter(group__kind=group_kind), periods, IN_PERIOD)


def participants(periods):
    """Participants of the events held, as recorded on each event."""
    return per_period(
        Event.objects.held(),
        periods,
        IN_PERIOD,
        lambda in_period: Sum("participants_count", filter=in_period),
    )


def attended_rows():
    """The ticked rows of the registers of the events held."""
    return Attendance.objects.attended().filter(event__in=Event.objects.held())


def with_register(event="pk"):
    """Whether the event's register has a teacher ticked: then it, not the count, counts."""
    return Exists(Attendance.objects.attended().filter(event=OuterRef(event)))


def teachers_of(periods, kinds):
    """Teachers who attended events of ``kinds``: each teacher ticked on a register once a
    period, plus the numbers recorded for events where only a count is known (no register)."""
    # Counted on the register rows: each row has one event, so the event's kind and the
    # period's dates are read on the same row.
    listed = per_period(
        attended_rows().filter(event__kind__in=kinds),
        periods,
        LINK_IN_PERIOD,
        lambda in_period: Count("teacher", filter=in_period, distinct=True),
    )
    without_list = Event.objects.held().filter(kind__in=kinds).exclude(with_register())
    counted = per_period(
        without_list,
        periods,
        IN_PERIOD,
        lambda in_period: Sum("counted_teacher_participants", filter=in_period),
    )
    return [a + b for a, b in zip(listed, counted, strict=True)]


def course_teachers(periods):
    """Teachers who took course retraining ("78 педагогів")."""
    return teachers_of(periods, [Event.Kind.COURSE])


def seminar_form_teachers(periods):
    """Teachers who took part in seminar forms of professional development ("260")."""
    return teachers_of(periods, Event.SEMINAR_FORMS)


# What the report calls national conferences and festivals ("науково-практичні заходи
# Всеукраїнського рівня") and oblast seminars ("обласні семінари").
NATIONAL_FORUMS = {
    "level": Event.Level.NATIONAL,
    "kind__in": [Event.Kind.CONFERENCE, Event.Kind.FESTIVAL],
}
OBLAST_SEMINARS = {
    "level": Event.Level.OBLAST,
    "kind__in": [Event.Kind.SEMINAR, Event.Kind.SEMINAR_PRACTICUM],
}


def national_conferences_and_festivals(periods):
    """National conferences and festivals held ("конференції … фестиваль … Всеукраїнського
    рівня")."""
    return per_period(Event.objects.held().filter(**NATIONAL_FORUMS), periods, IN_PERIOD)


def oblast_seminars(periods):
    """Oblast seminars the centre hosted ("організовано та проведено обласні семінари")."""
    return per_period(Event.objects.held().filter(**OBLAST_SEMINARS), periods, IN_PERIOD)


def regions_represented(periods):
    """Regions whose representatives took part in the events held, each once a period
    ("представники 12 областей та міста Києва": 13)."""
    # Counted on the links of events to regions: each link has one event, whose date puts
    # it in a period, so no join repeats a region.
    return per_period(
        region_links(),
        periods,
        LINK_IN_PERIOD,
        lambda in_period: Count("region", filter=in_period, distinct=True),
    )


def region_links():
    return Event.regions.through.objects.filter(event__in=Event.objects.held())


def events_by(field, choices, periods):
    """[(value, label, [events per period])] of the held events by ``field`` (kind,
    level), in the order of ``choices``, the values with events in one of the periods."""
    counts = per_period_by(Event.objects.held(), field, periods, IN_PERIOD)
    return [(value, label, counts[value]) for value, label in choices if value in counts]


def events_per_kind(periods):
    return events_by("kind", Event.Kind.choices, periods)


def events_per_level(periods):
    return events_by("level", Event.Level.choices, periods)


def held_events(period):
    return Event.objects.held().in_period(period)


def events_by_kind(period):
    """[{"kind", "label", "events"}] in the order of Event.Kind, kinds with events only."""
    counts = dict(
        held_events(period).values("kind").annotate(n=Count("pk")).values_list("kind", "n")
    )
    return [
        {"kind": kind, "label": label, "events": counts[kind]}
        for kind, label in Event.Kind.choices
        if counts.get(kind)
    ]


def events_by_level(period):
    counts = dict(
        held_events(period).values("level").annotate(n=Count("pk")).values_list("level", "n")
    )
    return [
        {"level": level, "label": label, "events": counts[level]}
        for level, label in Event.Level.choices
        if counts.get(level)
    ]


def events_of(period, kind=None, level=None):
    """The events themselves, e.g. the oblast seminars or the national conferences."""
    events = held_events(period).select_related("venue").order_by("start", "pk")
    if kind:
        events = events.filter(kind=kind)
    if level:
        events = events.filter(level=level)
    return events


def association_meetings_count(period, group_kind=Group.Kind.ASSOCIATION):
    return association_meetings([period], group_kind)[0]


def participants_total(period):
    return participants([period])[0]


def course_teachers_count(period):
    return course_teachers([period])[0]


def seminar_form_teachers_count(period):
    return seminar_form_teachers([period])[0]


def national_conferences_and_festivals_count(period):
    return national_conferences_and_festivals([period])[0]


def oblast_seminars_count(period):
    return oblast_seminars([period])[0]


def regions_represented_count(period):
    return regions_represented([period])[0]


def events_count(period, **filters):
    return held_events(period).filter(Q(**filters)).count()


def held_in(period):
    """The held events of ``period``, the records behind the events' figures."""
    return Event.objects.held().filter(IN_PERIOD(period)).order_by("start", "pk")


def teachers_records(period, kinds):
    """What ``teachers_of`` counts in ``period``: the teachers ticked on the registers, and
    the events that record only a number of teachers."""
    events = held_in(period).filter(kind__in=kinds)
    listed = Teacher.objects.filter(
        Exists(Attendance.objects.attended().filter(teacher=OuterRef("pk"), event__in=events))
    ).order_by("surname", "first_name", "pk")
    counted = events.exclude(with_register()).filter(counted_teacher_participants__gt=0)
    return listed, counted


def regions_records(period):
    """What ``regions_represented`` counts in ``period``: the regions, and the events that
    record them."""
    events = held_in(period).filter(
        Exists(Event.regions.through.objects.filter(event=OuterRef("pk")))
    )
    regions = Region.objects.filter(
        Exists(region_links().filter(LINK_IN_PERIOD(period), region=OuterRef("pk")))
    )
    return regions, events


def regions_of(period):
    """The regions represented in ``period``'s events, in the list's order."""
    return regions_records(period)[0]


def national_forums_in(period):
    return held_in(period).filter(**NATIONAL_FORUMS)


def oblast_seminars_in(period):
    return held_in(period).filter(**OBLAST_SEMINARS)


def events_per_month(period):
    """[(first day of a month, held events)] for each month the period touches, from one
    query; months in the portal's time zone."""
    tz = timezone.get_current_timezone()
    rows = (
        Event.objects.held()
        .filter(IN_PERIOD(period))
        .annotate(month=TruncMonth("start", tzinfo=tz))
        .values("month")
        .annotate(events=Count("pk"))
        .order_by()
    )
    counts = {}
    for row in rows:
        month = row["month"]
        if isinstance(month, dt.datetime):
            month = timezone.localtime(month, tz) if timezone.is_aware(month) else month
            month = month.date()
        counts[month.replace(day=1)] = counts.get(month.replace(day=1), 0) + row["events"]
    months, month = [], period.start.replace(day=1)
    while month <= period.end:
        months.append((month, counts.get(month, 0)))
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


def group_attendance(group, period):
    """A group's meetings in ``period`` (not cancelled), and its members as rows
    {"teacher", "cells": [attended each meeting?], "attended": how many}, in three queries."""
    meetings = list(
        group.meetings.held()
        .filter(IN_PERIOD(period))
        .order_by("start", "pk")
        .only("pk", "title", "start", "slug")
    )
    came = set(
        Attendance.objects.attended()
        .filter(event__in=[meeting.pk for meeting in meetings])
        .values_list("teacher_id", "event_id")
    )
    rows = []
    for teacher in group.members.select_related("institution").order_by(
        "surname", "first_name", "pk"
    ):
        cells = [(teacher.pk, meeting.pk) in came for meeting in meetings]
        rows.append({"teacher": teacher, "cells": cells, "attended": sum(cells)})
    return meetings, rows
