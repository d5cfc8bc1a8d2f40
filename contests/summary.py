"""The contests' section of the director's summary (imc_portal.summary): teachers' contests,
the olympiad teams, МАН and the project festival."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from contests import queries
from contests.models import OlympiadStage
from imc_portal.summary import Breakdown, Figure, Section


def contest_winner_records(period):
    return [(_("Teachers"), queries.contest_stage_winner_records(period))]


def contest_winner_records_of(period, contest_slug):
    return [
        (_("Teachers"), queries.contest_stage_winner_records(period, contest_slug=contest_slug))
    ]


def team_records(stage):
    def records(period):
        winners, team = queries.olympiad_team_records(period, stage)
        return [(_("Diploma winners"), winners), (_("The city team"), team)]

    return records


def man_records(period):
    return [(_("МАН works"), queries.man_work_records(period))]


def project_records(period):
    return [(_("Student projects"), queries.festival_project_records(period))]


def festival_records(period):
    return [(_("Project festivals in a row"), queries.festival_run_records(period))]


def share_text(share):
    return number_format(share, 1)


def sentences(values):
    """The report's text, as the seeds write it: "За період з 2014 до 2018 року 8 учителів
    стали переможцями ІІ (обласного) туру…", "Понад 90 % учасників команд міста…"."""
    when = values.period.in_words
    paragraphs = []
    winners = values["contest_winners"].current
    paragraphs.append(
        ngettext(
            "%(when)s, %(count)s teacher won the II (oblast) stage of the professional contests.",
            "%(when)s, %(count)s teachers won the II (oblast) stage of the professional contests.",
            winners,
        )
        % {"when": when, "count": winners}
    )
    stage_three = values["olympiad_stage_three"].current
    stage_four = values["olympiad_stage_four"].current
    if stage_three is not None:
        text = _(
            "%(when)s, %(share)s %% of the city's olympiad teams won diplomas at the III "
            "stage of the student olympiads"
        ) % {"when": when, "share": share_text(stage_three)}
        if stage_four is not None:
            text += _(", %(share)s %% at the IV stage") % {"share": share_text(stage_four)}
        paragraphs.append(text + ".")
    man = values["man_works"]
    text = ngettext(
        "%(when)s, the city's students prepared %(count)s МАН research work",
        "%(when)s, the city's students prepared %(count)s МАН research works",
        man.current,
    ) % {"when": when, "count": man.current}
    if man.is_record:
        text += _(" — the most of all time")
    paragraphs.append(text + ".")
    projects = values["festival_projects"].current
    run = values["festival_years"].current
    if projects or run:
        text = ngettext(
            "%(when)s, %(count)s project took part in the student project festival",
            "%(when)s, %(count)s projects took part in the student project festival",
            projects,
        ) % {"when": when, "count": projects}
        if run > 1:
            text += _("; the festival was held for the %(count)s-th year in a row") % {"count": run}
        paragraphs.append(text + ".")
    return paragraphs


def section():
    return Section(
        key="contests",
        title=gettext_lazy("Contests and olympiads"),
        items=[
            Figure(
                "contest_winners",
                gettext_lazy("teachers who won the II (oblast) stage of the contests"),
                queries.contest_stage_winners, contest_winner_records, headline=True,
            ),
            Breakdown(
                "contest_winners_by_contest",
                gettext_lazy("winners of the II (oblast) stage by contest"),
                queries.contest_stage_winners_by_contest, contest_winner_records_of,
            ),
            Figure(
                "olympiad_stage_three",
                gettext_lazy("diploma winners of the city team at the III stage of the olympiads"),
                queries.olympiad_stage_three_shares, team_records(OlympiadStage.OBLAST),
                share=True, headline=True,
            ),
            Figure(
                "olympiad_stage_four",
                gettext_lazy("diploma winners of the city team at the IV stage of the olympiads"),
                queries.olympiad_stage_four_shares, team_records(OlympiadStage.NATIONAL),
                share=True, headline=True,
            ),
            Figure(
                "man_works", gettext_lazy("МАН research works"), queries.man_works, man_records,
                record=True, headline=True,
            ),
            Figure(
                "festival_projects", gettext_lazy("projects of the student project festival"),
                queries.festival_projects, project_records,
            ),
            Figure(
                "festival_years", gettext_lazy("years in a row the project festival is held"),
                queries.festival_years_in_row, festival_records,
            ),
        ],
        sentences=sentences,
    )  # fmt: skip
