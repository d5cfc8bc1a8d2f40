"""The teacher's public page: their contest history across stages, the olympiad results of
the students they mentored (counted, no student names) and the МАН works they supervised."""

from django.db.models import Count, Prefetch, Q

from contests.models import ContestEntry, ContestResult, ManWork, OlympiadResult, OlympiadStage
from contests.models.olympiads import WINNING_DIPLOMAS


def sections(teacher):
    found = []
    entries = list(
        ContestEntry.objects.filter(teacher=teacher, nomination__edition__is_published=True)
        .select_related("nomination__edition__contest")
        .prefetch_related(
            Prefetch(
                "results",
                queryset=ContestResult.objects.order_by("stage"),
                to_attr="result_list",
            )
        )
        .order_by("-nomination__edition__year")
    )
    if entries:
        found.append({"template": "contests/includes/teacher_contests.html", "entries": entries})
    mentoring = list(
        OlympiadResult.objects.filter(mentor=teacher, olympiad__is_published=True)
        .values("olympiad__year", "olympiad__subject__name", "stage")
        .annotate(students=Count("id"), winners=Count("id", filter=Q(result__in=WINNING_DIPLOMAS)))
        .order_by("-olympiad__year", "olympiad__subject__name", "stage")
    )
    for row in mentoring:
        row["stage_label"] = OlympiadStage(row["stage"]).label
    works = list(
        ManWork.objects.published()
        .filter(supervisor=teacher)
        .select_related("section")
        .order_by("-year")
    )
    if mentoring or works:
        found.append(
            {
                "template": "contests/includes/teacher_mentoring.html",
                "mentoring": mentoring,
                "works": works,
            }
        )
    return found
