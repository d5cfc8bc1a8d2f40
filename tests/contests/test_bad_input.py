"""Junk in the address: a filter value that does not validate answers 400 with the form's
errors and no list; a page or a year that cannot exist is not found; never a 500."""

import pytest

from tests.contests.factories import (
    ContestResultFactory,
    ManResultFactory,
    OlympiadResultFactory,
    ProjectFactory,
)
from tests.contests.pages import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    ContestResultFactory(entry__teacher__surname="Вчителька")
    OlympiadResultFactory(student__surname="Олімпієць")
    ManResultFactory(work__title="Дослідження ґрунтів")
    ProjectFactory(title="Розумна теплиця")
    return {
        "/contests/uchytel-roku/2016/": "Вчителька",
        "/olympiads/2019/": "Олімпієць",
        "/man/2009/": "Дослідження ґрунтів",
        "/projects/2010/": "Розумна теплиця",
    }


BAD_FILTERS = {
    "/contests/uchytel-roku/2016/": [
        {"stage": "\x00"},
        {"result": "x" * 1000},
        {"institution": "no-such-school"},
        {"stage": "9"},
    ],
    "/olympiads/2019/": [
        {"subject": "\x00"},
        {"subject": "fizyka"},
        {"stage": "x" * 1000},
        {"institution": "no-such-school", "result": "%00"},
        {"kind": "\x00tournament", "stage": "99"},
        {"result": "winner"},
    ],
    "/man/2009/": [
        {"section": "no-such\x00section"},
        {"section": "s" * 300},
        {"stage": "0"},
        {"result": "first"},
    ],
    "/projects/2010/": [
        {"institution": "\x00"},
        {"result": "x" * 1000},
        {"result": "prize\x00"},
    ],
}


@pytest.mark.parametrize(
    ("url", "params"), [(url, params) for url, cases in BAD_FILTERS.items() for params in cases]
)
def test_filter_value_that_does_not_validate_answers_400_without_a_list(
    client, records, url, params
):
    response = client.get(url, params)
    assert response.status_code == 400
    page = text(response)
    assert 'class="small text-danger"' in page  # the error next to its field
    assert '<details class="list-filters mb-3" open>' in page
    assert records[url] not in page


@pytest.mark.parametrize(
    "url", ["/contests/uchytel-roku/2016/", "/olympiads/2019/", "/man/2009/", "/projects/2010/"]
)
def test_filters_that_validate_answer_200_with_the_list(client, records, url):
    response = client.get(url)
    assert response.status_code == 200
    assert records[url] in text(response)


@pytest.mark.parametrize("page", ["abc", "²", "٣", "0", "-1", "\x00", "9" * 1000, "1.0", ""])
def test_olympiad_year_page_that_cannot_exist_is_not_found(client, records, page):
    assert client.get("/olympiads/2019/", {"page": page}).status_code == 404


def test_olympiad_year_page_as_percent_escapes_is_not_found(client, records):
    assert client.get("/olympiads/2019/?page=%C2%B2").status_code == 404
    assert client.get("/olympiads/2019/?page=%00").status_code == 404
    assert client.get("/olympiads/2019/?page=1").status_code == 200


@pytest.mark.parametrize("year", ["0", "1949", "2101", "99999", "9" * 30])
@pytest.mark.parametrize(
    "prefix", ["/olympiads/", "/man/", "/projects/", "/contests/uchytel-roku/"]
)
def test_year_out_of_range_is_not_found(client, records, prefix, year):
    assert client.get(f"{prefix}{year}/").status_code == 404


@pytest.mark.parametrize("url", ["/olympiads/abc/", "/man/20o9/", "/projects/-1/"])
def test_year_that_is_not_a_number_is_not_found(client, url):
    assert client.get(url).status_code == 404


def test_page_with_a_filter_error_is_not_kept(client, settings, records):
    settings.PAGE_CACHE_SECONDS = 60
    for _ in range(2):
        response = client.get("/olympiads/2019/", {"stage": "99"})
        assert response.status_code == 400
        assert not response.has_header("X-Page-Cache")
    client.get("/olympiads/2019/", {"stage": "3"})
    assert client.get("/olympiads/2019/", {"stage": "3"})["X-Page-Cache"] == "hit"
