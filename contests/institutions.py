"""An institution's public page: its students' olympiad results and МАН works, and its
teachers' contest entries, each newest first, with the fields the contests' own pages show
(a student's allow-listed name and grade, no more), linked to those pages narrowed to the
institution. Each list is one query with its total."""

from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse

from contests.models import (
    ContestEntry,
    ContestOutcome,
    ContestResult,
    ContestStage,
    ManOutcome,
    ManResult,
    ManStage,
    ManWork,
    OlympiadResult,
)
from imc_portal.institutions import SECTION_ROWS, list_query, with_total
from imc_portal.models import choice_label


def furthest(results, *fields):
    """Subqueries of the result at the highest stage ``results`` (an OuterRef'd queryset)
    reached: ``{"last_<field>": …}``."""
    last = results.order_by("-stage")
    return {f"last_{name}": Subquery(last.values(name)[:1]) for name in fields}


def olympiad_results(institution):
    return list(
        with_total(
            OlympiadResult.objects.filter(institution=institution, olympiad__is_published=True)
        )
        .select_related("olympiad__subject", "student")
        .order_by(
            "-olympiad__year",
            "-stage",
            "result",
            "olympiad__subject__order",
            "olympiad__subject__name",
            "student__surname",
            "student__first_name",
            "pk",
        )[:SECTION_ROWS]
    )


def man_works(institution):
    works = list(
        with_total(ManWork.objects.published().filter(institution=institution))
        .select_related("section")
        .annotate(**furthest(ManResult.objects.filter(work=OuterRef("pk")), "stage", "outcome"))
        .order_by("-year", "title", "pk")[:SECTION_ROWS]
    )
    for work in works:
        work.last_stage_label = choice_label(ManStage, work.last_stage) if work.last_stage else ""
        work.last_outcome_label = choice_label(ManOutcome, work.last_outcome or "")
    return works


def contest_entries(institution):
    """Its teachers' entries (the institution they entered from), with the furthest stage
    each reached and the result there."""
    entries = list(
        with_total(
            ContestEntry.objects.filter(
                institution=institution, nomination__edition__is_published=True
            )
        )
        .select_related("teacher", "nomination__edition__contest")
        .annotate(
            **furthest(
                ContestResult.objects.filter(entry=OuterRef("pk")), "stage", "outcome", "place"
            )
        )
        .order_by(
            "-nomination__edition__year",
            "nomination__edition__contest__order",
            "nomination__edition__contest__name",
            "-last_stage",
            "teacher__surname",
            "pk",
        )[:SECTION_ROWS]
    )
    for entry in entries:
        entry.last_stage_label = (
            choice_label(ContestStage, entry.last_stage) if entry.last_stage else ""
        )
        entry.last_outcome_label = choice_label(ContestOutcome, entry.last_outcome or "")
    return entries


def sections(institution):
    found = []
    query = list_query(institution)
    results = olympiad_results(institution)
    works = man_works(institution)
    if results or works:
        found.append(
            {
                "template": "contests/includes/institution_students.html",
                "results": results,
                "results_more": results[0].total - len(results) if results else 0,
                "works": works,
                "works_more": works[0].total - len(works) if works else 0,
                "olympiads_url": reverse("contests:olympiad_index"),
                "man_url": reverse("contests:man_index"),
                "query": query,
            }
        )
    entries = contest_entries(institution)
    if entries:
        found.append(
            {
                "template": "contests/includes/institution_contests.html",
                "entries": entries,
                "more": entries[0].total - len(entries),
                "contests_url": reverse("contests:index"),
                "query": query,
            }
        )
    return found


def teacher_has_public_records():
    """The teacher entered a published contest edition, mentored a student of a published
    olympiad or supervised a published МАН work: their page shows it."""
    teacher = OuterRef("pk")
    return (
        Exists(ContestEntry.objects.filter(teacher=teacher, nomination__edition__is_published=True))
        | Exists(OlympiadResult.objects.filter(mentor=teacher, olympiad__is_published=True))
        | Exists(ManWork.objects.published().filter(supervisor=teacher))
    )
