from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from publications.authors import attach_authors
from publications.filters import ExternalPublicationFilter, ManualFilter, PracticeFilter
from publications.models import (
    Article,
    ExternalPublication,
    Issue,
    Manual,
    News,
    Periodical,
    PracticeEntry,
    PracticeMaterial,
)
from publications.pagination import keyset_page

LATEST_ISSUES = 4
PAGE_SIZE = 20
NEWS_PAGE_SIZE = 10
FEED_SIZE = 20


def _clean_get(request):
    """The query string without NUL bytes, which PostgreSQL refuses in any query."""
    data = request.GET.copy()
    for key in list(data):
        data.setlist(key, [value.replace("\x00", "") for value in data.getlist(key)])
    return data


def _page(request, queryset, size=PAGE_SIZE):
    return Paginator(queryset, size).get_page(request.GET.get("page", "").replace("\x00", ""))


def index(request):
    latest = Issue.objects.published().order_by("-date", "-number")[:LATEST_ISSUES]
    periodicals = Periodical.objects.published().prefetch_related(
        Prefetch("issues", queryset=latest, to_attr="latest_issues")
    )
    return render(
        request,
        "publications/index.html",
        {
            "periodicals": periodicals,
            "manuals": Manual.objects.published().select_related("subject")[:5],
        },
    )


def periodical_detail(request, slug):
    periodical = get_object_or_404(Periodical.objects.published(), slug=slug)
    issues = periodical.issues.published().order_by("-year", "-number")
    return render(
        request,
        "publications/periodical_detail.html",
        {"periodical": periodical, "issues": issues},
    )


def issue_detail(request, slug, year, number):
    issue = get_object_or_404(
        Issue.objects.published()
        .select_related("periodical")
        .prefetch_related(
            Prefetch(
                "articles",
                queryset=Article.objects.select_related("subject"),
                to_attr="contents",
            )
        ),
        periodical__slug=slug,
        year=year,
        number=number,
    )
    attach_authors(issue.contents, "other_authors")
    return render(request, "publications/issue_detail.html", {"issue": issue})


def manual_list(request):
    queryset = Manual.objects.published().select_related("subject").order_by("-year", "title")
    filterset = ManualFilter(_clean_get(request), queryset=queryset)
    page = _page(request, filterset.qs)
    page.object_list = attach_authors(page.object_list, "authoring_group")
    return render(request, "publications/manual_list.html", {"filter": filterset, "page": page})


def article_list(request):
    """Teachers' publications elsewhere."""
    queryset = (
        ExternalPublication.objects.published()
        .select_related("author__institution", "subject")
        .order_by("-year", "title", "id")
    )
    filterset = ExternalPublicationFilter(_clean_get(request), queryset=queryset)
    return render(
        request,
        "publications/article_list.html",
        {"filter": filterset, "page": _page(request, filterset.qs)},
    )


def practice_list(request):
    queryset = PracticeEntry.objects.published().select_related("author", "institution", "subject")
    data = _clean_get(request)
    filterset = PracticeFilter(data, queryset=queryset)
    entries = filterset.qs
    return render(
        request,
        "publications/practice_list.html",
        {
            "filter": filterset,
            "page": keyset_page(entries, data, "included_on", PAGE_SIZE),
            "total": entries.count(),
        },
    )


def practice_detail(request, slug):
    entry = get_object_or_404(
        PracticeEntry.objects.published()
        .select_related("author", "institution", "subject")
        .prefetch_related(
            Prefetch("materials", queryset=PracticeMaterial.objects.all(), to_attr="material_list")
        ),
        slug=slug,
    )
    return render(request, "publications/practice_detail.html", {"entry": entry})


def news_list(request):
    page = keyset_page(News.objects.published(), _clean_get(request), "date", NEWS_PAGE_SIZE)
    return render(request, "publications/news_list.html", {"page": page})


def news_detail(request, slug):
    news = get_object_or_404(News.objects.published().with_links(), slug=slug)
    return render(request, "publications/news_detail.html", {"news": news})


class NewsFeed(Feed):
    feed_type = Atom1Feed
    title = _("News of the methodical centre")
    subtitle = _("Events, results and publications of the centre.")
    link = reverse_lazy("publications:news")

    def items(self):
        return News.objects.published().order_by("-date", "-id")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.body[:400]

    def item_pubdate(self, item):
        return datetime.combine(item.date, time(9), tzinfo=timezone.get_current_timezone())

    def item_updateddate(self, item):
        return item.updated

    def item_link(self, item):
        return reverse("publications:news_detail", kwargs={"slug": item.slug})
