"""Public pages: contests and their editions, olympiad years, МАН years, project festivals."""

from django.db.models import (
    Case,
    Count,
    Exists,
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

from contests import queries
from contests.filters import (
    ALL,
    WINNERS,
    ContestEntryFilter,
    ManWorkFilter,
    OlympiadResultFilter,
    ProjectFilter,
)
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
    Olympiad,
    OlympiadResult,
    OlympiadStage,
    Project,
    ProjectFestival,
    Student,
)
from imc_portal.page_cache import public_page
from imc_portal.pagination import paginate, query_without_page
from imc_portal.periods import FIRST_YEAR, LAST_YEAR, Period, year_or_404

ROWS_PER_PAGE = 50


def all_time():
    return Period.years(FIRST_YEAR, LAST_YEAR)


def stage_table(rows, stages, key):
    """Figures per (key, stage) as one line per key: the key's first row with ``cells``,
    one per stage, None where there is no row."""
    lines = {}
    for row in rows:
        line = lines.setdefault(key(row), {**row, "by_stage": {}})
        line["by_stage"][row["stage"]] = row
    for line in lines.values():
        by_stage = line.pop("by_stage")
        line["cells"] = [by_stage.get(stage) for stage in stages]
    return list(lines.values())


def stage_cells(results, stages):
    """One cell per stage: the result there, None where the participant did not reach it."""
    by_stage = {result.stage: result for result in results}
    return [by_stage.get(stage) for stage in stages]


@public_page()
def contest_index(request):
    editions = (
        ContestEdition.objects.published()
        .annotate(
            participants=Count("nominations__entries", distinct=True),
            nomination_count=Count("nominations", distinct=True),
        )
        .order_by("-year")
    )
    contests = Contest.objects.filter(
        Exists(ContestEdition.objects.published().filter(contest=OuterRef("pk")))
    ).prefetch_related(Prefetch("editions", editions, to_attr="edition_list"))
    return render(request, "contests/contest_index.html", {"contests": contests})


# Winners first: how far a participant got, then how well they did there.
OUTCOME_WEIGHT = Case(
    When(results__outcome=ContestOutcome.WINNER, then=Value(3)),
    When(results__outcome=ContestOutcome.LAUREATE, then=Value(2)),
    default=Value(1),
    output_field=IntegerField(),
)


@public_page(query=ContestEntryFilter.base_filters)
def contest_edition(request, slug, year):
    """The edition's nominations, each with its entries matching the filters, winners
    first, and each entry's result at every stage."""
    year_or_404(year)
    edition = get_object_or_404(
        ContestEdition.objects.published().select_related("contest"), contest__slug=slug, year=year
    )
    filterset = ContestEntryFilter(request.GET, queryset=ContestEntry.objects.all())
    nominations = None
    if not filterset.errors:
        entries = (
            filterset.qs.select_related("teacher", "institution")
            .prefetch_related(
                Prefetch("results", ContestResult.objects.order_by("stage"), to_attr="result_list")
            )
            .annotate(
                progress=Max(F("results__stage") * 10 + OUTCOME_WEIGHT),
                best_place=Min("results__place"),
            )
            .order_by(
                "-progress",
                F("best_place").asc(nulls_last=True),
                "teacher__surname",
                "teacher__first_name",
                "pk",
            )
        )
        nominations = edition.nominations.order_by("order", "name").prefetch_related(
            Prefetch("entries", entries, to_attr="entry_list")
        )
        for nomination in nominations:
            for entry in nomination.entry_list:
                entry.cells = stage_cells(entry.result_list, ContestStage)
    context = {
        "edition": edition,
        "nominations": nominations,
        "stages": ContestStage,
        "filter": filterset,
    }
    return render(request, "contests/contest_edition.html", context, status=filterset.status)


@public_page()
def olympiad_index(request):
    """Participants, diploma winners and their share per year and stage."""
    rows = queries.olympiad_stage_figures_by_year(all_time())
    years = stage_table(rows, OlympiadStage, key=lambda row: row["year"])
    return render(
        request, "contests/olympiad_index.html", {"years": years, "stages": OlympiadStage}
    )


