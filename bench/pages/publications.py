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
from publications.views import NEWS_PAGE_SIZE, PAGE_SIZE

DEEP_PAGE = 50
# "семінарів" (genitive plural): the search must find "семінар", "семінари", …
SEARCH_WORD = "семінарів"


def _deep_page(queryset, size=PAGE_SIZE):
    """Page DEEP_PAGE of a list, or its last page when it is shorter."""
    return max(1, min(DEEP_PAGE, -(-queryset.count() // size)))


# Pages of one record: the goal for their SQL is 8 queries, for a list 5.
RECORD_PAGES = {
    "publications: issue",
    "publications: manual",
    "publications: practice entry",
    "publications: news item",
}


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
    manual = (
        Manual.objects.published()
        .annotate(author_count=Count("teachers"))
        .order_by("-author_count", "-year", "-id")[0]
    )
    articles_filtered = {"year": publication.year}
    if publication.subject:
        articles_filtered["area"] = publication.subject.slug
    practice_filtered = {"area": entry.subject.slug}
    practice_deep = _deep_page(PracticeEntry.objects.published())
    practice_filtered_deep = _deep_page(
        PracticeEntry.objects.published().filter(subject=entry.subject)
    )
    news_deep = _deep_page(News.objects.published(), NEWS_PAGE_SIZE)
    manuals_deep = _deep_page(Manual.objects.published())
    articles_deep = _deep_page(ExternalPublication.objects.published())
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
        ("publications: manual", manual.get_absolute_url()),
        ("publications: manuals deep", f"{manuals}?page={manuals_deep}"),
        ("publications: articles", articles),
        ("publications: articles deep", f"{articles}?page={articles_deep}"),
        (
            "publications: articles filtered",
            f"{reverse('publications:articles')}?{urlencode(articles_filtered)}",
        ),
        ("publications: practice", practice),
        ("publications: practice filtered", f"{practice}?{urlencode(practice_filtered)}"),
        ("publications: practice deep", f"{practice}?page={practice_deep}"),
        (
            "publications: practice filtered deep",
            f"{practice}?{urlencode({**practice_filtered, 'page': practice_filtered_deep})}",
        ),
        ("publications: practice entry", entry.get_absolute_url()),
        ("publications: news", reverse("publications:news")),
        ("publications: news deep", f"{reverse('publications:news')}?page={news_deep}"),
        ("publications: news item", news.get_absolute_url()),
        ("publications: news feed", reverse("publications:news_feed")),
        ("publications: search", f"/search/?{urlencode({'q': SEARCH_WORD})}"),
    ]
