from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.db.models import Count, Func, Prefetch, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from imc_portal import _transition as feeds
from imc_portal._transition import clean_query_data, filtered
from imc_portal._transition import cached_html, kept, kept_for_filters, today_key
from imc_portal._transition import cached_until_change
from imc_portal.page_cache import public_page
from publications.authors import attach_authors
from publications.filters import ExternalPublicationFilter, ManualFilter, PracticeFilter
from imc_portal._transition import attach_entries, rendered_filter_form, with_authors
from publications.models import (
    ExternalPublication,
    Issue,
    Manual,
    News,
    Periodical,
    PracticeEntry,
    PracticeMaterial,
)
from publications.pagination import YEAR, keyset_page

LATEST_ISSUES = 4
PAGE_SIZE = 20
NEWS_PAGE_SIZE = 10
FEED_SIZE = 20


def index(request):
    """The periodicals with their latest issues and the latest manuals: the same for every
    visitor, so rendered once per content version and day (an issue appears on its date)."""

    def render_sections():
        latest = Issue.objects.published().order_by("-date", "-number")[:LATEST_ISSUES]
        periodicals = Periodical.objects.published().prefetch_related(
            Prefetch("issues", queryset=latest, to_attr="latest_issues")
        )
        return render_to_string(
            "publications/includes/index_sections.html",
            {
                "periodicals": periodicals,
                "manuals": Manual.objects.published().select_related("subject")[:5],
            },
        )

    sections_html = cached_html(f"publications:index:{today_key()}", render_sections)
    return render(request, "publications/index.html", {"sections_html": sections_html})


def periodical_years(periodical):
    """[(year, number of issues)] of the periodical's published issues, newest first: one
    query over its issues, kept until a record changes or the day does."""

    def compute():
        return list(
            periodical.issues.published()
            .order_by("-year")
            .values_list("year")
            .annotate(count=Count("pk"))
        )

    return cached_until_change(
        f"publications:periodical-years:{periodical.pk}:{today_key()}", compute
    )


def periodical_detail(request, slug, year=None):
    """A periodical's issues of one year (by default the latest), with links to the other
    years: the page stays small however many years the archive holds."""
    periodical = get_object_or_404(Periodical.objects.published(), slug=slug)
    years = periodical_years(periodical)
    if year is None:
        year = years[0][0] if years else None
    elif year not in {y for y, _count in years}:
        raise Http404

    def render_year():
        issues = attach_entries(
            Issue.objects.published()
            .filter(periodical=periodical, year=year)
            .order_by("-number")
            .only("pk"),
            "publications/includes/issue_card.html",
            "issue-card",
            as_name="issue",
            full=Issue.objects.select_related("periodical"),
        )
        context = {"periodical": periodical, "year": year, "years": years, "issues": issues}
        return render_to_string("publications/includes/periodical_year.html", context)

    # The year's issues and the links to the other years, kept until a record changes or
    # the day does (an issue appears on its date).
    year_html = ""
    if year is not None:
        year_html = cached_html(
            f"publications:periodical-year:{periodical.pk}:{year}:{today_key()}", render_year
        )
    return render(
        request,
        "publications/periodical_detail.html",
        {"periodical": periodical, "year": year, "year_html": year_html},
    )


def issue_detail(request, slug, year, number):
    """The issue's page, kept per address and day (an issue appears on its date) until a
    record changes: a visit runs no query. Its contents (articles and their authors) are
    fetched only when it is rendered."""

    def compute():
        issue = (
            Issue.objects.published()
            .select_related("periodical")
            .filter(periodical__slug=slug, year=year, number=number)
            .first()
        )
        if issue is None:
            return None
        contents = list(issue.articles.select_related("subject"))
        attach_authors(contents, "other_authors")
        html = render_to_string(
            "publications/includes/issue_page.html", {"issue": issue, "contents": contents}
        )
        title = str(issue)
        return {"title": title, "subtitle": issue.title, "html": html}

    page = kept("publications:issue-page", compute, slug, year, number, today_key())
    if page is None:
        raise Http404
    return render(request, "publications/issue_detail.html", page)


def kept_list(request, name, filterset, section):
    """A list's section (entries, count, pager) rendered from ``section()``'s context, and
    kept per filter values, paging parameters and day until a record changes: its queries
    run only when it is rendered. ``filterset`` is None for a list without filters."""
    return kept_for_filters(
        f"publications:{name}",
        filterset,
        lambda: render_to_string(f"publications/includes/{name}_page.html", section()),
        today_key(),
        sorted(request.GET.lists()),
    )


def year_section(filterset, data, name, *, as_name, prepare=None):
    """``section`` for ``kept_list``: a page of a list ordered by (year DESC, id DESC), its
    entries rendered from ``publications/includes/<name>_item.html``. The filtered queryset
    reads whole rows with what an entry shows (``prepare`` fetches the rest for the entries
    not yet rendered): one query for the page."""

    def section():
        page = keyset_page(filterset.qs, data, "year", PAGE_SIZE, kind=YEAR)
        attach_entries(
            page.object_list, f"publications/includes/{name}_item.html", name,
            as_name=as_name, prepare=prepare,
        )  # fmt: skip
        return {"page": page}

    return section


