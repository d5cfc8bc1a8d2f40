"""Figures from event records, each a function of a Period (calendar year, academic year or
any range). The public pages, the director's summary and the tests all call these.

Every figure counts events that were held: cancelled ones are left out, published or not
(publication is only about the public pages)."""

from django.db.models import Count, Q, Sum

from events.models import Event, Group
from imc_portal.models import Teacher


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
    """Meetings of the city's methodical associations ("понад 130 засідань міських МО")."""
    return held_events(period).filter(group__kind=group_kind).count()


def participants_total(period):
    return held_events(period).aggregate(total=Sum("participants_count"))["total"] or 0


def distinct_teacher_participants(period, kinds):
    """Teachers who took part in events of ``kinds``: each listed teacher once, plus the
    counts recorded for events where only a count is known (no list)."""
    events = held_events(period).filter(kind__in=kinds)
    listed = Teacher.objects.filter(events_attended__in=events.values("pk")).distinct().count()
    counted_only = (
        events.annotate(listed=Count("teacher_participants"))
        .filter(listed=0)
        .aggregate(total=Sum("counted_teacher_participants"))["total"]
    )
    return listed + (counted_only or 0)


def course_teachers_count(period):
    """Teachers who took course retraining ("78 педагогів")."""
    return distinct_teacher_participants(period, [Event.Kind.COURSE])


def seminar_form_teachers_count(period):
    """Teachers who took part in seminar forms of professional development ("260")."""
    return distinct_teacher_participants(period, Event.SEMINAR_FORMS)


def events_count(period, **filters):
    return held_events(period).filter(Q(**filters)).count()
