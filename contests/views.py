"""Public pages: contests and their editions, olympiad years, МАН years, project festivals.
Year pages are the pagination: a year's list is bounded, so no OFFSET scans."""

import datetime as dt

from django.db.models import Case, Count, F, IntegerField, Max, Min, Prefetch, Q, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from contests import queries
from contests.filters import ContestEntryFilter, ManWorkFilter, OlympiadResultFilter, ProjectFilter
from contests.models import (
    Contest,
    ContestEdition,
    ContestEntry,
    ContestOutcome,
    ContestResult,
    ContestStage,
    ManResult,
    ManStage,
    ManWork,
    Nomination,
    OlympiadResult,
    OlympiadStage,
    Project,
    ProjectFestival,
)
from contests.models.olympiads import WINNING_DIPLOMAS
from imc_portal.periods import Period

FIRST_YEAR = 1990


def all_time():
    return Period.years(FIRST_YEAR, dt.date.today().year + 1)


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
            Prefetch("results", queryset=ContestResult.objects.all(), to_attr="result_list")
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
    for nomination in nominations:
        for entry in nomination.entry_list:
            entry.cells = stage_cells(entry.result_list, stages)
    return render(
        request,
        "contests/contest_edition.html",
        {"edition": edition, "nominations": nominations, "stages": stages, "filter": filterset},
    )


def olympiad_index(request):
    rows = (
        OlympiadResult.objects.filter(olympiad__is_published=True)
        .values("olympiad__year", "stage")
        .annotate(
            participants=Count("id"), winners=Count("id", filter=Q(result__in=WINNING_DIPLOMAS))
        )
        .order_by("-olympiad__year", "stage")
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


def olympiad_year(request, year):
    period = Period.calendar_year(year)
    results = OlympiadResult.objects.filter(olympiad__year=year, olympiad__is_published=True)
    figures = queries.olympiad_stage_figures(period)
    if not figures:
        raise Http404
    for row in figures:
        row["stage_label"] = OlympiadStage(row["stage"]).label
    filterset = OlympiadResultFilter(request.GET, queryset=results)
    rows = filterset.qs.select_related(
        "olympiad__subject", "student", "institution", "mentor"
    ).order_by(
        "olympiad__subject__order",
        "olympiad__subject__name",
        "olympiad__kind",
        "stage",
        "result",
        F("score").desc(nulls_last=True),
        "student__surname",
        "student__first_name",
    )
    return render(
        request,
        "contests/olympiad_year.html",
        {
            "year": year,
            "figures": figures,
            "filter": filterset,
            "results": rows,
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


def man_year(request, year):
    period = Period.calendar_year(year)
    counts = queries.man_works_per_year(period)
    if not counts:
        raise Http404
    filterset = ManWorkFilter(request.GET, queryset=ManWork.objects.published().filter(year=year))
    works = (
        filterset.qs.select_related("section", "institution", "supervisor")
        .prefetch_related(
            "students", Prefetch("results", queryset=ManResult.objects.all(), to_attr="result_list")
        )
        .order_by("section__order", "section__name", "title")
    )
    stages = list(ManStage)
    works = list(works)
    for work in works:
        work.cells = stage_cells(work.result_list, stages)
    return render(
        request,
        "contests/man_year.html",
        {
            "year": year,
            "count": counts[0]["works"],
            "record": queries.man_record(all_time()),
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
    festival = get_object_or_404(ProjectFestival.objects.published(), year=year)
    filterset = ProjectFilter(request.GET, queryset=Project.objects.filter(festival=festival))
    projects = filterset.qs.select_related("institution", "supervisor").prefetch_related("team")
    return render(
        request,
        "contests/projects_year.html",
        {"festival": festival, "projects": projects, "filter": filterset},
    )
