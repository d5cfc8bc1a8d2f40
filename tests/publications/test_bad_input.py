"""Whatever the address says, a page answers 400 (a filter it cannot read) or 404 (no such
page or year), never 500."""

import pytest

from tests.publications.factories import (
    ExternalPublicationFactory,
    IssueFactory,
    ManualFactory,
    NewsFactory,
    PracticeEntryFactory,
)
from tests.publications.pages import main_html

pytestmark = pytest.mark.django_db

FILTERED_LISTS = {
    "/publications/manuals/": ManualFactory,
    "/publications/articles/": ExternalPublicationFactory,
    "/practice/": PracticeEntryFactory,
}
NUMBERED_LISTS = {**FILTERED_LISTS, "/news/": NewsFactory}


@pytest.mark.parametrize("url", list(FILTERED_LISTS))
@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("area=%00", "area"),
        ("area=" + "x" * 1000, "area"),
        ("area=no-such-area", "area"),
        ("institution=%00", "institution"),
        ("institution=no-such-school", "institution"),
        ("year=%00", "year"),
        ("year=abc", "year"),
        ("year=1900", "year"),
        ("year=2101", "year"),
        ("year=99999999999999999999", "year"),
        ("author=%00abc", "author"),
        ("author=" + "x" * 1000, "author"),
    ],
)
def test_list_filter_that_does_not_validate_is_a_400_with_its_error(client, url, query, field):
    record = FILTERED_LISTS[url]()
    title = getattr(record, "title", None) or record.topic
    assert title in main_html(client.get(url))
    response = client.get(f"{url}?{query}")
    assert response.status_code == 400
    assert list(response.context["filter"].form.errors) == [field]
    html = main_html(response)
    assert '<details class="list-filters mb-3" open>' in html
    assert f'<div id="id_{field}_error" class="small text-danger">' in html
    assert response.context["page_obj"] is None and title not in html


@pytest.mark.parametrize("url", ["/publications/articles/", "/practice/"])
@pytest.mark.parametrize("query", ["level=%00", "level=regional", "level=" + "x" * 1000])
def test_list_unknown_level_is_a_400(client, url, query):
    FILTERED_LISTS[url]()
    response = client.get(f"{url}?{query}")
    assert response.status_code == 400
    assert list(response.context["filter"].form.errors) == ["level"]


@pytest.mark.parametrize("url", list(FILTERED_LISTS))
def test_list_author_with_quotes_and_sql_is_only_text(client, url):
    FILTERED_LISTS[url]()
    response = client.get(url, {"author": "'; DROP TABLE publications_manual; --"})
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 0


@pytest.mark.parametrize("url", list(NUMBERED_LISTS))
@pytest.mark.parametrize("page", ["abc", "%C2%B2", "0", "-1", "%00", "1.5", "9" * 30, "2"])
def test_list_page_that_does_not_exist_is_a_404(client, url, page):
    NUMBERED_LISTS[url]()
    assert client.get(url).status_code == 200
    assert client.get(f"{url}?page={page}").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/publications/{slug}/1949/",
        "/publications/{slug}/2101/",
        "/publications/{slug}/0/",
        "/publications/{slug}/99999999999999999999/",
        "/publications/{slug}/1900/1/",
        "/publications/{slug}/99999999999999999999/1/",
        "/publications/{slug}/2016/99999999999999999999/",
        "/publications/{slug}/2016/0/",
        "/publications/no-such-periodical/",
        "/publications/no-such-periodical/2016/",
        "/publications/manuals/no-such-manual/",
        "/practice/no-such-entry/",
        "/news/no-such-news/",
    ],
)
def test_address_of_no_record_is_a_404(client, path):
    issue = IssueFactory(year=2016, number=1)
    assert client.get(issue.get_absolute_url()).status_code == 200
    assert client.get(path.format(slug=issue.periodical.slug)).status_code == 404
