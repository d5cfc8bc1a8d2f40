"""Round 2: news links to events and contest results, reserved periodical addresses, keyset
pages of news and the practice catalogue, the load data and the benchmark's page list."""

import datetime as dt
import io
import random

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from imc_portal.models import Subject
from publications import bench, load_data
from publications.models import Article, Issue, News, Periodical, PracticeEntry
from publications.pagination import parse_cursor
from tests.contests.factories import ContestEditionFactory
from tests.events.factories import EventFactory
from tests.factories import SubjectFactory, TeacherFactory
from tests.publications.factories import NewsFactory, PeriodicalFactory, PracticeEntryFactory

pytestmark = pytest.mark.django_db


def test_news_detail_links_to_its_event_and_contest_results(client, django_assert_num_queries):
    event = EventFactory(title="Семінар учителів хімії")
    edition = ContestEditionFactory(year=2024)
    news = NewsFactory(event=event, contest_edition=edition)
    client.get("/news/")  # caches the Centre
    with django_assert_num_queries(2):  # the item, then whole with its links for the body
        response = client.get(news.get_absolute_url())
    with django_assert_num_queries(1):
        assert client.get(news.get_absolute_url()).content == response.content
    html = response.content.decode()
    assert f'href="{event.get_absolute_url()}"' in html and "Семінар учителів хімії" in html
    assert f'href="{edition.get_absolute_url()}"' in html and "Учитель року 2024" in html


def test_news_does_not_link_to_unpublished_records(client):
    event = EventFactory(title="Чернетка події", is_published=False)
    edition = ContestEditionFactory(year=2023, is_published=False)
    news = NewsFactory(event=event, contest_edition=edition)
    html = client.get(news.get_absolute_url()).content.decode()
    assert event.get_absolute_url() not in html and edition.get_absolute_url() not in html


@pytest.mark.parametrize("title", ["Manuals", "Articles", "Feed"])
def test_periodical_title_giving_a_reserved_address_is_refused(title):
    with pytest.raises(ValidationError) as error:
        Periodical(title=title).full_clean()
    assert "/publications/" in str(error.value.message_dict["title"])


def test_periodical_reserved_slug_is_refused_in_ukrainian():
    from django.utils import translation

    with translation.override("uk"), pytest.raises(ValidationError) as error:
        Periodical(title="Вісник", slug="manuals").full_clean()
    assert "належить сторінці порталу" in error.value.message_dict["slug"][0]


def test_periodical_saved_without_slug_never_takes_a_reserved_one(client):
    periodical = PeriodicalFactory(title="Articles")
    assert periodical.slug != "articles"
    assert client.get("/publications/articles/").context["filter"] is not None


def _news(count):
    today = timezone.localdate()
    return [
        NewsFactory(title=f"Новина {n}", date=today - dt.timedelta(days=n)) for n in range(count)
    ]


def test_news_pages_by_keyset_cost_the_same_deep_or_not(client, django_assert_num_queries):
    items = _news(25)  # newest first: items[0] … items[24]
    first = client.get("/news/")
    assert list(first.context["page"]) == items[:10]
    cursor = first.context["page"].next_cursor
    with django_assert_num_queries(2):  # the page's keys, then rows not rendered yet
        second = client.get("/news/", {"before": cursor})
    with django_assert_num_queries(0):  # then kept rendered until a record changes
        assert client.get("/news/", {"before": cursor}).content == second.content
    assert list(second.context["page"]) == items[10:20]
    third = client.get("/news/", {"before": second.context["page"].next_cursor})
    assert list(third.context["page"]) == items[20:]
    assert not third.context["page"].has_next
    back = client.get("/news/", {"after": third.context["page"].previous_cursor})
    assert list(back.context["page"]) == items[10:20]
    assert 'rel="next"' in second.content.decode() and 'rel="prev"' in second.content.decode()


