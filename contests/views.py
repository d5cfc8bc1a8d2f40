"""Public pages: contests and their editions, olympiad years, МАН years, project festivals.
Year pages are the pagination: a year's list is bounded, so no OFFSET scans."""

import datetime as dt
from collections import defaultdict
from itertools import groupby
from operator import attrgetter

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
    prefetch_related_objects,
)
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import capfirst

from contests import queries
from imc_portal import _transition as fragments
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
from imc_portal._transition import attach_html, cached_html, filters_key
from imc_portal._transition import cached_until_change
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


def person_fields(relation):
    """The columns a result row shows of a teacher: the name and the page's slug."""
    return [f"{relation}__{name}" for name in ("slug", "surname", "first_name", "patronymic")]


def institution_fields(relation="institution"):
    return [f"{relation}__name", f"{relation}__short_name"]


SUPERVISOR_FIELDS = person_fields("supervisor")


def stage_cells(results, stages):
    """One cell per stage, None where the participant did not reach it."""
    by_stage = {result.stage: result for result in results}
    return [by_stage.get(stage) for stage in stages]


def contest_index(request):
    contests = Contest.objects.filter(editions__is_published=True).distinct()

    def prepare(missing):
        """Each contest's published editions with their counts, for those not rendered yet."""
        editions = (
            ContestEdition.objects.published()
            .select_related("contest")
            .annotate(
                participants=Count("nominations__entries", distinct=True),
                nomination_count=Count("nominations", distinct=True),
            )
            .order_by("-year")
        )
        prefetch_related_objects(missing, Prefetch("editions", editions, to_attr="edition_list"))

    contests = attach_html(
        contests,
        "contests/includes/contest_section.html",
        "contests:contest-section",
        as_name="contest",
        prepare=prepare,
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
    stages = list(ContestStage)

    # An edition's results do not change with the time or the visitor: its nominations and
    # their rows are rendered once per change of the records and filter values (never when
    # the filters have errors), and their queries run only then.
    nominations_html = fragments.kept_for_filters(
        "edition-nominations", filterset, "contests/includes/edition_nominations.html",
        lambda: {"nominations": edition_nominations(edition, filterset, stages), "stages": stages},
        edition.pk,
    )  # fmt: skip
    return render(
        request,
        "contests/contest_edition.html",
        {
            "edition": edition,
            "nominations_html": nominations_html,
            "filter": filterset,
            "filter_form": fragments.rendered_filter_form(request, filterset),
        },
    )


def edition_nominations(edition, filterset, stages):
    """The edition's nominations, each with its entries matching the filters (``entry_list``,
    each row's HTML in ``entry.html``), winners first."""
    entries = (
        filterset.qs.filter(nomination__edition=edition)
        .only("nomination_id")
        .annotate(
            progress=Max(F("results__stage") * 10 + OUTCOME_WEIGHT),
            best_place=Min("results__place"),
        )
        .order_by(
            "-progress",
            F("best_place").asc(nulls_last=True),
            "teacher__surname",
            "teacher__first_name",
        )
    )
    # Grouped here rather than by prefetch_related, whose per-request set-up cost more
    # than the query itself.
    by_nomination = defaultdict(list)
    for entry in entries:
        by_nomination[entry.nomination_id].append(entry)
    nominations = list(Nomination.objects.filter(edition=edition))
    for nomination in nominations:
        nomination.entry_list = by_nomination[nomination.pk]
    teacher_url = teacher_urls()

    def prepare(missing):
        """Each entry's person, institution and results (a cell per stage)."""
        results = ContestResult.objects.order_by("stage")
        rows = (
            ContestEntry.objects.filter(pk__in=[entry.pk for entry in missing])
            .select_related("teacher", "institution")
            .only(*person_fields("teacher"), *institution_fields())
            .prefetch_related(Prefetch("results", results, to_attr="result_list"))
            .in_bulk()
        )
        for entry in missing:
            row = rows[entry.pk]
            entry.teacher, entry.institution = row.teacher, row.institution
            entry.cells = stage_cells(row.result_list, stages)
            entry.teacher_url = teacher_url(row.teacher.slug)

    fragments.attach_rows(
        [entry for nomination in nominations for entry in nomination.entry_list],
        "contests/includes/contest_entry_row.html",
        "contest-entry",
        as_name="entry",
        prepare=prepare,
    )
    return nominations


def olympiad_index_table():
    """Participants and winners per year and stage. Counting every result of the archive
    (40,000 rows in ten years) on each visit would dominate the page; the figures only
    change when a record does."""

    def compute():
        rows = (
            OlympiadResult.objects.filter(olympiad__is_published=True)
            .values("olympiad__year", "stage")
            .annotate(
                participants=Count("id"),
                winners=Count("id", filter=Q(result__in=WINNING_DIPLOMAS)),
            )
            .order_by("-olympiad__year", "stage")
        )
        years = {}
        for row in rows:
            row["share"] = queries.percent(row["winners"], row["participants"])
            years.setdefault(row["olympiad__year"], {})[row["stage"]] = row
        return [
            {"year": year, "cells": [by_stage.get(s) for s in OlympiadStage]}
            for year, by_stage in years.items()
        ]

    return cached_until_change("contests:olympiad-index-table", compute)


def olympiad_index(request):
    years = olympiad_index_table()
    stages = list(OlympiadStage)
    table = cached_html(
        "contests:olympiad-index",
        lambda: render_to_string(
            "contests/includes/olympiad_years.html", {"years": years, "stages": stages}
        ),
    )
    return render(
        request,
        "contests/olympiad_index.html",
        {"years": years, "stages": stages, "table": table},
    )


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


def olympiad_year_figures(year):
    """A year's figures by stage and by olympiad, from one query over its 4,000 results:
    kept until a record changes."""

    def compute():
        by_subject = queries.olympiad_subject_figures(year_period(year))
        figures = queries.olympiad_stage_totals(by_subject)
        for row in figures:
            row["stage_label"] = OlympiadStage(row["stage"]).label
        return figures, olympiad_table(by_subject)

    return cached_until_change(f"contests:olympiad-year-tables-{year}", compute)


def olympiad_year(request, year):
    """A year's figures in full (by stage, by subject), then one subject's results at a
    time, its diploma winners by default, the highest stage first, at most ROWS_PER_PAGE
    rows a page: a big city's year is 4,000 rows, far too many for one page. The pages
    stay within one subject's year, so their OFFSET is bounded."""
    year_period(year)
    figures, olympiads = olympiad_year_figures(year)
    if not figures:
        raise Http404
    subjects = list(dict.fromkeys((row["slug"], row["subject"]) for row in olympiads))
    results = OlympiadResult.objects.filter(olympiad__year=year, olympiad__is_published=True)
    filterset = OlympiadResultFilter(request.GET, queryset=results, subjects=subjects)
    page = page_number(request)
    subject_name = dict(subjects).get(filterset.subject, "")

    def results():
        rows, groups, next_page = olympiad_result_groups(filterset, subject_name, page)
        return {
            "results": rows,
            "groups": groups,
            "subject_name": subject_name,
            "page": page,
            "previous_page": page - 1 if page > 1 else None,
            "next_page": next_page,
            "request": request,
        }

    # The pager's links repeat the query string as given.
    results_html = fragments.kept_for_filters(
        "olympiad-results", filterset, "contests/includes/olympiad_results.html", results,
        year, filterset.subject, page, sorted(request.GET.lists()),
    )  # fmt: skip
    context = {
        "year": year,
        "figures": figures,
        "olympiads": olympiads,
        "stages": list(OlympiadStage),
        "subject": filterset.subject,
        "subject_name": subject_name,
    }
    figures_html = cached_html(
        f"contests:olympiad-figures:{year}:{filterset.subject}",
        lambda: render_to_string("contests/includes/olympiad_figures.html", context),
    )
    institutions, institutions_html = olympiad_institutions(year, filterset, subject_name)
    return render(
        request,
        "contests/olympiad_year.html",
        {
            **context,
            "figures_html": figures_html,
            "filter_form": fragments.rendered_filter_form(request, filterset),
            "results_html": results_html,
            "page": page,
            "institutions": institutions,
            "institutions_html": institutions_html,
        },
    )


def olympiad_result_groups(filterset, subject_name, page):
    """One page of the chosen subject's results, grouped by kind (its olympiad, its
    tournament), each row's HTML in ``row.html``: the rows, their groups and the next page's
    number, if any."""
    offset = (page - 1) * ROWS_PER_PAGE
    # Read whole with what a row shows (a page is at most ROWS_PER_PAGE rows), and the kind
    # that groups them: a row not rendered yet needs no second query.
    rows = list(
        filterset.results(filterset.qs)
        .select_related("student", "institution", "mentor")
        .only(*OLYMPIAD_ROW_FIELDS)
        .annotate(kind=F("olympiad__kind"))
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
    next_page = page + 1 if len(rows) > ROWS_PER_PAGE else None
    rows = rows[:ROWS_PER_PAGE]
    teacher_url = teacher_urls()

    def prepare(missing):
        for row in missing:
            row.mentor_url = teacher_url(row.mentor.slug) if row.mentor else ""

    fragments.attach_rows(
        rows, "contests/includes/olympiad_result_row.html", "olympiad-row", as_name="row",
        prepare=prepare,
    )  # fmt: skip
    # One subject a page: its olympiad and its tournament, if both were held.
    groups = [
        {"title": f"{capfirst(Olympiad.Kind(kind).label)}: {subject_name}", "rows": list(group)}
        for kind, group in groupby(rows, key=attrgetter("kind"))
    ]
    return rows, groups, next_page


OLYMPIAD_ROW_FIELDS = (
    "olympiad_id",
    "stage",
    "grade",
    "result",
    "score",
    "student__surname",
    "student__first_name",
    *institution_fields(),
    *person_fields("mentor"),
)


def olympiad_institutions(year, filterset, subject_name):
    """The figures by institution of the chosen subject (and the other filters but the
    result), and their table: both kept until a record changes."""
    key = filters_key(filterset, year, filterset.subject)

    def compute():
        return queries.olympiad_institution_figures(year_period(year), results=filterset.qs)

    def render_table():
        return render_to_string(
            "contests/includes/olympiad_institutions.html",
            {"institutions": institutions, "subject_name": subject_name},
        )

    if not key:
        institutions = compute()
        return institutions, render_table()
    institutions = cached_until_change(f"contests:olympiad-institutions:{key}", compute)
    return institutions, cached_html(f"contests:olympiad-institutions:{key}", render_table)


def man_figures():
    """Every year's МАН figures by section, the works per year and the record: kept until a
    record changes."""
    return cached_until_change(
        "contests:man-figures", lambda: queries.man_figures_by_year(all_time())
    )


def man_index(request):
    figures = man_figures()
    table = cached_html(
        "contests:man-index",
        lambda: render_to_string("contests/includes/man_years.html", figures),
    )
    return render(
        request,
        "contests/man_index.html",
        {"years": figures["years"], "record": figures["record"], "table": table},
    )


def man_stage_outcome(stage):
    return Subquery(
        ManResult.objects.filter(work=OuterRef("pk"), stage=stage).values("outcome")[:1]
    )


def man_year(request, year):
    """A year's works one section at a time (the first by default), each work's result
    per stage as a column."""
    year_period(year)
    figures = man_figures()
    sections = figures["sections"].get(year)
    if not sections:
        raise Http404
    filterset = ManWorkFilter(
        request.GET,
        queryset=ManWork.objects.published().filter(year=year),
        sections=[(row["section_slug"], row["section_name"]) for row in sections],
    )
    stages = list(ManStage)

    works_html = fragments.kept_for_filters(
        "man-works", filterset, "contests/includes/man_works.html",
        lambda: {"works": man_works(filterset, stages), "stages": stages},
        year, filterset.section,
    )  # fmt: skip
    return render(
        request,
        "contests/man_year.html",
        {
            "year": year,
            "count": sum(row["works"] for row in sections),
            "sections": sections,
            "section": filterset.section,
            "record": figures["record"],
            "filter": filterset,
            "filter_form": fragments.rendered_filter_form(request, filterset),
            "works_html": works_html,
        },
    )


def man_works(filterset, stages):
    """The works matching the filters, by title, each row's HTML in ``work.html``."""
    # Read whole with what a row shows, its result per stage and the section that groups
    # the rows (a section's year is a few dozen works): a row not rendered yet needs only
    # its students.
    works = list(
        filterset.qs.select_related("section", "institution", "supervisor")
        .only("title", "grade", "section__name", *institution_fields(), *SUPERVISOR_FIELDS)
        .annotate(**{f"outcome_{stage.value}": man_stage_outcome(stage) for stage in stages})
        .order_by("title", "pk")
    )
    teacher_url = teacher_urls()

    def prepare(missing):
        """Students, supervisor links and result cells of the rows not rendered yet."""
        prefetch_related_objects(missing, "students")
        for work in missing:
            work.supervisor_url = teacher_url(work.supervisor.slug) if work.supervisor else ""
            outcomes = [getattr(work, f"outcome_{stage.value}") for stage in stages]
            work.cells = [ManOutcome(value).label if value else None for value in outcomes]

    fragments.attach_rows(
        works, "contests/includes/man_work_row.html", "man-work", as_name="work",
        prepare=prepare,
    )  # fmt: skip
    return works


def projects_index(request):
    festivals = ProjectFestival.objects.published()

    def prepare(missing):
        counts = (
            ProjectFestival.objects.filter(pk__in=[festival.pk for festival in missing])
            .annotate(
                project_count=Count("projects"),
                funded=Count("projects", filter=Q(projects__city_funded=True)),
            )
            .values_list("pk", "project_count", "funded")
        )
        by_pk = {pk: (project_count, funded) for pk, project_count, funded in counts}
        for festival in missing:
            festival.project_count, festival.funded = by_pk[festival.pk]

    festivals = attach_html(
        festivals,
        "contests/includes/festival_item.html",
        "contests:festival-item",
        as_name="festival",
        prepare=prepare,
    )
    return render(request, "contests/projects_index.html", {"festivals": festivals})


def projects_year(request, year):
    year_period(year)
    festival = get_object_or_404(ProjectFestival.objects.published(), year=year)
    filterset = ProjectFilter(request.GET, queryset=Project.objects.filter(festival=festival))

    projects_html = fragments.kept_for_filters(
        "festival-projects", filterset, "contests/includes/projects_table.html",
        lambda: {"projects": festival_projects(filterset)}, festival.pk,
    )  # fmt: skip
    return render(
        request,
        "contests/projects_year.html",
        {
            "festival": festival,
            "projects_html": projects_html,
            "filter": filterset,
            "filter_form": fragments.rendered_filter_form(request, filterset),
        },
    )


def festival_projects(filterset):
    """The festival's projects matching the filters, each row's HTML in ``project.html``."""
    projects = filterset.qs.select_related("institution", "supervisor").only(
        "title",
        "team_name",
        "outcome",
        "place",
        "city_funded",
        *institution_fields(),
        *SUPERVISOR_FIELDS,
    )
    teacher_url = teacher_urls()

    def prepare(missing):
        prefetch_related_objects(missing, "team")
        for project in missing:
            supervisor = project.supervisor
            project.supervisor_url = teacher_url(supervisor.slug) if supervisor else ""

    return fragments.attach_rows(
        projects,
        "contests/includes/project_row.html",
        "project",
        as_name="project",
        prepare=prepare,
    )
