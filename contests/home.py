"""The home page's "latest results" section: the newest olympiad year's figures by stage
and the winners of the newest contest editions (three small queries)."""

from django.db.models import Max, Subquery

from contests import queries
from contests.models import ContestEdition, ContestOutcome, ContestResult, Olympiad, OlympiadStage
from imc_portal.periods import Period

HOME_WINNERS = 6


def latest_results():
    year = (
        Olympiad.objects.published()
        .filter(results__isnull=False)
        .aggregate(latest=Max("year"))["latest"]
    )
    figures = queries.olympiad_stage_figures(Period.calendar_year(year)) if year else []
    for row in figures:
        row["stage_label"] = OlympiadStage(row["stage"]).label
    newest = (
        ContestEdition.objects.published()
        .filter(nominations__entries__results__outcome=ContestOutcome.WINNER)
        .order_by("-year")
        .values("year")[:1]
    )
    winners = [
        {
            "name": result.entry.teacher.full_name,
            "url": result.entry.teacher.get_absolute_url(),
            "contest": result.entry.nomination.edition.contest.name,
            "edition_url": result.entry.nomination.edition.get_absolute_url(),
            "year": result.entry.nomination.edition.year,
            "nomination": result.entry.nomination.name,
            "stage": result.get_stage_display(),
        }
        for result in ContestResult.objects.filter(
            outcome=ContestOutcome.WINNER,
            entry__nomination__edition__is_published=True,
            entry__nomination__edition__year=Subquery(newest),
        )
        .select_related("entry__teacher", "entry__nomination__edition__contest")
        .order_by(
            "-stage",
            "entry__nomination__edition__contest__order",
            "entry__nomination__order",
            "entry__teacher__surname",
        )[:HOME_WINNERS]
    ]
    return {"olympiad_year": year, "figures": figures, "winners": winners}


def results_section(request):
    data = latest_results()
    if not data["figures"] and not data["winners"]:
        return []
    return [{"template": "contests/includes/home_results.html", **data}]
