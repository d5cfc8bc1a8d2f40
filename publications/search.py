"""Publications, practice entries and news in the site search (``imc_portal.search_index``).

People are not searched by name here: their page (reached from the teachers' records) lists
their work. Issues and news are dated: they are indexed once marked public and found from
their date on."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from imc_portal.models import Institution, Teacher
from imc_portal.search_index import Document, SearchIndex, descending
from publications.models import (
    Article,
    ExternalPublication,
    Issue,
    Manual,
    News,
    Periodical,
    PracticeEntry,
)


def _article(article):
    issue = article.issue
    return Document(
        title=article.title,
        url=article.get_absolute_url(),
        text=(article.title, article.other_authors),
        summary=str(issue),
        date=issue.date,
        visible_from=issue.date,
        sort_key=(descending(issue.date), article.pk),
    )


def _manual(manual):
    return Document(
        title=f"{manual.title} ({manual.year})",
        url=manual.get_absolute_url(),
        text=(manual.title, manual.authoring_group, manual.description),
        summary=manual.description,
        sort_key=(descending(manual.year), manual.title),
    )


def _external(publication):
    return Document(
        title=publication.title,
        url=publication.get_absolute_url(),
        text=(publication.title, publication.venue),
        summary=f"{publication.author.short_name} // {publication.venue}, {publication.year}",
        sort_key=(descending(publication.year), publication.title),
    )


def _practice(entry):
    return Document(
        title=entry.topic,
        url=entry.get_absolute_url(),
        text=(entry.topic, entry.description),
        summary=f"{entry.author.short_name}, {entry.institution}",
        sort_key=(descending(entry.included_on), descending(entry.pk)),
    )


def _news(news):
    return Document(
        title=news.title,
        url=news.get_absolute_url(),
        text=(news.title, news.summary, news.body),
        summary=news.summary,
        date=news.date,
        visible_from=news.date,
        sort_key=(descending(news.date), descending(news.pk)),
    )


def indexes():
    return [
        SearchIndex(
            key="publications.article",
            title=_("Articles in the centre’s periodicals"),
            rows=lambda: Article.objects.published_or_scheduled().select_related(
                "issue__periodical"
            ),
            document=_article,
            follows={Issue: "issue", Periodical: "issue__periodical"},
        ),
        SearchIndex(
            key="publications.manual",
            title=_("Manuals"),
            rows=lambda: Manual.objects.published(),
            document=_manual,
            more_url=reverse_lazy("publications:manuals"),
        ),
        SearchIndex(
            key="publications.external",
            title=_("Teachers’ publications elsewhere"),
            rows=lambda: ExternalPublication.objects.published().select_related("author"),
            document=_external,
            follows={Teacher: "author"},
        ),
        SearchIndex(
            key="publications.practice",
            title=_("Best practice catalogue"),
            rows=lambda: PracticeEntry.objects.published().select_related("author", "institution"),
            document=_practice,
            follows={Teacher: "author", Institution: "institution"},
        ),
        SearchIndex(
            key="publications.news",
            title=_("News"),
            rows=lambda: News.objects.published_or_scheduled(),
            document=_news,
        ),
    ]
