"""Every public page type of publications for `manage.py bench` and the browser scan,
picked from the database: the biggest issue, a deep page of each long list, filtered lists."""

from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse

from publications.models import (
    ExternalPublication,
    Issue,
    Manual,
    News,
    Periodical,
    PracticeEntry,
)
from publications.pagination import format_cursor
from publications.views import NEWS_PAGE_SIZE, PAGE_SIZE

DEEP_PAGE = 50
# "семінарів" (genitive plural): the search must find "семінар", "семінари", …
SEARCH_WORD = "семінарів"


def _cursor_before(queryset, date_field, size=PAGE_SIZE):
    """The ``before`` cursor of page DEEP_PAGE (or of the last page of a shorter list)."""
    rows = list(queryset.order_by(f"-{date_field}", "-id").values_list(date_field, "id"))
    if len(rows) <= size:
        return ""
    index = min(DEEP_PAGE - 1, (len(rows) - 1) // size) * size - 1
    return format_cursor(*rows[index])


# Pages of one record: the goal for their SQL is 8 queries, for a list 5.
RECORD_PAGES = {"publications: issue", "publications: practice entry", "publications: news item"}


def pages():
    periodical = (
        Periodical.objects.published()
        .annotate(issue_count=Count("issues"))
        .order_by("-issue_count", "order")
        .first()
    )
    issue = (
        Issue.objects.published()
        .select_related("periodical")
        .annotate(article_count=Count("articles"))
        .order_by("-article_count", "-date")
        .first()
    )
    publication = ExternalPublication.objects.published().select_related("subject").first()
    entry = (
        PracticeEntry.objects.published()
        .select_related("subject")
        .annotate(material_count=Count("materials"))
        .order_by("-material_count", "-included_on", "-id")
        .first()
    )
    news = News.objects.published().order_by("-date", "-id").first()
    articles_filtered = {"year": publication.year}
    if publication.subject:
        articles_filtered["area"] = publication.subject.slug
    practice_filtered = {"area": entry.subject.slug}
    practice_deep = _cursor_before(PracticeEntry.objects.published(), "included_on", PAGE_SIZE)
    practice_filtered_deep = _cursor_before(
        PracticeEntry.objects.published().filter(subject=entry.subject), "included_on", PAGE_SIZE
    )
    news_deep = _cursor_before(News.objects.published(), "date", NEWS_PAGE_SIZE)
    manuals_deep = _cursor_before(Manual.objects.published(), "year")
    articles_deep = _cursor_before(ExternalPublication.objects.published(), "year")
    oldest_year = periodical.issues.published().order_by("year").values_list("year", flat=True)[0]
    practice = reverse("publications:practice")
    manuals, articles = reverse("publications:manuals"), reverse("publications:articles")
    return [
        ("publications: index", reverse("publications:index")),
        ("publications: periodical archive", periodical.get_absolute_url()),
        (
            "publications: periodical year",
            reverse("publications:periodical_year", args=[periodical.slug, oldest_year]),
        ),
        ("publications: issue", issue.get_absolute_url()),
        ("publications: manuals", manuals),
        ("publications: manuals deep", f"{manuals}?before={manuals_deep}"),
        ("publications: articles", articles),
        ("publications: articles deep", f"{articles}?before={articles_deep}"),
        (
            "publications: articles filtered",
            f"{reverse('publications:articles')}?{urlencode(articles_filtered)}",
        ),
        ("publications: practice", practice),
        ("publications: practice filtered", f"{practice}?{urlencode(practice_filtered)}"),
        ("publications: practice deep", f"{practice}?before={practice_deep}"),
        (
            "publications: practice filtered deep",
            f"{practice}?{urlencode({**practice_filtered, 'before': practice_filtered_deep})}",
        ),
        ("publications: practice entry", entry.get_absolute_url()),
        ("publications: news", reverse("publications:news")),
        ("publications: news deep", f"{reverse('publications:news')}?before={news_deep}"),
        ("publications: news item", news.get_absolute_url()),
        ("publications: news feed", reverse("publications:news_feed")),
        ("publications: search", f"/search/?{urlencode({'q': SEARCH_WORD})}"),
    ]
