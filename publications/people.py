"""A teacher's practice entries and publications on their public page."""

from django.db.models import CharField, F, IntegerField, Value

from publications.models import (
    Article,
    ExternalPublication,
    Issue,
    Manual,
    Periodical,
    PracticeEntry,
)

ARTICLE, MANUAL, EXTERNAL = 0, 1, 2
# The three kinds of publication in the same columns, so that one query reads them all.
COLUMNS = ("kind", "row_id", "row_title", "row_year", "row_number", "row_text", "row_link")


def _rows(queryset, kind, **columns):
    blank = Value("", output_field=CharField())
    defaults = {"row_number": Value(0, output_field=IntegerField()), "row_link": blank}
    return (
        queryset.order_by()
        .annotate(kind=Value(kind), **{**defaults, **columns})
        .values_list(*COLUMNS)
    )


def publications_of(teacher):
    """{"articles": …, "manuals": …, "external_publications": …}: the teacher's articles in
    the centre's periodicals (the newest issue first), manuals and publications elsewhere
    (the newest first), read in one query (UNION ALL) over the three tables. Each row is
    made an instance of its model, with what the page shows, so that the page links it
    by its ``get_absolute_url()``."""
    articles = _rows(
        Article.objects.published().filter(teachers=teacher),
        ARTICLE,
        row_id=F("pk"),
        row_title=F("title"),
        row_year=F("issue__year"),
        row_number=F("issue__number"),
        row_text=F("issue__periodical__title"),
        row_link=F("issue__periodical__slug"),
    )
    manuals = _rows(
        Manual.objects.published().filter(teachers=teacher),
        MANUAL,
        row_id=F("pk"),
        row_title=F("title"),
        row_year=F("year"),
        row_text=Value("", output_field=CharField()),
        row_link=F("slug"),
    )
    external = _rows(
        ExternalPublication.objects.published().filter(author=teacher),
        EXTERNAL,
        row_id=F("pk"),
        row_title=F("title"),
        row_year=F("year"),
        row_text=F("venue"),
        row_link=F("url"),
    )
    found = {"articles": [], "manuals": [], "external_publications": []}
    rows = articles.union(manuals, external, all=True).order_by(
        "kind", "-row_year", "-row_number", "row_title"
    )
    for kind, pk, title, year, number, text, link in rows:
        if kind == ARTICLE:
            periodical = Periodical(title=text, slug=link)
            issue = Issue(periodical=periodical, year=year, number=number)
            found["articles"].append(Article(pk=pk, title=title, issue=issue))
        elif kind == MANUAL:
            found["manuals"].append(Manual(pk=pk, title=title, year=year, slug=link))
        else:
            found["external_publications"].append(
                ExternalPublication(
                    pk=pk, title=title, year=year, venue=text, url=link, author=teacher
                )
            )
    return found


def sections(teacher):
    practice_entries = list(
        PracticeEntry.objects.published().filter(author=teacher).order_by("-included_on", "-id")
    )
    publications = publications_of(teacher)
    if not practice_entries and not any(publications.values()):
        return []
    return [
        {
            "template": "publications/includes/person_publications.html",
            "practice_entries": practice_entries,
            **publications,
        }
    ]
