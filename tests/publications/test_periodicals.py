"""The publications index, a periodical's years and an issue's contents."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from tests.factories import StaffMemberFactory, TeacherFactory
from tests.publications.factories import (
    ArticleFactory,
    IssueFactory,
    ManualFactory,
    PeriodicalFactory,
)
from tests.publications.pages import main_html

pytestmark = pytest.mark.django_db


def issue_numbers(response):
    """(number, year) of the issue cards the page shows, in order."""
    found = re.findall(r'<span class="d-block">№ (\d+), (\d+)</span>', main_html(response))
    return [(int(number), int(year)) for number, year in found]


@pytest.mark.parametrize("count", [1, 3])
def test_index_lists_periodicals_with_latest_issues_and_manuals(
    client, django_assert_num_queries, count
):
    visnyk = PeriodicalFactory(title="Педагогічний вісник", order=1)
    PeriodicalFactory(title="Дошкільник", order=2)
    for number in range(1, count + 1):
        IssueFactory(periodical=visnyk, number=number, date=dt.date(2016, number, 1))
    for n in range(count):
        ManualFactory(title=f"Посібник {n}", year=2010 + n)
    # the centre, the periodicals, their latest issues, the latest manuals
    with django_assert_num_queries(4):
        response = client.get("/publications/")
    html = main_html(response)
    assert html.index("Педагогічний вісник") < html.index("Дошкільник")
    assert issue_numbers(response) == [(number, 2016) for number in range(count, 0, -1)]
    assert "Випусків ще не опубліковано." in html  # the second periodical
    assert re.findall(r"Посібник (\d)</a>", html) == [str(n) for n in range(count - 1, -1, -1)]


def test_index_shows_the_four_latest_issues_of_each_periodical(client):
    visnyk = PeriodicalFactory(title="Педагогічний вісник")
    for number in range(1, 7):
        IssueFactory(periodical=visnyk, number=number, date=dt.date(2016, number, 1))
    soon = timezone.localdate() + dt.timedelta(days=10)
    IssueFactory(periodical=visnyk, year=soon.year, number=1, date=soon)
    IssueFactory(periodical=visnyk, year=2017, number=1, is_published=False)
    response = client.get("/publications/")
    assert issue_numbers(response) == [(6, 2016), (5, 2016), (4, 2016), (3, 2016)]


def test_index_without_periodicals_says_so(client):
    PeriodicalFactory(title="Прихований вісник", is_published=False)
    html = main_html(client.get("/publications/"))
    assert "Періодичних видань ще не опубліковано." in html
    assert "Прихований вісник" not in html


@pytest.mark.parametrize("count", [1, 3])
def test_periodical_shows_its_latest_year_and_links_the_others(
    client, django_assert_num_queries, count
):
    periodical = PeriodicalFactory(title="Педагогічний вісник")
    for number in range(1, count + 1):
        IssueFactory(periodical=periodical, year=2016, number=number)
    IssueFactory(periodical=periodical, year=2015, number=1)
    IssueFactory(periodical=periodical, year=2014, number=1)
    # the centre, the periodical, its years, the year's issues
    with django_assert_num_queries(4):
        response = client.get(periodical.get_absolute_url())
    html = main_html(response)
    assert "Випуски 2016 року" in html
    assert issue_numbers(response) == [(number, 2016) for number in range(count, 0, -1)]
    assert re.findall(r'href="/publications/[\w-]+/(\d+)/"', html) == ["2015", "2014"]
    assert '<span class="page-link" aria-current="page">2016</span>' in html


def test_periodical_year_page_lists_that_year_only(client):
    periodical = PeriodicalFactory()
    IssueFactory(periodical=periodical, year=2016, number=1)
    IssueFactory(periodical=periodical, year=2015, number=7)
    response = client.get(f"/publications/{periodical.slug}/2015/")
    assert issue_numbers(response) == [(7, 2015)]
    html = main_html(response)
    assert "Випуски 2015 року" in html
    assert f'href="/publications/{periodical.slug}/2016/"' in html


@pytest.mark.parametrize("year", ["2014", "1900", "1949", "2101", "99999", "9" * 30])
def test_periodical_year_without_issues_is_not_found(client, year):
    periodical = PeriodicalFactory()
    IssueFactory(periodical=periodical, year=2016)
    assert client.get(f"/publications/{periodical.slug}/{year}/").status_code == 404


def test_periodical_year_of_a_future_issue_only_is_not_found_yet(client):
    periodical = PeriodicalFactory()
    IssueFactory(periodical=periodical, year=2016)
    soon = timezone.localdate() + dt.timedelta(days=400)
    future = IssueFactory(periodical=periodical, year=soon.year, number=1, date=soon)
    assert client.get(f"/publications/{periodical.slug}/{soon.year}/").status_code == 404
    html = main_html(client.get(periodical.get_absolute_url()))
    assert "Випуски 2016 року" in html and future.get_absolute_url() not in html


def test_periodical_without_issues_says_so(client):
    periodical = PeriodicalFactory()
    response = client.get(periodical.get_absolute_url())
    assert response.status_code == 200
    assert "Випусків ще не опубліковано." in main_html(response)


def test_unpublished_periodical_is_not_found(client):
    issue = IssueFactory(periodical__is_published=False)
    assert client.get(issue.periodical.get_absolute_url()).status_code == 404
    assert client.get(issue.get_absolute_url()).status_code == 404


def test_periodical_shows_a_new_year_at_once(client):
    periodical = PeriodicalFactory()
    IssueFactory(periodical=periodical, year=2016)
    assert "Випуски 2016 року" in main_html(client.get(periodical.get_absolute_url()))
    IssueFactory(periodical=periodical, year=2017, number=1)
    html = main_html(client.get(periodical.get_absolute_url()))
    assert "Випуски 2017 року" in html and f'href="/publications/{periodical.slug}/2016/"' in html


def contents(response):
    """(title, authors line) of each article of the issue page."""
    items = re.findall(
        r'<li id="article-\d+" class="mb-2">\s*<strong>([^<]*)</strong>.*?'
        r'<span class="small">(.*?)</span>',
        main_html(response),
        re.S,
    )
    return [(title, re.sub(r"<[^>]+>", "", authors).strip()) for title, authors in items]


@pytest.mark.parametrize("count", [1, 3])
def test_issue_lists_contents_with_authors(client, django_assert_num_queries, count):
    issue = IssueFactory(title="Інклюзивне навчання")
    for n in range(count):
        article = ArticleFactory(
            issue=issue,
            title=f"Стаття {n}",
            first_page=3 + 10 * n,
            last_page=7 + 10 * n,
            staff_authors=[StaffMemberFactory(surname=f"Методист{n}", first_name="Ірина")],
            other_authors="Гість А. Б.",
        )
        # one by one: the authors' order is the order they were added
        article.teachers.add(TeacherFactory(surname=f"Коваленко{n}", first_name="Ірина"))
        article.teachers.add(TeacherFactory(surname=f"Антоненко{n}", first_name="Олег"))
    # the centre, the issue, its articles, their authors
    with django_assert_num_queries(4):
        response = client.get(issue.get_absolute_url())
    assert contents(response) == [
        (f"Стаття {n}", f"Коваленко{n} І.І., Антоненко{n} О.І., Методист{n} І.П., Гість А. Б.")
        for n in range(count)
    ]
    html = main_html(response)
    assert "Інклюзивне навчання" in html and issue.pdf.url in html
    assert "с. 3–7" in html
    teacher = issue.articles.first().teachers.first()
    assert f'<a href="{teacher.get_absolute_url()}">' in html


def test_issue_authors_keep_the_order_they_were_entered(client):
    article = ArticleFactory(other_authors="")
    second, first = TeacherFactory(surname="Яковенко"), TeacherFactory(surname="Андрієнко")
    article.teachers.add(second)
    article.teachers.add(first)
    assert contents(client.get(article.issue.get_absolute_url()))[0][1].startswith(
        "Яковенко О.І., Андрієнко"
    )


def test_issue_without_articles_says_so(client):
    issue = IssueFactory()
    html = main_html(client.get(issue.get_absolute_url()))
    assert "Зміст цього випуску ще не внесено." in html


def test_issue_hidden_or_dated_ahead_is_not_found(client):
    hidden = IssueFactory(is_published=False)
    soon = timezone.localdate() + dt.timedelta(days=400)
    ahead = IssueFactory(year=soon.year, date=soon)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(ahead.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    "tail", ["2016/99/", "1900/1/", "99999/1/", f"{'9' * 30}/1/", f"2016/{'9' * 30}/"]
)
def test_issue_address_of_no_issue_is_not_found(client, tail):
    issue = IssueFactory(year=2016, number=1)
    assert client.get(issue.get_absolute_url()).status_code == 200
    assert client.get(f"/publications/{issue.periodical.slug}/{tail}").status_code == 404
