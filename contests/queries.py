"""Figures about contests, olympiads, МАН and the project festival. Every function takes a
Period, except those of the director's summary (at the end), which take a list of periods
and return a value for each from one query; a result year belongs to a period when its
season day (1 March) does, see ``years_in``, so that each year falls in one period of a
series. Public pages, the director's summary and the tests call these."""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, F, OuterRef, Q

from contests.models import (
    Contest,
    ContestOutcome,
    ContestResult,
    ContestStage,
    ManResult,
    ManWork,
    OlympiadResult,
    OlympiadStage,
    Project,
    ProjectFestival,
    years_in,
)
from contests.models.man import WINNING_MAN_OUTCOMES
from contests.models.olympiads import WINNING_DIPLOMAS, Diploma
from imc_portal.figures import in_years, per_period, per_period_by
from imc_portal.models import Teacher


def _contest_results(period, contest=None):
    qs = ContestResult.objects.filter(
        entry__nomination__edition__year__in=years_in(period),
        entry__nomination__edition__is_published=True,
    )
    if contest is not None:
        qs = qs.filter(entry__nomination__edition__contest=contest)
    return qs


def contest_stage_figures(period):
    """Rows {contest, stage, participants, winners, laureates}: distinct teachers per
    contest and stage, in contest and stage order."""
    return list(
        _contest_results(period)
        .values("stage", contest=F("entry__nomination__edition__contest__name"))
        .annotate(
            participants=Count("entry__teacher", distinct=True),
            winners=Count("entry__teacher", filter=Q(outcome=ContestOutcome.WINNER), distinct=True),
            laureates=Count(
                "entry__teacher", filter=Q(outcome=ContestOutcome.LAUREATE), distinct=True
            ),
        )
        .order_by(
            "entry__nomination__edition__contest__order",
            "entry__nomination__edition__contest__name",
            "stage",
        )
    )


def contest_participants(period, stage, contest=None):
    """Distinct teachers with a result at ``stage``."""
    qs = _contest_results(period, contest).filter(stage=stage)
    return qs.values("entry__teacher").distinct().count()


def contest_winners(period, stage, contest=None):
    """Distinct teachers who won ``stage``."""
    qs = _contest_results(period, contest).filter(stage=stage, outcome=ContestOutcome.WINNER)
    return qs.values("entry__teacher").distinct().count()


def contest_winners_advanced(period, stage, contest=None):
    """Distinct teachers who won ``stage`` and represented the city at the next one ("8
    учителів стали переможцями ІІ туру … та представляли місто на ІІІ етапі")."""
    next_stage = ContestResult.objects.filter(stage=stage + 1).values("entry")
    qs = _contest_results(period, contest).filter(
        stage=stage, outcome=ContestOutcome.WINNER, entry__in=next_stage
    )
    return qs.values("entry__teacher").distinct().count()


def _olympiad_results(period):
    return OlympiadResult.objects.filter(
        olympiad__year__in=years_in(period), olympiad__is_published=True
    )


def percent(part, whole):
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def olympiad_stage_figures(period):
    """Rows {stage, participants, winners, share}: result rows per stage (a student is
    counted once per olympiad), winners = diplomas I–III, share = winners / participants %."""
    rows = list(
        _olympiad_results(period)
        .values("stage")
        .annotate(
            participants=Count("id"),
            winners=Count("id", filter=Q(result__in=WINNING_DIPLOMAS)),
        )
        .order_by("stage")
    )
    for row in rows:
        row["share"] = percent(row["winners"], row["participants"])
    return rows


def olympiad_stage_figures_by_year(period):
    """``olympiad_stage_figures`` of each year of the period, newest first: rows {year,
    stage, participants, winners, share} from one query."""
    rows = list(
        _olympiad_results(period)
        .values("stage", year=F("olympiad__year"))
        .annotate(
            participants=Count("id"),
            winners=Count("id", filter=Q(result__in=WINNING_DIPLOMAS)),
        )
        .order_by("-olympiad__year", "stage")
    )
    for row in rows:
        row["share"] = percent(row["winners"], row["participants"])
    return rows


def olympiad_team_win_share(period, stage):
    """Percent of the city team at ``stage`` (III or IV) who won a diploma; None if no team."""
    figures = {row["stage"]: row for row in olympiad_stage_figures(period)}
    row = figures.get(stage)
    return row["share"] if row else None


def olympiad_subject_figures(period):
    """Rows {subject, subject_slug, kind, stage, participants, winners} per olympiad (subject
    and kind) and stage, in subject order."""
    return list(
        _olympiad_results(period)
        .values(
            "stage",
            "olympiad__kind",
            subject=F("olympiad__subject__name"),
            subject_slug=F("olympiad__subject__slug"),
        )
        .annotate(
            participants=Count("id"),
            winners=Count("id", filter=Q(result__in=WINNING_DIPLOMAS)),
        )
        .order_by("olympiad__subject__order", "olympiad__subject__name", "olympiad__kind", "stage")
    )


