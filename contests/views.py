"""Public pages: contests and their editions, olympiad years, МАН years, project festivals.
Year pages are the pagination: a year's list is bounded, so no OFFSET scans."""

import datetime as dt

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from contests import queries
from contests.filters import ContestEntryFilter, ManWorkFilter, OlympiadResultFilter, ProjectFilter
from contests.models import (
    Contest,
    ContestEdition,
    ContestEntry,
    ContestOutcome,
    ContestResult,
    ContestStage,
    ManOutcome,
    ManResult,
    ManStage,
    ManWork,
    Nomination,
    Olympiad,
    OlympiadResult,
    OlympiadStage,
    Project,
    ProjectFestival,
)
from contests.models.olympiads import WINNING_DIPLOMAS
from imc_portal.page_cache import cached_until_change
from imc_portal.periods import Period

FIRST_YEAR = 1990
ROWS_PER_PAGE = 50
MAX_PAGE = 100


LAST_YEAR = 2100  # the models' year range


def year_period(year):
    """The calendar year of a year page; a year no record can have is not found (and never
    reaches ``datetime``, which refuses years past 9999)."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    return Period.calendar_year(year)


def all_time():
    return Period.years(FIRST_YEAR, dt.date.today().year + 1)


def teacher_urls():
    """slug → the teacher's page, reversed once: reverse() per row costs a 160-row edition
    page more than its queries."""
    prefix, suffix = reverse("teacher_detail", kwargs={"slug": "slug"}).rsplit("slug", 1)
    return lambda slug: f"{prefix}{slug}{suffix}"


def stage_cells(results, stages):
    """One cell per stage, None where the participant did not reach it."""
    by_stage = {result.stage: result for result in results}
    return [by_stage.get(stage) for stage in stages]


def contest_index(request):
    contests = (
        Contest.objects.filter(editions__is_published=True)
        .distinct()
        .prefetch_related(
            Prefetch(
                "editions",
                queryset=ContestEdition.objects.published()
                .select_related("contest")
                .annotate(
                    participants=Count("nominations__entries", distinct=True),
                    nomination_count=Count("nominations", distinct=True),
                )
                .order_by("-year"),
                to_attr="edition_list",
            )
        )
    )
    return render(request, "contests/contest_index.html", {"contests": contests})


# Winners first: how far a participant got, then how well they did there.
OUTCOME_WEIGHT = Case(
    When(results__outcome=ContestOutcome.WINNER, then=Value(3)),
    When(results__outcome=ContestOutcome.LAUREATE, then=Value(2)),
    default=Value(1),
    output_field=IntegerField(),
)


def contest_edition(request, slug, year):
    year_period(year)
    edition = get_object_or_404(
        ContestEdition.objects.published().select_related("contest"), contest__slug=slug, year=year
    )
    filterset = ContestEntryFilter(request.GET, queryset=ContestEntry.objects.all())
    entries = (
        filterset.qs.select_related("teacher", "institution")
        .annotate(
            progress=Max(F("results__stage") * 10 + OUTCOME_WEIGHT),
            best_place=Min("results__place"),
        )
        .prefetch_related(
            Prefetch(
                "results",
                queryset=ContestResult.objects.order_by("stage"),
                to_attr="result_list",
            )
        )
        .order_by(
            "-progress",
            F("best_place").asc(nulls_last=True),
            "teacher__surname",
            "teacher__first_name",
        )
    )
    nominations = list(
        Nomination.objects.filter(edition=edition).prefetch_related(
            Prefetch("entries", queryset=entries, to_attr="entry_list")
        )
    )
    stages = list(ContestStage)
    teacher_url = teacher_urls()
    for nomination in nominations:
        for entry in nomination.entry_list:
            entry.cells = stage_cells(entry.result_list, stages)
            entry.teacher_url = teacher_url(entry.teacher.slug)
    return render(
        request,
        "contests/contest_edition.html",
        {"edition": edition, "nominations": nominations, "stages": stages, "filter": filterset},
    )


def olympiad_index(request):
    # Counting every result of the archive (40,000 rows in ten years) on each visit would
    # dominate the page; the figures only change when a record does.
    rows = cached_until_change(
        "contests:olympiad-years",
        lambda: list(
            OlympiadResult.objects.filter(olympiad__is_published=True)
            .values("olympiad__year", "stage")
            .annotate(
                participants=Count("id"),
                winners=Count("id", filter=Q(result__in=WINNING_DIPLOMAS)),
            )
            .order_by("-olympiad__year", "stage")
        ),
    )
    years = {}
    for row in rows:
        row["share"] = queries.percent(row["winners"], row["participants"])
        years.setdefault(row["olympiad__year"], {})[row["stage"]] = row
    stages = list(OlympiadStage)
    table = [
        {"year": year, "cells": [by_stage.get(s) for s in stages]}
        for year, by_stage in years.items()
    ]
    return render(request, "contests/olympiad_index.html", {"years": table, "stages": stages})


def page_number(request):
    """The ?page= of a bounded list (one olympiad of one year); anything odd is page 1."""
    value = request.GET.get("page", "")
    return int(value) if value.isascii() and value.isdigit() and 0 < int(value) <= MAX_PAGE else 1


def olympiad_table(rows):
    """The per-subject figures as one row per olympiad (subject and kind), a cell per stage."""
    stages = list(OlympiadStage)
    table = {}
    for row in rows:
        key = (row["subject_slug"], row["olympiad__kind"])
        entry = table.setdefault(
            key,
            {
                "subject": row["subject"],
                "slug": row["subject_slug"],
                "kind": row["olympiad__kind"],
                "kind_label": Olympiad.Kind(row["olympiad__kind"]).label,
                "by_stage": {},
            },
        )
        entry["by_stage"][row["stage"]] = row
    for entry in table.values():
        by_stage = entry.pop("by_stage")
        entry["cells"] = [by_stage.get(stage) for stage in stages]
    return list(table.values())


def olympiad_year(request, year):
    """A year's figures in full (by stage, by subject), then one subject's results at a
    time, its diploma winners by default, the highest stage first, at most ROWS_PER_PAGE
    rows a page: a big city's year is 4,000 rows, far too many for one page. The pages
    stay within one subject's year, so their OFFSET is bounded."""
    period = year_period(year)
    # A year's figures count its 4,000 results: kept until a record changes.
    figures, by_subject = cached_until_change(
        f"contests:olympiad-year-{year}",
        lambda: (queries.olympiad_stage_figures(period), queries.olympiad_subject_figures(period)),
    )
    if not figures:
        raise Http404
    for row in figures:
        row["stage_label"] = OlympiadStage(row["stage"]).label
    olympiads = olympiad_table(by_subject)
    subjects = list(dict.fromkeys((row["slug"], row["subject"]) for row in olympiads))
    results = OlympiadResult.objects.filter(olympiad__year=year, olympiad__is_published=True)
    filterset = OlympiadResultFilter(request.GET, queryset=results, subjects=subjects)
    page = page_number(request)
    offset = (page - 1) * ROWS_PER_PAGE
    rows = list(
        filterset.results(filterset.qs)
        .select_related("olympiad__subject", "student", "institution", "mentor")
        .order_by(
            "olympiad__kind",
            "-stage",
            "result",
            F("score").desc(nulls_last=True),
            "student__surname",
            "student__first_name",
            "pk",
        )[offset : offset + ROWS_PER_PAGE + 1]
    )
    if page > 1 and not rows:
        raise Http404
    teacher_url = teacher_urls()
    for row in rows:
        row.mentor_url = teacher_url(row.mentor.slug) if row.mentor else ""
    subject_name = dict(subjects).get(filterset.subject, "")
    return render(
        request,
        "contests/olympiad_year.html",
        {
            "year": year,
            "figures": figures,
            "olympiads": olympiads,
            "stages": list(OlympiadStage),
            "filter": filterset,
            "subject": filterset.subject,
            "subject_name": subject_name,
            "results": rows[:ROWS_PER_PAGE],
            "page": page,
            "previous_page": page - 1 if page > 1 else None,
            "next_page": page + 1 if len(rows) > ROWS_PER_PAGE else None,
            "institutions": queries.olympiad_institution_figures(period, results=filterset.qs),
        },
    )