def manual_list(request):
    """Manuals, the newest year first and, within a year, the most recently entered first:
    (year DESC, id DESC) is read from an index from any page on, so a deep page costs what
    the first one does. (Alphabetical order within a year would need the title, up to 400
    characters, in every "older" link.)"""
    data = clean_query_data(request.GET)
    queryset = Manual.objects.published().select_related("subject")
    filterset = filtered(ManualFilter, data, queryset)

    section = year_section(
        filterset, data, "manual", as_name="manual", prepare=with_authors("authoring_group")
    )
    return render(
        request,
        "publications/manual_list.html",
        {
            "filter": filterset,
            "filter_form": rendered_filter_form(request, filterset),
            "list_html": kept_list(request, "manual", filterset, section),
        },
    )


@public_page()
def manual_detail(request, slug):
    manual = get_object_or_404(Manual.objects.published().select_related("subject"), slug=slug)
    attach_authors([manual], "authoring_group")
    return render(request, "publications/manual_detail.html", {"manual": manual})


def article_list(request):
    """Teachers' publications elsewhere, ordered like the manuals (year DESC, id DESC: the
    newest year first, within a year the most recently entered first) and paged by keyset."""
    data = clean_query_data(request.GET)
    queryset = ExternalPublication.objects.published().select_related(
        "author__institution", "subject"
    )
    filterset = filtered(ExternalPublicationFilter, data, queryset)

    section = year_section(filterset, data, "article", as_name="publication")
    return render(
        request,
        "publications/article_list.html",
        {
            "filter": filterset,
            "filter_form": rendered_filter_form(request, filterset),
            "list_html": kept_list(request, "article", filterset, section),
        },
    )


def filtered_total(queryset):
    """The number of rows of ``queryset`` as a subquery for ``annotate``: the page's query
    then carries the total of the filtered list on each row. Not a window (COUNT(*) OVER ()),
    which counts the rows the WHERE keeps, and on a deep page that is only those past the
    cursor; an uncorrelated subquery is evaluated once, from the same indexes as a COUNT."""
    return Subquery(queryset.order_by().values(total=Func("pk", function="COUNT")))


def practice_list(request):
    # Whole rows with what an entry shows: the page's query is the only one of the list.
    queryset = PracticeEntry.objects.published().select_related("author", "institution", "subject")
    data = clean_query_data(request.GET)
    filterset = filtered(PracticeFilter, data, queryset)

    def section():
        entries = filterset.qs
        page = keyset_page(
            entries.annotate(total=filtered_total(entries)), data, "included_on", PAGE_SIZE
        )
        # Every page of the same filters shows the total of the filtered list. An empty
        # page shows none: the list is empty (0) or the cursor is past its end.
        rows = page.object_list
        total = rows[0].total if rows else (0 if page.is_first else None)
        attach_entries(
            rows, "publications/includes/practice_item.html", "practice", as_name="entry"
        )
        return {"page": page, "total": total}

    return render(
        request,
        "publications/practice_list.html",
        {
            "filter": filterset,
            "filter_form": rendered_filter_form(request, filterset),
            "list_html": kept_list(request, "practice", filterset, section),
        },
    )


def practice_detail(request, slug):
    """The entry; its body (catalogue decisions, description, materials) and the line that
    describes it (author, institution) are rendered once per content version, and the
    related rows are fetched only then: a visit reads the entry's own row."""
    entry = get_object_or_404(
        PracticeEntry.objects.published().only("pk", "slug", "topic"), slug=slug
    )

    def render_page():
        whole = PracticeEntry.objects.select_related("author", "institution", "subject").get(
            pk=entry.pk
        )
        whole.material_list = list(PracticeMaterial.objects.filter(entry=whole))
        return {
            "description": f"{whole.topic}. {whole.author.full_name}, {whole.institution.name}",
            "body_html": render_to_string(
                "publications/includes/practice_body.html", {"entry": whole}
            ),
        }

    page = kept("publications:practice", render_page, entry.pk)
    return render(request, "publications/practice_detail.html", {"entry": entry, **page})


def news_list(request):
    def section():
        page = keyset_page(
            News.objects.published().only("pk", "date"),
            clean_query_data(request.GET),
            "date",
            NEWS_PAGE_SIZE,
        )
        attach_entries(
            page.object_list,
            "publications/includes/news_card.html",
            "news-card",
            as_name="news",
            full=News.objects.all(),
        )
        return {"page": page}

    list_html = kept_list(request, "news", None, section)
    return render(request, "publications/news_list.html", {"list_html": list_html})


def news_detail(request, slug):
    """The item; its body, with links to the public records it is about, is rendered once
    per content version and day (a linked record may become public on its date)."""
    news = get_object_or_404(
        News.objects.published().only("pk", "slug", "title", "summary", "date"), slug=slug
    )

    def render_body():
        whole = News.objects.with_links().get(pk=news.pk)
        return render_to_string("publications/includes/news_body.html", {"news": whole})

    body_html = cached_html(f"publications:news:{news.pk}:{today_key()}", render_body)
    return render(request, "publications/news_detail.html", {"news": news, "body_html": body_html})


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


def news_feed(request):
    """The Atom feed, kept per day (news dated ahead join it on their date) until a record
    changes."""
    return feeds.kept_feed(request, "publications:news-feed", today_key(), NewsFeed())
