"""Publications, practice entries and news in the site search: one query per section.

Each section searches columns of its own table only, so that PostgreSQL answers from the
trigram indexes of migration 0004 (a condition on a joined table would force reading every
row); people are found by name in the teachers' section, their page lists their work."""

from django.urls import reverse
from django.utils.translation import gettext as _

from imc_portal.site_search import HITS_PER_SECTION, SearchHit, SearchSection, text_filter
from publications.models import Article, ExternalPublication, Manual, News, PracticeEntry


def _articles(query):
    rows = text_filter(
        Article.objects.published().select_related("issue__periodical"),
        ["title", "other_authors"],
        query,
    ).order_by("-issue__date", "id")[:HITS_PER_SECTION]
    return SearchSection(
        _("Articles in the centre’s periodicals"),
        [SearchHit(a.title, a.get_absolute_url(), str(a.issue), a.issue.date) for a in rows],
    )


def _manuals(query):
    rows = text_filter(
        Manual.objects.published(), ["title", "authoring_group", "description"], query
    ).order_by("-year", "title")[:HITS_PER_SECTION]
    return SearchSection(
        _("Manuals"),
        [SearchHit(f"{m.title} ({m.year})", m.get_absolute_url(), m.description) for m in rows],
        reverse("publications:manuals"),
    )


def _external(query):
    rows = text_filter(
        ExternalPublication.objects.published().select_related("author"),
        ["title", "venue"],
        query,
    ).order_by("-year", "title")[:HITS_PER_SECTION]
    return SearchSection(
        _("Teachers’ publications elsewhere"),
        [
            SearchHit(
                p.title, p.get_absolute_url(), f"{p.author.short_name} // {p.venue}, {p.year}"
            )
            for p in rows
        ],
    )


def _practice(query):
    rows = text_filter(
        PracticeEntry.objects.published().select_related("author", "institution"),
        ["topic", "description"],
        query,
    ).order_by("-included_on", "-id")[:HITS_PER_SECTION]
    return SearchSection(
        _("Best practice catalogue"),
        [
            SearchHit(e.topic, e.get_absolute_url(), f"{e.author.short_name}, {e.institution}")
            for e in rows
        ],
    )


def _news(query):
    rows = text_filter(News.objects.published(), ["title", "summary", "body"], query).order_by(
        "-date", "-id"
    )[:HITS_PER_SECTION]
    return SearchSection(
        _("News"), [SearchHit(n.title, n.get_absolute_url(), n.summary, n.date) for n in rows]
    )


def sections(query):
    return [_articles(query), _manuals(query), _external(query), _practice(query), _news(query)]
