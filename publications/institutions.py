"""An institution's public page: the practice entries studied there and its teachers'
publications (articles in the centre's periodicals, manuals, publications elsewhere), at
most SECTION_ROWS of each kind, newest first, with how many there are: all four read in
one query (UNION ALL), as a teacher's page reads theirs (publications/people.py)."""

from django.db.models import CharField, Exists, F, IntegerField, OuterRef, Value, Window
from django.db.models.functions import ExtractYear, RowNumber
from django.urls import reverse

from imc_portal.institutions import SECTION_ROWS, with_total
from imc_portal.models import Teacher
from publications.models import (
    Article,
    ExternalPublication,
    Issue,
    Manual,
    Periodical,
    PracticeEntry,
)

PRACTICE, ARTICLE, MANUAL, EXTERNAL = 0, 1, 2, 3
COLUMNS = (
    "kind",
    "row_id",
    "row_title",
    "row_year",
    "row_number",
    "row_text",
    "row_link",
    "row_author",
    "rank",
    "total",
)


def _first_rows(queryset, kind, order, **columns):
    """The first SECTION_ROWS of ``queryset`` in ``order``, as COLUMNS, with the total."""
    blank = Value("", output_field=CharField())
    defaults = {
        "row_number": Value(0, output_field=IntegerField()),
        "row_text": blank,
        "row_link": blank,
        "row_author": blank,
    }
    return (
        with_total(queryset.order_by())
        .annotate(
            kind=Value(kind),
            rank=Window(RowNumber(), order_by=order),
            **{**defaults, **columns},
        )
        .filter(rank__lte=SECTION_ROWS)
        .values_list(*COLUMNS)
    )


def _by_its_teachers(model, institution):
    """Published ``model`` records (articles, manuals) with a teacher author of it."""
    own_name = model._meta.model_name
    links = model.teachers.through.objects.filter(
        **{own_name: OuterRef("pk")}, teacher__institution=institution
    )
    return model.objects.published().filter(Exists(links))


def records_of(institution):
    """{"practice_entries": […], "articles": …, "manuals": …, "external_publications": …,
    and "<kind>_total" for each}: each row made an instance of its model with what the page
    shows, so that the page links it by its ``get_absolute_url()``."""
    practice = _first_rows(
        PracticeEntry.objects.published().filter(institution=institution),
        PRACTICE,
        [F("included_on").desc(), F("pk").desc()],
        row_id=F("pk"),
        row_title=F("topic"),
        row_year=ExtractYear("included_on"),
        row_text=F("level"),
        row_link=F("slug"),
    )
    articles = _first_rows(
        _by_its_teachers(Article, institution),
        ARTICLE,
        [F("issue__year").desc(), F("issue__number").desc(), F("title").asc()],
        row_id=F("pk"),
        row_title=F("title"),
        row_year=F("issue__year"),
        row_number=F("issue__number"),
        row_text=F("issue__periodical__title"),
        row_link=F("issue__periodical__slug"),
    )
    manuals = _first_rows(
        _by_its_teachers(Manual, institution),
        MANUAL,
        [F("year").desc(), F("pk").desc()],
        row_id=F("pk"),
        row_title=F("title"),
        row_year=F("year"),
        row_link=F("slug"),
    )
    external = _first_rows(
        ExternalPublication.objects.published().filter(author__institution=institution),
        EXTERNAL,
        [F("year").desc(), F("pk").desc()],
        row_id=F("pk"),
        row_title=F("title"),
        row_year=F("year"),
        row_text=F("venue"),
        row_link=F("url"),
        row_author=F("author__slug"),
    )
    names = {
        PRACTICE: "practice_entries",
        ARTICLE: "articles",
        MANUAL: "manuals",
        EXTERNAL: "external_publications",
    }
    found = {name: [] for name in names.values()}
    found.update({f"{name}_total": 0 for name in names.values()})
    rows = practice.union(articles, manuals, external, all=True).order_by("kind", "rank")
    for kind, pk, title, year, number, text, link, author, _rank, total in rows:
        found[f"{names[kind]}_total"] = total
        if kind == PRACTICE:
            row = PracticeEntry(pk=pk, topic=title, level=text, slug=link)
            row.year = year
        elif kind == ARTICLE:
            issue = Issue(periodical=Periodical(title=text, slug=link), year=year, number=number)
            row = Article(pk=pk, title=title, issue=issue)
        elif kind == MANUAL:
            row = Manual(pk=pk, title=title, year=year, slug=link)
        else:
            row = ExternalPublication(
                pk=pk, title=title, year=year, venue=text, url=link, author=Teacher(slug=author)
            )
        found[names[kind]].append(row)
    return found


def sections(institution):
    found = records_of(institution)
    query = f"?institution={institution.slug}"
    more = {
        name: found[f"{name}_total"] - len(found[name])
        for name in ("practice_entries", "articles", "manuals", "external_publications")
    }
    sections = []
    if found["practice_entries"]:
        sections.append(
            {
                "template": "publications/includes/institution_practice.html",
                "entries": found["practice_entries"],
                "more": more["practice_entries"],
                "list_url": reverse("publications:practice") + query,
            }
        )
    if found["articles"] or found["manuals"] or found["external_publications"]:
        sections.append(
            {
                "template": "publications/includes/institution_publications.html",
                **found,
                "more": more,
                "manuals_url": reverse("publications:manuals") + query,
                "external_url": reverse("publications:articles") + query,
            }
        )
    return sections


def teacher_has_public_records():
    """The teacher wrote a published practice entry, article, manual or publication
    elsewhere: their page lists it."""
    teacher = OuterRef("pk")
    return (
        Exists(PracticeEntry.objects.published().filter(author=teacher))
        | Exists(Article.objects.published().filter(teachers=teacher))
        | Exists(Manual.objects.published().filter(teachers=teacher))
        | Exists(ExternalPublication.objects.published().filter(author=teacher))
    )
