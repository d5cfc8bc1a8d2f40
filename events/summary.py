"""The events' section of the director's summary (imc_portal.summary)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from events import queries
from events.models import Event, Group
from events.models.region import representatives_of
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


def national_records(period):
    return [(_("National conferences and festivals"), queries.national_forums_in(period))]


def oblast_seminar_records(period):
    return [(_("Oblast seminars"), queries.oblast_seminars_in(period))]


def region_records(period):
    regions, events = queries.regions_records(period)
    return [
        (_("Regions represented"), regions),
        (_("Events that record their participants' regions"), events),
    ]


def breakdown_records(field):
    def records(period, value):
        return [(_("Events"), queries.held_in(period).filter(**{field: value}))]

    return records


def sentences(values):
    """The report's text, as the seeds write it."""
    return [*people_sentences(values), forums_sentence(values)]


def people_sentences(values):
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


def forums_sentence(values):
    national = values["national_forums"].current
    seminars = values["oblast_seminars"].current
    text = ngettext(
        "%(count)s national conference or festival was held",
        "%(count)s national conferences and festivals were held",
        national,
    ) % {"count": national}
    if values["regions"].current:
        # The names, not only the number: "…та міста Києва" (one query, this period only).
        representatives = representatives_of(queries.regions_of(values.period))
        text += "; " + _("participants of the events were %(representatives)s") % {
            "representatives": representatives
        }
    return (
        text
        + ". "
        + ngettext(
            "%(count)s oblast seminar was hosted.",
            "%(count)s oblast seminars were hosted.",
            seminars,
        )
        % {"count": seminars}
    )


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
            Figure(
                "national_forums", _("national conferences and festivals held"),
                queries.national_conferences_and_festivals, national_records, record=True,
            ),
            Figure(
                "oblast_seminars", _("oblast seminars hosted"), queries.oblast_seminars,
                oblast_seminar_records, record=True,
            ),
            Figure(
                "regions", _("regions the participants came from"), queries.regions_represented,
                region_records,
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