@public_page(query=[*OlympiadResultFilter.base_filters, "page"])
def olympiad_year(request, year):
    """A year's figures in full (by stage, by subject), then one subject's results at a
    time, its diploma winners by default, the highest stage first, ROWS_PER_PAGE a page
    (a big city's year is 4,000 rows), and the subject's figures by institution."""
    period = year_or_404(year)
    by_subject = queries.olympiad_subject_figures(period)
    if not by_subject:
        raise Http404
    figures = queries.olympiad_stage_totals(by_subject)
    for row in figures:
        row["stage_label"] = OlympiadStage(row["stage"]).label
    olympiads = stage_table(
        by_subject, OlympiadStage, key=lambda row: (row["subject_slug"], row["olympiad__kind"])
    )
    for row in olympiads:
        row["kind_label"] = Olympiad.Kind(row["olympiad__kind"]).label
    results = OlympiadResult.objects.filter(olympiad__year=year, olympiad__is_published=True)
    filterset = OlympiadResultFilter(request.GET, queryset=results, year=year)
    subject, subject_name = filterset.shown_subject
    context = {
        "year": year,
        "figures": figures,
        "olympiads": olympiads,
        "stages": OlympiadStage,
        "filter": filterset,
        "subject": subject,
        "subject_name": subject_name,
        "page_obj": None,
        "institutions": None,
    }
    if not filterset.errors:
        shown = (
            filterset.results()
            .select_related("olympiad", "student", "institution", "mentor")
            .order_by(
                "olympiad__kind",
                "-stage",
                "result",
                F("score").desc(nulls_last=True),
                "student__surname",
                "student__first_name",
                "pk",
            )
        )
        institutions = queries.olympiad_institution_figures(period, results=filterset.qs)
        # The figures by institution count the shown results too (every institution's
        # results of the other filters, by kind): the list's total comes from them.
        column = {ALL: "participants", WINNERS: "winners"}.get(
            filterset.shown_result, filterset.shown_result
        )
        count = sum(row[column] for row in institutions)
        context["page_obj"] = paginate(request, shown, ROWS_PER_PAGE, count)
        context["query"] = query_without_page(request)
        context["institutions"] = institutions
    return render(request, "contests/olympiad_year.html", context, status=filterset.status)


@public_page()
def man_index(request):
    figures = queries.man_figures_by_year(all_time())
    context = {"years": figures["years"], "record": figures["record"]}
    return render(request, "contests/man_index.html", context)


def man_stage_outcome(stage):
    return Subquery(
        ManResult.objects.filter(work=OuterRef("pk"), stage=stage).values("outcome")[:1]
    )


@public_page(query=ManWorkFilter.base_filters)
def man_year(request, year):
    """A year's works one section at a time (the first by default), each work's result
    per stage as a column."""
    year_or_404(year)
    figures = queries.man_figures_by_year(all_time())
    sections = figures["sections"].get(year)
    if not sections:
        raise Http404
    filterset = ManWorkFilter(
        request.GET, queryset=ManWork.objects.published().filter(year=year), year=year
    )
    works = None
    if not filterset.errors:
        works = (
            filterset.qs.select_related("section", "institution", "supervisor")
            .prefetch_related(Prefetch("students", Student.objects.all(), to_attr="student_list"))
            .annotate(**{f"outcome_{stage}": man_stage_outcome(stage) for stage in ManStage})
            .order_by("title", "pk")
        )
        outcomes = dict(ManOutcome.choices)
        for work in works:
            work.cells = [outcomes.get(getattr(work, f"outcome_{stage}")) for stage in ManStage]
    section, section_name = filterset.shown_section
    context = {
        "year": year,
        "count": sum(row["works"] for row in sections),
        "sections": sections,
        "section": section,
        "section_name": section_name,
        "record": figures["record"],
        "filter": filterset,
        "works": works,
        "stages": ManStage,
    }
    return render(request, "contests/man_year.html", context, status=filterset.status)


@public_page()
def projects_index(request):
    festivals = ProjectFestival.objects.published().annotate(
        project_count=Count("projects"),
        funded=Count("projects", filter=Q(projects__city_funded=True)),
    )
    return render(request, "contests/projects_index.html", {"festivals": festivals})


PROJECT_RANK = Case(
    When(outcome=Project.Outcome.WINNER, then=Value(1)),
    When(outcome=Project.Outcome.PRIZE, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)


@public_page(query=ProjectFilter.base_filters)
def projects_year(request, year):
    """The festival's projects matching the filters, winners first."""
    year_or_404(year)
    festival = get_object_or_404(ProjectFestival.objects.published(), year=year)
    filterset = ProjectFilter(request.GET, queryset=festival.projects.all())
    projects = None
    if not filterset.errors:
        projects = (
            filterset.qs.select_related("institution", "supervisor")
            .prefetch_related(Prefetch("team", Student.objects.all(), to_attr="team_list"))
            .order_by(PROJECT_RANK, F("place").asc(nulls_last=True), "title")
        )
    context = {"festival": festival, "projects": projects, "filter": filterset}
    return render(request, "contests/projects_year.html", context, status=filterset.status)