def man_index(request):
    period = all_time()
    return render(
        request,
        "contests/man_index.html",
        {"years": queries.man_works_per_year(period), "record": queries.man_record(period)},
    )


def man_stage_outcome(stage):
    return Subquery(
        ManResult.objects.filter(work=OuterRef("pk"), stage=stage).values("outcome")[:1]
    )


def man_year(request, year):
    """A year's works one section at a time (the first by default), each work's result
    per stage as a column."""
    period = year_period(year)
    sections = queries.man_section_figures(period)
    if not sections:
        raise Http404
    filterset = ManWorkFilter(
        request.GET,
        queryset=ManWork.objects.published().filter(year=year),
        sections=[(row["section_slug"], row["section_name"]) for row in sections],
    )
    stages = list(ManStage)
    works = list(
        filterset.qs.select_related("section", "institution", "supervisor")
        .prefetch_related("students")
        .annotate(**{f"outcome_{stage.value}": man_stage_outcome(stage) for stage in stages})
        .order_by("title", "pk")
    )
    teacher_url = teacher_urls()
    for work in works:
        work.supervisor_url = teacher_url(work.supervisor.slug) if work.supervisor else ""
        outcomes = [getattr(work, f"outcome_{stage.value}") for stage in stages]
        work.cells = [ManOutcome(value).label if value else None for value in outcomes]
    return render(
        request,
        "contests/man_year.html",
        {
            "year": year,
            "count": sum(row["works"] for row in sections),
            "sections": sections,
            "section": filterset.section,
            "record": cached_until_change(
                "contests:man-record", lambda: queries.man_record(all_time())
            ),
            "filter": filterset,
            "works": works,
            "stages": stages,
        },
    )


def projects_index(request):
    festivals = ProjectFestival.objects.published().annotate(
        project_count=Count("projects"),
        funded=Count("projects", filter=Q(projects__city_funded=True)),
    )
    return render(request, "contests/projects_index.html", {"festivals": festivals})


def projects_year(request, year):
    year_period(year)
    festival = get_object_or_404(ProjectFestival.objects.published(), year=year)
    filterset = ProjectFilter(request.GET, queryset=Project.objects.filter(festival=festival))
    projects = filterset.qs.select_related("institution", "supervisor").prefetch_related("team")
    return render(
        request,
        "contests/projects_year.html",
        {"festival": festival, "projects": projects, "filter": filterset},
    )
