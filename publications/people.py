"""A teacher's publications and practice entries on their public page."""

from dataclasses import dataclass

from django.db.models import F, Value
from django.urls import reverse

from publications.models import Article, ExternalPublication, Manual, PracticeEntry

# One row of each kind of publication, in the same columns: kind (the order they are listed
# in), id, title, year, issue number, slug (the periodical's, the manual's), where printed.
COLUMNS = ("kind", "row_id", "row_title", "row_year", "row_number", "row_slug", "row_venue")
ARTICLE, MANUAL, EXTERNAL = 0, 1, 2


@dataclass
class Line:
    """A publication as the teacher's page lists it."""

    title: str
    url: str
    where: str


def _columns(queryset, **values):
    return queryset.order_by().annotate(**values).values_list(*COLUMNS)


def _line(kind, pk, title, year, number, slug, venue):
    if kind == ARTICLE:
        issue = reverse("publications:issue", kwargs={"slug": slug, "year": year, "number": number})
        return Line(title, f"{issue}#article-{pk}", f"// {venue}, {year}, № {number}")
    if kind == MANUAL:
        return Line(title, Manual(pk=pk, year=year, slug=slug).get_absolute_url(), f"({year})")
    return Line(title, "", f"// {venue}, {year}")


def publications_of(teacher):
    """The teacher's articles (newest issue first), manuals and publications elsewhere
    (newest first), in one query (UNION ALL), whatever their number."""
    articles = _columns(
        Article.objects.published().filter(teachers=teacher),
        kind=Value(ARTICLE), row_id=F("pk"), row_title=F("title"), row_year=F("issue__year"),
        row_number=F("issue__number"), row_slug=F("issue__periodical__slug"),
        row_venue=F("issue__periodical__title"),
    )  # fmt: skip
    manuals = _columns(
        Manual.objects.published().filter(teachers=teacher),
        kind=Value(MANUAL), row_id=F("pk"), row_title=F("title"), row_year=F("year"),
        row_number=Value(0), row_slug=F("slug"), row_venue=Value(""),
    )  # fmt: skip
    external = _columns(
        ExternalPublication.objects.published().filter(author=teacher),
        kind=Value(EXTERNAL), row_id=F("pk"), row_title=F("title"), row_year=F("year"),
        row_number=Value(0), row_slug=Value(""), row_venue=F("venue"),
    )  # fmt: skip
    rows = articles.union(manuals, external, all=True).order_by(
        "kind", "-row_year", "-row_number", "row_title"
    )
    return [_line(*row) for row in rows]


def sections(teacher):
    practice_entries = list(
        PracticeEntry.objects.published().filter(author=teacher).order_by("-included_on", "-id")
    )
    publications = publications_of(teacher)
    if not (practice_entries or publications):
        return []
    return [
        {
            "template": "publications/includes/person_publications.html",
            "practice_entries": practice_entries,
            "publications": publications,
        }
    ]
