"""The contests app's public page types for `manage.py bench` and the browser scan: each
index, the biggest record of each kind (most entries, most results), the oldest archive
year and a filtered list."""

from django.db.models import Count
from django.urls import reverse
from django.utils.http import urlencode

from contests.models import ContestEdition, ManWork, Olympiad, OlympiadResult, ProjectFestival


def biggest(queryset, field):
    return queryset.values(field).annotate(n=Count("id")).order_by("-n", f"-{field}").first()


# Pages of one record: the goal for their SQL is 8 queries, for a list 5.
RECORD_PAGES = {"contests: edition (most entries)", "contests: project festival (biggest)"}


def pages():
    found = [("contests: index", reverse("contests:index"))]
    edition = (
        ContestEdition.objects.published()
        .select_related("contest")
        .annotate(n=Count("nominations__entries"))
        .order_by("-n", "-year")
        .first()
    )
    if edition:
        found.append(("contests: edition (most entries)", edition.get_absolute_url()))
    found.append(("contests: olympiads index", reverse("contests:olympiad_index")))
    results = OlympiadResult.objects.filter(olympiad__is_published=True)
    if year := biggest(results, "olympiad__year"):
        url = reverse("contests:olympiad_year", args=[year["olympiad__year"]])
        found.append(("contests: olympiad year (biggest)", url))
        olympiad = (
            Olympiad.objects.published()
            .filter(year=year["olympiad__year"])
            .select_related("subject")
            .annotate(n=Count("results"))
            .order_by("-n", "pk")
            .first()
        )
        params = {"subject": olympiad.subject.slug, "kind": olympiad.kind, "result": "all"}
        found.append(
            ("contests: olympiad year, a subject, all results", f"{url}?{urlencode(params)}")
        )
        oldest = results.order_by("olympiad__year").values_list("olympiad__year", flat=True)[0]
        found.append(
            ("contests: olympiad year (oldest)", reverse("contests:olympiad_year", args=[oldest]))
        )
    found.append(("contests: МАН index", reverse("contests:man_index")))
    if year := biggest(ManWork.objects.published(), "year"):
        url = reverse("contests:man_year", args=[year["year"]])
        found.append(("contests: МАН year (biggest)", url))
        found.append(("contests: МАН year, winners", f"{url}?{urlencode({'result': 'winners'})}"))
    found.append(("contests: projects index", reverse("contests:projects_index")))
    festival = (
        ProjectFestival.objects.published().annotate(n=Count("projects")).order_by("-n").first()
    )
    if festival:
        found.append(("contests: project festival (biggest)", festival.get_absolute_url()))
    return found
