"""The home page's "latest results" section: the newest olympiad year's figures by stage
and the winners of the newest contest editions (three small queries)."""

from django.db.models import Exists, OuterRef, Subquery

from contests import queries
from contests.models import (
    ContestEdition,
    ContestOutcome,
    ContestResult,
    Olympiad,
    OlympiadResult,
    OlympiadStage,
)
from imc_portal.periods import Period

HOME_WINNERS = 6


def latest_results():
    # The newest year first, each checked for a result: not every result joined to count.
    year = (
        Olympiad.objects.published()
        .filter(Exists(OlympiadResult.objects.filter(olympiad=OuterRef("pk"))))
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    figures = queries.olympiad_stage_figures(Period.calendar_year(year)) if year else []
    for row in figures:
        row["stage_label"] = OlympiadStage(row["stage"]).label
    winners_of_edition = ContestResult.objects.filter(
        outcome=ContestOutcome.WINNER, entry__nomination__edition=OuterRef("pk")
    )
    newest = (
        ContestEdition.objects.published()
        .filter(Exists(winners_of_edition))
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
