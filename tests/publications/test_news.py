"""The news list, a news item with what it is about, the Atom feed and the home page's news."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from tests.contests.factories import ContestEditionFactory
from tests.events.factories import EventFactory
from tests.publications.factories import (
    IssueFactory,
    ManualFactory,
    NewsFactory,
    PracticeEntryFactory,
)
from tests.publications.pages import main_html

pytestmark = pytest.mark.django_db


def news_titles(response):
    return re.findall(r'<h2 class="h5 mb-1"><a href="[^"]+">([^<]*)</a>', main_html(response))


def feed_titles(response):
    return re.findall(r"<entry><title>([^<]*)</title>", response.content.decode())


def _news(count):
    """``count`` news items, one a day back from today: newest first."""
    today = timezone.localdate()
    return [
        NewsFactory(title=f"Новина {n:02}", date=today - dt.timedelta(days=n)) for n in range(count)
    ]


@pytest.mark.parametrize("count", [1, 3])
def test_news_list_shows_the_latest_first(client, django_assert_num_queries, count):
    items = _news(count)
    with django_assert_num_queries(3):  # the centre, the number of news, the page of them
        response = client.get("/news/")
    assert news_titles(response) == [news.title for news in items]
    html = main_html(response)
    assert html.count("Коротко про подію.") == count
    today = timezone.localdate()
    assert f'<time datetime="{today.isoformat()}">' in html


def test_news_list_is_paged_by_ten(client):
    items = _news(25)
    assert news_titles(client.get("/news/")) == [news.title for news in items[:10]]
    third = client.get("/news/", {"page": "3"})
    assert news_titles(third) == [news.title for news in items[20:]]
    assert 'href="?page=2"' in main_html(third) and "Сторінка 3 з 3" in main_html(third)
    assert client.get("/news/", {"page": "4"}).status_code == 404


def test_news_list_empty_says_so(client):
    response = client.get("/news/")
    assert response.status_code == 200 and "Новин ще немає." in main_html(response)


def test_news_hidden_or_dated_ahead_are_not_public(client):
    shown = NewsFactory(title="Опублікована")
    hidden = NewsFactory(title="Прихована", is_published=False)
    ahead = NewsFactory(title="Завтрашня", date=timezone.localdate() + dt.timedelta(days=1))
    assert news_titles(client.get("/news/")) == ["Опублікована"]
    assert client.get(shown.get_absolute_url()).status_code == 200
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(ahead.get_absolute_url()).status_code == 404


def test_news_dated_ahead_appears_on_its_date(client, monkeypatch):
    today = timezone.localdate()
    ahead = NewsFactory(title="Завтрашня", date=today + dt.timedelta(days=1))
    assert news_titles(client.get("/news/")) == []
    monkeypatch.setattr(timezone, "localdate", lambda *args: today + dt.timedelta(days=1))
    assert news_titles(client.get("/news/")) == ["Завтрашня"]
    assert client.get(ahead.get_absolute_url()).status_code == 200


def test_news_item_links_to_what_it_is_about(client, django_assert_num_queries):
    issue = IssueFactory()
    manual = ManualFactory(title="Посібник з історії")
    entry = PracticeEntryFactory(topic="Досвід з історії")
    event = EventFactory(title="Семінар учителів хімії")
    edition = ContestEditionFactory(year=2024)
    news = NewsFactory(
        issue=issue,
        manual=manual,
        practice_entry=entry,
        event=event,
        contest_edition=edition,
        link_url="/practice/",
        link_title="Каталог ППД",
        body="Перший абзац.\n\nДругий абзац.",
    )
    with django_assert_num_queries(2):  # the centre, the item with every linked record
        response = client.get(news.get_absolute_url())
    html = main_html(response)
    links = re.findall(r'<li><a href="([^"]+)">([^<]*)</a></li>', html)
    assert links == [
        (event.get_absolute_url(), "Семінар учителів хімії"),
        (edition.get_absolute_url(), str(edition)),
        (issue.get_absolute_url(), str(issue)),
        (manual.get_absolute_url(), "Посібник з історії"),
        (entry.get_absolute_url(), "Досвід з історії"),
        ("/practice/", "Каталог ППД"),
    ]
    assert "<p>Перший абзац.</p>" in html and "<p>Другий абзац.</p>" in html


def test_news_item_does_not_link_to_records_not_public(client):
    event = EventFactory(title="Чернетка події", is_published=False)
    edition = ContestEditionFactory(year=2023, is_published=False)
    manual = ManualFactory(is_published=False)
    soon = timezone.localdate() + dt.timedelta(days=400)
    issue = IssueFactory(year=soon.year, date=soon)
    news = NewsFactory(event=event, contest_edition=edition, manual=manual, issue=issue)
    html = main_html(client.get(news.get_absolute_url()))
    assert "Докладніше" not in html
    for record in (event, edition, manual, issue):
        assert record.get_absolute_url() not in html


def test_news_item_link_to_a_portal_page_follows_the_language(client):
    news = NewsFactory(link_url="/practice/", link_title="Каталог ППД")
    NewsFactory(title="Зовнішнє", link_url="https://example.org/a", link_title="Сайт")
    assert '<a href="/en/practice/">' in main_html(client.get(f"/en{news.get_absolute_url()}"))
    other = client.get("/en/news/zovnishnie/")
    assert '<a href="https://example.org/a">Сайт</a>' in main_html(other)


@pytest.mark.parametrize("count", [1, 3])
def test_news_feed_is_atom_with_the_latest_news(client, django_assert_num_queries, count):
    items = _news(count)
    NewsFactory(title="Прихована", is_published=False)
    NewsFactory(title="Завтрашня", date=timezone.localdate() + dt.timedelta(days=1))
    with django_assert_num_queries(1):
        response = client.get("/news/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert feed_titles(response) == [news.title for news in items]
    body = response.content.decode()
    assert f'href="http://testserver{items[0].get_absolute_url()}"' in body


def test_home_page_shows_the_latest_news(client):
    today = timezone.localdate()
    NewsFactory(title="Свіжа новина", date=today)
    NewsFactory(title="Завтрашня новина", date=today + dt.timedelta(days=1))
    html = main_html(client.get("/"))
    assert "Свіжа новина" in html and "Завтрашня новина" not in html
