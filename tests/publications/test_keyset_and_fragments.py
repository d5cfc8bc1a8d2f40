"""Manuals and teachers' publications paged by keyset (year DESC, id DESC); rendered entries
and detail bodies kept in the cache until a record changes."""

import pytest

from publications.pagination import YEAR, parse_cursor
from tests.factories import SubjectFactory
from tests.publications.factories import (
    ExternalPublicationFactory,
    ManualFactory,
    NewsFactory,
    PracticeEntryFactory,
    PracticeMaterialFactory,
)

pytestmark = pytest.mark.django_db

TOO_BIG = "2010." + "9" * 30  # overflows the database's integers
LISTS = [
    ("/publications/manuals/", ManualFactory),
    ("/publications/articles/", ExternalPublicationFactory),
]


def _rows(factory, count, **kwargs):
    """``count`` rows over a few years, in the order the list shows them."""
    rows = [factory(year=2010 + n % 3, **kwargs) for n in range(count)]
    return sorted(rows, key=lambda row: (-row.year, -row.pk))


@pytest.mark.parametrize(("url", "factory"), LISTS)
def test_list_pages_forward_and_back_by_keyset(client, url, factory):
    rows = _rows(factory, 45)
    first = client.get(url)
    assert list(first.context["page"]) == rows[:20]
    assert 'rel="prev"' not in first.content.decode()
    cursor = first.context["page"].next_cursor
    assert cursor == f"{rows[19].year}.{rows[19].pk}"
    second = client.get(url, {"before": cursor})
    assert list(second.context["page"]) == rows[20:40]
    third = client.get(url, {"before": second.context["page"].next_cursor})
    assert list(third.context["page"]) == rows[40:]
    assert not third.context["page"].has_next
    back = client.get(url, {"after": third.context["page"].previous_cursor})
    assert list(back.context["page"]) == rows[20:40]
    html = back.content.decode()
    assert 'rel="next"' in html and 'rel="prev"' in html and "page=" not in html


@pytest.mark.parametrize(("url", "factory"), LISTS)
def test_a_record_links_to_the_list_page_that_starts_with_it(client, url, factory):
    rows = _rows(factory, 45)
    deep = rows[30]
    path, _hash, anchor = deep.get_absolute_url().partition("#")
    response = client.get(path)
    assert response.context["page"].object_list[0] == deep
    assert f'id="{anchor}"' in response.content.decode()


@pytest.mark.parametrize(("url", "factory"), LISTS)
def test_list_pager_keeps_the_filters(client, url, factory):
    area = SubjectFactory(name="Географія")
    rows = _rows(factory, 25, subject=area)
    _rows(factory, 5)  # other areas
    first = client.get(url, {"area": area.slug})
    assert list(first.context["page"]) == rows[:20]
    html = first.content.decode()
    assert f"?area={area.slug}&amp;before={first.context['page'].next_cursor}" in html
    second = client.get(url, {"area": area.slug, "before": first.context["page"].next_cursor})
    assert list(second.context["page"]) == rows[20:]


@pytest.mark.parametrize(("url", "factory"), LISTS)
@pytest.mark.parametrize(
    "cursor",
    ["%00", "2010.%00abc", "2010", "x" * 1000, "20100.5", "2010.abc", "2010.-5", TOO_BIG],
)
def test_list_malformed_cursor_shows_the_first_page(client, url, factory, cursor):
    rows = _rows(factory, 3)
    for param in ("before", "after"):
        response = client.get(f"{url}?{param}={cursor}")
        assert response.status_code == 200
        assert list(response.context["page"]) == rows


@pytest.mark.parametrize(("url", "factory"), LISTS)
@pytest.mark.parametrize("count", [1, 3])
def test_list_deep_page_query_count_is_constant(
    client, django_assert_num_queries, url, factory, count
):
    rows = _rows(factory, 20 + count)
    first = client.get(url).context["page"]
    # page 2's whole rows (manuals: then their authors, teachers and staff)
    with django_assert_num_queries(1 if factory is ExternalPublicationFactory else 3):
        response = client.get(url, {"before": first.next_cursor})
    assert list(response.context["page"]) == rows[20:]
    with django_assert_num_queries(0):  # then kept rendered until a record changes
        client.get(url, {"before": first.next_cursor})


def test_parse_year_cursor():
    assert parse_cursor("2019.1234", YEAR) == (2019, 1234)
    for bad in ("2019-05-03.1", "٢٠١٩.1", "2019.1٢", "2019.+1", " 2019.1", None, ""):
        assert parse_cursor(bad, YEAR) is None


def test_manual_entry_shows_an_edit_at_once(client):
    manual = ManualFactory(title="Стара назва посібника")
    assert "Стара назва посібника" in client.get("/publications/manuals/").content.decode()
    manual.title = "Нова назва посібника"
    manual.save()
    html = client.get("/publications/manuals/").content.decode()
    assert "Нова назва посібника" in html and "Стара назва посібника" not in html


def test_filter_form_keeps_what_each_visitor_chose(client):
    SubjectFactory(name="Математика")
    SubjectFactory(name="Історія")
    first = client.get("/publications/articles/?area=matematyka").content.decode()
    second = client.get("/publications/articles/?area=istoriia").content.decode()
    assert '<option value="matematyka" selected>' in first
    assert '<option value="istoriia" selected>' in second
    assert '<option value="matematyka" selected>' not in second


def test_practice_and_news_show_an_edit_at_once(client):
    entry = PracticeEntryFactory(topic="Стара тема")
    material = PracticeMaterialFactory(entry=entry, title="Старий матеріал")
    news = NewsFactory(title="Стара новина")
    pages = ["/practice/", entry.get_absolute_url(), "/news/", news.get_absolute_url()]
    for url in pages:
        client.get(url)
    entry.topic = "Нова тема"
    entry.save()
    material.title = "Новий матеріал"
    material.save()
    news.title = "Нова новина"
    news.save()
    html = client.get("/practice/").content.decode()
    assert "Нова тема" in html and "1 запис" in html
    PracticeEntryFactory(topic="Ще одна тема")
    assert "2 записи" in client.get("/practice/").content.decode()
    html = client.get(entry.get_absolute_url()).content.decode()
    assert "Новий матеріал" in html and "Старий матеріал" not in html
    assert "Нова новина" in client.get("/news/").content.decode()
    html = client.get(news.get_absolute_url()).content.decode()
    assert "Нова новина" in html and "Стара новина" not in html


@pytest.mark.parametrize("url", ["/publications/manuals/", "/publications/articles/", "/practice/"])
def test_list_without_filters_builds_no_filter_form(client, url):
    first = client.get(url)
    assert first.context["filter"].unfiltered  # the form was built once, to be rendered
    second = client.get(url, {"before": "2010.5"})
    assert "form" not in vars(second.context["filter"])
    assert '<select name="area"' in second.content.decode()
    filtered = client.get(url, {"area": "x"})
    assert not getattr(filtered.context["filter"], "unfiltered", False)