def olympiad_stage_totals(subject_rows):
    """``olympiad_stage_figures`` from the ``olympiad_subject_figures`` rows of the same
    period (each result counts in exactly one of them): a page showing both needs one query."""
    totals = {}
    for row in subject_rows:
        stage = row["stage"]
        total = totals.setdefault(stage, {"stage": stage, "participants": 0, "winners": 0})
        total["participants"] += row["participants"]
        total["winners"] += row["winners"]
    rows = [totals[stage] for stage in sorted(totals)]
    for row in rows:
        row["share"] = percent(row["winners"], row["participants"])
    return rows


def olympiad_institution_figures(period, results=None):
    """Rows {institution, participants, winners, and the results of each kind: "1", "2",
    "3", "participant"} per institution, most winners first; ``results`` (a queryset of
    results) narrows them, e.g. to a public page's filters."""
    qs = _olympiad_results(period)
    if results is not None:
        # The same forward joins, so this is one WHERE clause, not a subquery over the table.
        qs = results.filter(olympiad__year__in=years_in(period), olympiad__is_published=True)
    return list(
        qs.values("institution__name", "institution__short_name")
        .annotate(
            participants=Count("id"),
            winners=Count("id", filter=Q(result__in=WINNING_DIPLOMAS)),
            **{diploma: Count("id", filter=Q(result=diploma)) for diploma in Diploma.values},
        )
        .order_by("-winners", "-participants", "institution__name")
    )


def man_works_per_year(period):
    """Rows {year, works} for the published МАН works of the period, by year."""
    return list(
        ManWork.objects.published()
        .filter(year__in=years_in(period))
        .values("year")
        .annotate(works=Count("id"))
        .order_by("year")
    )


def man_section_figures(period):
    """Rows {section, section_slug, works, winners} for the published МАН works of the
    period, by section (winners: works with a I–III place at any stage)."""
    return list(
        ManWork.objects.published()
        .filter(year__in=years_in(period))
        .values(section_name=F("section__name"), section_slug=F("section__slug"))
        .annotate(
            works=Count("id", distinct=True),
            winners=Count("id", filter=Q(results__outcome__in=WINNING_MAN_OUTCOMES), distinct=True),
        )
        .order_by("section__order", "section__name")
    )


def man_figures_by_year(period):
    """{"sections": {year: rows of man_section_figures}, "years": rows of man_works_per_year,
    "record": man_record} from one query: what the МАН pages show, counted once (a work
    belongs to one section, so a year's works are the sum of its sections')."""
    rows = list(
        ManWork.objects.published()
        .filter(year__in=years_in(period))
        .values("year", section_name=F("section__name"), section_slug=F("section__slug"))
        .annotate(
            works=Count("id", distinct=True),
            winners=Count("id", filter=Q(results__outcome__in=WINNING_MAN_OUTCOMES), distinct=True),
        )
        .order_by("year", "section__order", "section__name")
    )
    sections = {}
    for row in rows:
        sections.setdefault(row.pop("year"), []).append(row)
    years = [
        {"year": year, "works": sum(row["works"] for row in year_rows)}
        for year, year_rows in sections.items()
    ]
    record = min(years, key=lambda row: (-row["works"], row["year"]), default=None)
    return {"sections": sections, "years": years, "record": record}


def man_record(period):
    """{year, works}: the most works in one year up to the end of ``period`` ("37 робіт у
    2009 році — найбільша кількість за всі часи"); the earliest year wins a tie."""
    return (
        ManWork.objects.published()
        .filter(year__lte=max(years_in(period), default=period.end.year))
        .values("year")
        .annotate(works=Count("id"))
        .order_by("-works", "year")
        .first()
    )


def man_stage_figures(period):
    """Rows {stage, works, winners} for the МАН works of the period."""
    return list(
        ManResult.objects.filter(work__year__in=years_in(period), work__is_published=True)
        .values("stage")
        .annotate(
            works=Count("id"), winners=Count("id", filter=Q(outcome__in=WINNING_MAN_OUTCOMES))
        )
        .order_by("stage")
    )


def projects_per_year(period):
    """Rows {year, projects, city_funded} of the project festival."""
    return list(
        Project.objects.filter(festival__year__in=years_in(period), festival__is_published=True)
        .values(year=F("festival__year"))
        .annotate(projects=Count("id"), city_funded=Count("id", filter=Q(city_funded=True)))
        .order_by("year")
    )


# The director's summary: each function takes a list of periods and returns a value for
# each, in one query (imc_portal.figures.per_period).


def _published_contest_results():
    return ContestResult.objects.filter(entry__nomination__edition__is_published=True)


def contest_stage_winners(periods, stage=ContestStage.OBLAST):
    """Teachers who won ``stage`` of the professional contests, each once a period ("8
    учителів стали переможцями ІІ туру … «Учитель року»" over 2014–2018)."""
    return per_period(
        _published_contest_results().filter(stage=stage, outcome=ContestOutcome.WINNER),
        periods,
        in_years("entry__nomination__edition__year", years_in),
        lambda in_period: Count("entry__teacher", filter=in_period, distinct=True),
    )