@pytest.mark.parametrize("cursor", ["%00", "2020-13-01.5", "x" * 1000, "2020-01-01.abc", ""])
def test_news_bad_cursor_shows_the_first_page(client, cursor):
    items = _news(3)
    response = client.get("/news/?before=" + cursor)
    assert response.status_code == 200
    assert list(response.context["page"]) == items


def test_parse_cursor():
    assert parse_cursor("2019-05-03.1234") == (dt.date(2019, 5, 3), 1234)
    assert parse_cursor("2019-05-03") is None and parse_cursor(None) is None


@pytest.mark.parametrize("count", [1, 3])
def test_practice_deep_page_query_count_is_constant(client, django_assert_num_queries, count):
    area = SubjectFactory(name="Фізика")
    for n in range(20 + count):
        PracticeEntryFactory(subject=area, city_decision_date=dt.date(2015, 1, 1 + n))
    client.get("/practice/")  # caches the Centre and the filter choices
    first = client.get("/practice/", {"area": area.slug}).context["page"]
    with django_assert_num_queries(1):  # the page's whole rows, each with the list's total
        response = client.get("/practice/", {"area": area.slug, "before": first.next_cursor})
    with django_assert_num_queries(0):  # then kept rendered until a record changes
        client.get("/practice/", {"area": area.slug, "before": first.next_cursor})
    entries = list(response.context["page"])
    assert len(entries) == count
    assert [e.city_decision_date.day for e in entries] == list(range(count, 0, -1))
    assert response.context["total"] == 20 + count


def test_practice_catalogue_orders_by_first_inclusion_on_every_database(client):
    oblast_only = PracticeEntryFactory(
        city_decision_date=None,
        level="oblast",
        oblast_decision_date=dt.date(2017, 6, 1),
        oblast_decision_number="5",
    )
    older = PracticeEntryFactory(city_decision_date=dt.date(2016, 1, 1))
    newer = PracticeEntryFactory(city_decision_date=dt.date(2018, 1, 1))
    assert list(client.get("/practice/").context["page"]) == [newer, oblast_only, older]
    assert PracticeEntry.objects.get(pk=oblast_only.pk).included_on == dt.date(2017, 6, 1)


def _generate(years=range(2024, 2026)):
    if not Subject.objects.exists():
        SubjectFactory.create_batch(3)
        TeacherFactory.create_batch(5)
    out = io.StringIO()
    load_data.generate(random.Random("1:publications.load_data"), years, out)
    return out.getvalue()


def test_load_data_is_bulk_deterministic_and_runs_once(django_assert_max_num_queries):
    with django_assert_max_num_queries(120):  # SQLite limits a batch by its 999 parameters
        report = _generate()
    assert "120 issues, 1000 articles" in report
    counts = (Issue.objects.count(), Article.objects.count(), News.objects.count())
    assert counts == (120, 1000, 400)
    assert PracticeEntry.objects.count() == 300
    assert "already present" in _generate()
    assert (Issue.objects.count(), Article.objects.count(), News.objects.count()) == counts
    biggest = max(Issue.objects.all(), key=lambda issue: issue.articles.count())
    assert biggest.articles.count() == load_data.BIG_ISSUE_ARTICLES
    assert {i.pdf.name for i in Issue.objects.all()} == {"publications/load/shared.pdf"}


def test_bench_pages_answer_with_bounded_queries(client):
    _generate()
    pages = bench.pages()
    names = [name for name, _path in pages]
    assert all(name.startswith("publications: ") for name in names)
    assert {"publications: news deep", "publications: practice deep", "publications: search"} <= (
        set(names)
    )
    for name, path in pages:
        client.get(path)  # caches the Centre and the filter choices
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, name
        is_detail = name.endswith(("issue", "entry", "item", "search"))
        assert len(queries) <= (8 if is_detail else 5) or name.endswith("search"), name
        if not is_detail:
            assert len(response.content) < 50_000, name
    deep = dict(pages)["publications: news deep"]
    assert "before=" in deep
