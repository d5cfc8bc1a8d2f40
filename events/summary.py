"""The events' section of the director's summary (imc_portal.summary)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from events import queries
from events.models import Event, Group
from imc_portal.summary import Breakdown, Figure, Section


def meeting_records(period):
    meetings = queries.held_in(period).filter(group__kind=Group.Kind.ASSOCIATION)
    return [(_("Meetings of the city's methodical associations"), meetings)]


def teacher_records(kinds):
    def records(period):
        listed, counted = queries.teachers_records(period, kinds)
        return [
            (_("Teachers listed on the events"), listed),
            (_("Events that record only the number of teachers"), counted),
        ]

    return records


def participant_records(period):
    return [
        (
            _("Events with their participants counted"),
            queries.held_in(period).filter(participants_count__gt=0),
        )
    ]


def breakdown_records(field):
    def records(period, value):
        return [(_("Events"), queries.held_in(period).filter(**{field: value}))]

    return records


def sentences(values):
    """The report's text, as the seeds write it."""
    meetings = values["meetings"].current
    courses = values["courses"].current
    seminars = values["seminar_forms"].current
    return [
        ngettext(
            "%(when)s, %(count)s meeting of the city's methodical associations was held.",
            "%(when)s, %(count)s meetings of the city's methodical associations were held.",
            meetings,
        )
        % {"when": values.period.in_words, "count": meetings},
        ngettext(
            "%(count)s teacher completed retraining courses",
            "%(count)s teachers completed retraining courses",
            courses,
        )
        % {"count": courses}
        + "; "
        + ngettext(
            "%(count)s teacher took part in seminar forms of professional development.",
            "%(count)s teachers took part in seminar forms of professional development.",
            seminars,
        )
        % {"count": seminars},
    ]


def section():
    return Section(
        key="events",
        title=_("Events"),
        items=[
            Figure(
                "meetings", _("meetings of the city's methodical associations"),
                queries.association_meetings, meeting_records, record=True, headline=True,
            ),
            Figure(
                "courses", _("teachers retrained in courses"), queries.course_teachers,
                teacher_records([Event.Kind.COURSE]), record=True, headline=True,
            ),
            Figure(
                "seminar_forms", _("teachers in seminar forms of professional development"),
                queries.seminar_form_teachers, teacher_records(list(Event.SEMINAR_FORMS)),
                record=True, headline=True,
            ),
            Figure(
                "participants", _("participants of the events"), queries.participants,
                participant_records,
            ),
            Breakdown(
                "kinds", _("events by kind"), queries.events_per_kind, breakdown_records("kind")
            ),
            Breakdown(
                "levels", _("events by level"), queries.events_per_level,
                breakdown_records("level"),
            ),
        ],
        sentences=sentences,
    )  # fmt: skip