def contest_stage_winners_by_contest(periods, stage=ContestStage.OBLAST):
    """[(contest slug, name, [winners of ``stage`` per period])] of the contests with
    winners in one of the periods, in contest order."""
    counts = per_period_by(
        _published_contest_results().filter(stage=stage, outcome=ContestOutcome.WINNER),
        "entry__nomination__edition__contest__slug",
        periods,
        in_years("entry__nomination__edition__year", years_in),
        lambda in_period: Count("entry__teacher", filter=in_period, distinct=True),
    )
    # Every contest is read (a city has tens of them), so the query runs whatever the counts.
    contests = Contest.objects.order_by("order", "name").values_list("slug", "name")
    return [(slug, name, counts[slug]) for slug, name in contests if slug in counts]


def olympiad_team_win_shares(periods, stage):
    """The percent of the city team at ``stage`` (III or IV) who won a diploma, for each
    period; None where there was no team ("понад 90 % учасників команд міста в 2019 році
    стали переможцями ІІІ етапу")."""
    by_result = per_period_by(
        OlympiadResult.objects.filter(stage=stage, olympiad__is_published=True),
        "result",
        periods,
        in_years("olympiad__year", years_in),
    )
    shares = []
    for n in range(len(periods)):
        team = sum(counts[n] for counts in by_result.values())
        won = sum(by_result[result][n] for result in WINNING_DIPLOMAS if result in by_result)
        shares.append(percent(won, team))
    return shares


def olympiad_stage_three_shares(periods):
    return olympiad_team_win_shares(periods, OlympiadStage.OBLAST)


def olympiad_stage_four_shares(periods):
    return olympiad_team_win_shares(periods, OlympiadStage.NATIONAL)


def man_works(periods):
    """Published МАН research works of each period ("37 робіт у 2009 році")."""
    return per_period(ManWork.objects.published(), periods, in_years("year", years_in))


def festival_projects(periods):
    """Projects of the published project festivals of each period."""
    return per_period(
        Project.objects.filter(festival__is_published=True),
        periods,
        in_years("festival__year", years_in),
    )


def festival_years_in_row(periods):
    """For each period, how many years in a row the project festival has been held up to
    the period's last festival year ("вже третій рік поспіль"); 0 if not held that year.
    One query: the years of the festivals (a row a year)."""
    last_years = [max(years_in(period), default=None) for period in periods]
    known = [year for year in last_years if year is not None]
    if not known:
        return [0] * len(periods)
    held = set(
        ProjectFestival.objects.published()
        .filter(year__lte=max(known))
        .values_list("year", flat=True)
    )
    return [_run_length(held, year) for year in last_years]


def _run_length(held, year):
    count = 0
    while year is not None and year - count in held:
        count += 1
    return count


# The records behind the summary's figures, for one period.


def contest_stage_winner_records(period, stage=ContestStage.OBLAST, contest_slug=None):
    """The teachers ``contest_stage_winners`` counts."""
    won = _contest_results(period).filter(
        stage=stage, outcome=ContestOutcome.WINNER, entry__teacher=OuterRef("pk")
    )
    if contest_slug is not None:
        won = won.filter(entry__nomination__edition__contest__slug=contest_slug)
    return (
        Teacher.objects.filter(Exists(won))
        .select_related("institution")
        .order_by("surname", "first_name", "pk")
    )


def olympiad_team_records(period, stage):
    """The city team at ``stage`` and its diploma winners: (winners, team)."""
    team = (
        _olympiad_results(period)
        .filter(stage=stage)
        .select_related("student", "olympiad__subject")
        .order_by("olympiad__year", "olympiad__subject__name", "student__surname", "pk")
    )
    return team.filter(result__in=WINNING_DIPLOMAS), team


def man_work_records(period):
    return (
        ManWork.objects.published()
        .filter(year__in=years_in(period))
        .order_by("year", "section__order", "title", "pk")
    )


def festival_project_records(period):
    return Project.objects.filter(
        festival__year__in=years_in(period), festival__is_published=True
    ).order_by("festival__year", "title", "pk")


def festival_run_records(period):
    """The festivals of the run ``festival_years_in_row`` counts for ``period``."""
    (count,) = festival_years_in_row([period])
    last = max(years_in(period), default=0)
    return (
        ProjectFestival.objects.published()
        .filter(year__gt=last - count, year__lte=last)
        .order_by("year")
    )


def olympiad_diplomas(period):
    """[(subject, [diplomas of the I, II, III degree])] of the period's published olympiads
    and tournaments, every stage, in subject order, from one query; subjects with a diploma
    only."""
    rows = (
        OlympiadResult.objects.filter(
            olympiad__year__in=years_in(period),
            olympiad__is_published=True,
            result__in=WINNING_DIPLOMAS,
        )
        .values("result", "olympiad__subject__order", subject=F("olympiad__subject__name"))
        .annotate(diplomas=Count("pk"))
        .order_by("olympiad__subject__order", "olympiad__subject__name")
    )
    found = {}
    for row in rows:
        counts = found.setdefault(row["subject"], [0] * len(WINNING_DIPLOMAS))
        counts[WINNING_DIPLOMAS.index(row["result"])] += row["diplomas"]
    return list(found.items())
