"""A teacher's publications and practice entries on their public page."""

from publications.models import Article, ExternalPublication, Manual, PracticeEntry


def sections(teacher):
    practice_entries = list(
        PracticeEntry.objects.published().filter(author=teacher).order_by("-included_on", "-id")
    )
    articles = list(
        Article.objects.published()
        .filter(teachers=teacher)
        .select_related("issue__periodical")
        .order_by("-issue__date")
    )
    manuals = list(Manual.objects.published().filter(teachers=teacher).order_by("-year"))
    external = list(
        ExternalPublication.objects.published().filter(author=teacher).order_by("-year", "title")
    )
    if not (practice_entries or articles or manuals or external):
        return []
    return [
        {
            "template": "publications/includes/person_publications.html",
            "practice_entries": practice_entries,
            "articles": articles,
            "manuals": manuals,
            "external": external,
        }
    ]
