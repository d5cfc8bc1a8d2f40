"""The public pages of publications: the periodicals and their issues, the manuals, the
teachers' publications elsewhere, the best-practice catalogue and the news.

Issues and news dated ahead appear on their date: the pages that list them change with time."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from imc_portal.models import Teacher
from imc_portal.page_cache import public_page
from imc_portal.pagination import paginate, query_without_page
from imc_portal.periods import year_or_404
from publications.authors import attach_authors
from publications.filters import ExternalPublicationFilter, ManualFilter, PracticeFilter
from publications.models import (
    ExternalPublication,
    Issue,
    Manual,
    News,
    Periodical,
    PracticeEntry,
    PracticeMaterial,
)

LATEST_ISSUES = 4
LATEST_MANUALS = 5
PAGE_SIZE = 20
NEWS_PAGE_SIZE = 10
FEED_SIZE = 20


# The lists read their rows' authors (teachers) by prefetch_related, for the page's rows
# only: joined in the page's query, the teachers would be joined for every row of the list,
# which its total (COUNT(*) OVER ()) reads. The ten-year list of publications elsewhere:
# 18 ms on PostgreSQL with the join, 3.4 ms without.
AUTHORS_WITH_INSTITUTIONS = Prefetch(
    "author", queryset=Teacher.objects.select_related("institution")
)


def filtered_page(request, filterset):
    """The page of the filtered list the query string asks for, or None when a filter does
    not validate."""
    return None if filterset.errors else paginate(request, filterset.qs, PAGE_SIZE)


def render_list(request, template_name, filterset, page):
    """The list's page, or the filter form with its errors and no list (400)."""
    context = {"filter": filterset, "page_obj": page, "query": query_without_page(request)}
    return render(request, template_name, context, status=filterset.status)


@public_page(changes_with_time=True)
def index(request):
    """Each periodical with its latest issues, and the latest manuals."""
    latest = Issue.objects.published().order_by("-date", "-number")[:LATEST_ISSUES]
    periodicals = Periodical.objects.published().prefetch_related(
        Prefetch("issues", queryset=latest, to_attr="latest_issues")
    )
    manuals = Manual.objects.published().order_by("-year", "-id")[:LATEST_MANUALS]
    return render(
        request, "publications/index.html", {"periodicals": periodicals, "manuals": manuals}
    )


@public_page(changes_with_time=True)
def periodical_detail(request, slug, year=None):
    """A periodical's issues of one year (by default the latest), with links to the other
    years: the page stays small however many years the archive holds."""
    periodical = get_object_or_404(Periodical.objects.published(), slug=slug)
    if year is not None:
        year_or_404(year)
    published = periodical.issues.published()
    years = list(published.order_by("-year").values_list("year", flat=True).distinct())
    if year is None:
        year = years[0] if years else None
    elif year not in years:
        raise Http404
    issues = published.filter(year=year).order_by("-number") if year else []
    context = {"periodical": periodical, "year": year, "years": years, "issues": issues}
    return render(request, "publications/periodical_detail.html", context)


@public_page(changes_with_time=True)
def issue_detail(request, slug, year, number):
    """The issue and its contents: the articles with their authors."""
    year_or_404(year)
    issue = get_object_or_404(
        Issue.objects.published().select_related("periodical"),
        periodical__slug=slug,
        year=year,
        number=number,
    )
    articles = attach_authors(issue.articles.order_by("first_page", "id"), "other_authors")
    return render(request, "publications/issue_detail.html", {"issue": issue, "articles": articles})


@public_page(query=[*ManualFilter.base_filters, "page"])
def manual_list(request):
    """Manuals, the newest year first and, within a year, the most recently entered first."""
    manuals = Manual.objects.published().select_related("subject").order_by("-year", "-id")
    filterset = ManualFilter(request.GET, queryset=manuals)
    page = filtered_page(request, filterset)
    if page:
        attach_authors(page.object_list, "authoring_group")
    return render_list(request, "publications/manual_list.html", filterset, page)


@public_page()
def manual_detail(request, slug):
    manual = get_object_or_404(Manual.objects.published().select_related("subject"), slug=slug)
    attach_authors([manual], "authoring_group")
    return render(request, "publications/manual_detail.html", {"manual": manual})


@public_page(query=[*ExternalPublicationFilter.base_filters, "page"])
def article_list(request):
    """Teachers' publications elsewhere, ordered like the manuals."""
    publications = (
        ExternalPublication.objects.published()
        .select_related("subject")
        .prefetch_related(AUTHORS_WITH_INSTITUTIONS)
        .order_by("-year", "-id")
    )
    filterset = ExternalPublicationFilter(request.GET, queryset=publications)
    page = filtered_page(request, filterset)
    return render_list(request, "publications/article_list.html", filterset, page)


@public_page(query=[*PracticeFilter.base_filters, "page"])
def practice_list(request):
    """The catalogue, the latest included first, with the number of entries the filters
    keep."""
    entries = (
        PracticeEntry.objects.published()
        .select_related("institution", "subject")
        .prefetch_related("author")
        .order_by("-included_on", "-id")
    )
    filterset = PracticeFilter(request.GET, queryset=entries)
    page = filtered_page(request, filterset)
    return render_list(request, "publications/practice_list.html", filterset, page)


@public_page()
def practice_detail(request, slug):
    """The entry: its author, institution, area, catalogue decisions, description and
    materials."""
    entry = get_object_or_404(
        PracticeEntry.objects.published()
        .select_related("author", "institution", "subject")
        .prefetch_related(
            Prefetch("materials", queryset=PracticeMaterial.objects.all(), to_attr="material_list")
        ),
        slug=slug,
    )
    return render(request, "publications/practice_detail.html", {"entry": entry})


@public_page(query=["page"], changes_with_time=True)
def news_list(request):
    page = paginate(request, News.objects.published().order_by("-date", "-id"), NEWS_PAGE_SIZE)
    return render(
        request,
        "publications/news_list.html",
        {"page_obj": page, "query": query_without_page(request)},
    )


@public_page(changes_with_time=True)
def news_detail(request, slug):
    """The item with links to the public records it is about (a linked issue appears on its
    date)."""
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


@public_page(changes_with_time=True)
def news_feed(request):
    """The latest news as an Atom feed."""
    return NewsFeed()(request)
