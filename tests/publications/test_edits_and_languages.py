"""Every public publications page, kept whole by the page cache, shows an edit at once in
Ukrainian (unprefixed addresses) and in English (/en/…), whether the record was saved or
updated in bulk; the English page links to English pages."""

import re

import pytest

from publications.models import (
    Article,
    ExternalPublication,
    Manual,
    News,
    Periodical,
    PracticeEntry,
    PracticeMaterial,
)
from tests.factories import TeacherFactory
from tests.publications.factories import (
    ArticleFactory,
    ExternalPublicationFactory,
    IssueFactory,
    ManualFactory,
    NewsFactory,
    PracticeEntryFactory,
    PracticeMaterialFactory,
)
from tests.publications.pages import portal_links

pytestmark = pytest.mark.django_db

NEW = "Виправлений текст"


def _periodical():
    issue = IssueFactory(year=2016)
    ArticleFactory(issue=issue, teachers=[TeacherFactory()])
    ManualFactory()
    return issue.periodical


def index():
    periodical = _periodical()
    return "/publications/", Periodical.objects.filter(pk=periodical.pk), "title"


def periodical():
    periodical = _periodical()
    return periodical.get_absolute_url(), Periodical.objects.filter(pk=periodical.pk), "description"


def periodical_year():
    periodical = _periodical()
    IssueFactory(periodical=periodical, year=2017)
    url = f"{periodical.get_absolute_url()}2016/"
    return url, Periodical.objects.filter(pk=periodical.pk), "title"


def issue():
    article = ArticleFactory(teachers=[TeacherFactory()])
    return article.issue.get_absolute_url(), Article.objects.filter(pk=article.pk), "title"


def manuals():
    manual = ManualFactory(teachers=[TeacherFactory()])
    return "/publications/manuals/", Manual.objects.filter(pk=manual.pk), "title"


def manual():
    manual = ManualFactory(teachers=[TeacherFactory()])
    return manual.get_absolute_url(), Manual.objects.filter(pk=manual.pk), "description"


def articles():
    publication = ExternalPublicationFactory()
    records = ExternalPublication.objects.filter(pk=publication.pk)
    return "/publications/articles/", records, "venue"


def practice():
    entry = PracticeEntryFactory()
    return "/practice/", PracticeEntry.objects.filter(pk=entry.pk), "topic"


def practice_entry():
    material = PracticeMaterialFactory()
    records = PracticeMaterial.objects.filter(pk=material.pk)
    return material.entry.get_absolute_url(), records, "title"


def news():
    item = NewsFactory()
    return "/news/", News.objects.filter(pk=item.pk), "summary"


def news_item():
    item = NewsFactory(link_url="/practice/", issue=IssueFactory())
    return item.get_absolute_url(), News.objects.filter(pk=item.pk), "body"


def news_feed():
    item = NewsFactory()
    return "/news/feed/", News.objects.filter(pk=item.pk), "title"


def teacher():
    """The teacher's page, with the publications section of this app."""
    publication = ExternalPublicationFactory()
    ArticleFactory(teachers=[publication.author])
    ManualFactory(teachers=[publication.author])
    PracticeEntryFactory(author=publication.author)
    records = ExternalPublication.objects.filter(pk=publication.pk)
    return publication.author.get_absolute_url(), records, "title"


PAGES = [
    index,
    periodical,
    periodical_year,
    issue,
    manuals,
    manual,
    articles,
    practice,
    practice_entry,
    news,
    news_item,
    news_feed,
    teacher,
]


def english_links(url, response):
    if url.endswith("/feed/"):
        body = response.content.decode()
        return re.findall(r'href="http://testserver(/[^"]*)"', body)
    return portal_links(response)


@pytest.mark.parametrize("edit", ["save", "update"])
@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.__name__)
def test_page_shows_an_edit_at_once_in_both_languages(client, settings, page, edit):
    settings.PAGE_CACHE_SECONDS = 60
    url, records, field = page()
    addresses = [url, f"/en{url}"]
    for address in addresses:
        assert client.get(address).status_code == 200
        kept = client.get(address)
        assert kept["X-Page-Cache"] == "hit"
        assert NEW not in kept.content.decode()
    if edit == "save":
        record = records.get()
        setattr(record, field, NEW)
        record.save()
    else:
        assert records.update(**{field: NEW}) == 1
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200
        assert response["X-Page-Cache"] == "miss"
        assert NEW in response.content.decode(), address
    english = client.get(f"/en{url}")
    links = english_links(url, english)
    assert links, "the page links to other pages"
    assert all(link.startswith("/en/") for link in links), links
    ukrainian = english_links(url, client.get(url))
    assert ukrainian and not any(link.startswith("/en/") for link in ukrainian)
