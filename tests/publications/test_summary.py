"""The publications' section of the director's summary: issues, manuals, teachers'
publications elsewhere, the best-practice catalogues and news, the records behind each
figure, the report's text, and the whole summary's number of queries."""

import datetime as dt
import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contests import summary as contests_summary
from imc_portal.models import Centre
from imc_portal.periods import Period
from imc_portal.summary import summarise
from publications import queries
from publications import summary as publications_summary
from publications.models.common import Level
from staff import summary as staff_summary
from tests.factories import CentreFactory
from tests.publications.factories import (
    ExternalPublicationFactory,
    IssueFactory,
    ManualFactory,
    NewsFactory,
    PeriodicalFactory,
    PracticeEntryFactory,
)

pytestmark = pytest.mark.django_db

Y2016, Y2017 = Period.calendar_year(2016), Period.calendar_year(2017)
AY2016 = Period.academic_year(2016)  # 1 September 2016 – 31 August 2017
SPRING = Period.between(dt.date(2016, 1, 1), dt.date(2016, 6, 30))
YEARS = Period.years(2014, 2018)


def publications_section(period):
    (section,) = summarise(period, Centre.current(), sections=[publications_summary.section()])
    return section


def figure(section, key):
    return section[key]


def test_dated_records_count_by_their_day():
    periodical = PeriodicalFactory()
    for day in (dt.date(2016, 3, 1), dt.date(2016, 10, 1), dt.date(2017, 3, 1)):
        IssueFactory(periodical=periodical, year=day.year, date=day)
    IssueFactory(periodical=periodical, year=2016, date=dt.date(2016, 5, 1), is_published=False)
    IssueFactory(periodical=PeriodicalFactory(is_published=False), date=dt.date(2016, 5, 1))
    NewsFactory(date=dt.date(2016, 2, 1))
    NewsFactory(date=dt.date(2016, 12, 1))
    NewsFactory(date=dt.date(2016, 12, 2), is_published=False)
    assert queries.issues([Y2016, Y2017]) == [2, 1]
    assert queries.issues([SPRING, AY2016]) == [1, 2]
    assert queries.issues([YEARS]) == [3]
    assert queries.news([Y2016, Y2017]) == [2, 0]
    assert queries.news([SPRING, AY2016]) == [1, 1]
    # The same as the public pages' single-period figure.
    assert queries.issues_count(Y2016) == queries.issues([Y2016])[0]
    for period in (Y2016, Y2017, AY2016, SPRING, YEARS):
        ((_title, issues),) = publications_summary.issue_records(period)
        assert issues.count() == queries.issues([period])[0]
        assert all(period.start <= issue.date <= period.end for issue in issues)
        ((_title, news),) = publications_summary.news_records(period)
        assert news.count() == queries.news([period])[0]


def test_year_dated_records_count_in_the_period_holding_the_years_middle():
    for year in (2015, 2016, 2016, 2017):
        ManualFactory(year=year)
        ExternalPublicationFactory(year=year)
    ManualFactory(year=2016, is_published=False)
    ExternalPublicationFactory(year=2016, is_published=False)
    series = Period.calendar_year(2017).series(3)
    assert queries.manuals(series) == [1, 2, 1]
    assert queries.external_publications(series) == [1, 2, 1]
    # An academic year counts the year of its 1 July: 2016/2017 counts 2017, once.
    assert queries.manuals(AY2016.series(2)) == [2, 1]
    assert queries.manuals([YEARS]) == [4]
    assert queries.manuals([SPRING]) == [0]  # holds no year's middle
    for period in (*series, AY2016, YEARS, SPRING):
        ((_title, manuals),) = publications_summary.manual_records(period)
        assert manuals.count() == queries.manuals([period])[0]
        ((_title, external),) = publications_summary.external_records(period)
        assert external.count() == queries.external_publications([period])[0]


def test_practice_entries_count_in_each_catalogue_by_its_decision():
    PracticeEntryFactory(city_decision_date=dt.date(2015, 3, 20))
    PracticeEntryFactory(
        city_decision_date=dt.date(2015, 4, 1),
        oblast_decision_date=dt.date(2016, 5, 10),
        level=Level.OBLAST,
    )
    PracticeEntryFactory(
        city_decision_date=None, oblast_decision_date=dt.date(2016, 11, 3), level=Level.OBLAST
    )
    PracticeEntryFactory(city_decision_date=dt.date(2016, 2, 1), is_published=False)
    series = Period.calendar_year(2016).series(2)
    assert queries.city_practice_added(series) == [2, 0]
    assert queries.oblast_practice_added(series) == [0, 2]
    assert queries.oblast_practice_added([SPRING, AY2016]) == [1, 1]
    assert queries.practice_entries_added(Y2016) == {"city": 0, "oblast": 2, "national": 0}
    for period in (*series, SPRING, AY2016):
        for level, count in (
            (Level.CITY, queries.city_practice_added([period])[0]),
            (Level.OBLAST, queries.oblast_practice_added([period])[0]),
        ):
            ((_title, entries),) = publications_summary.practice_records(level)(period)
            assert entries.count() == count


@pytest.mark.parametrize(
    ("count", "issues", "manuals", "works", "practice", "news"),
    [
        (1, "вийшов 1 номер", "видано 1 методичний посібник", "1 матеріал", "1 роботу",
         "1 новину"),
        (2, "вийшли 2 номери", "видано 2 методичні посібники", "2 матеріали", "2 роботи",
         "2 новини"),
        (5, "вийшло 5 номерів", "видано 5 методичних посібників", "5 матеріалів", "5 робіт",
         "5 новин"),
        (22, "вийшли 22 номери", "видано 22 методичні посібники", "22 матеріали", "22 роботи",
         "22 новини"),
    ],
)  # fmt: skip
def test_publications_sentences_agree_with_their_numbers(
    count, issues, manuals, works, practice, news
):
    periodical = PeriodicalFactory()
    for n in range(count):
        IssueFactory(periodical=periodical, year=2016, date=dt.date(2016, 3, 1))
        ManualFactory(year=2016)
        ExternalPublicationFactory(year=2016)
        PracticeEntryFactory(city_decision_date=dt.date(2016, 3, 1 + n))
        NewsFactory(date=dt.date(2016, 3, 1))
    issues_line, practice_line, news_line = publications_section(Y2016).sentences
    assert issues_line == (
        f"Протягом 2016 року {issues} часописів центру; {manuals}; педагоги надрукували "
        f"{works} у фахових журналах і збірках."
    )
    assert practice_line == (
        f"{practice} з ППД занесено до міського, 0 – до обласного каталогу передового "
        "педагогічного досвіду."
    )
    assert news_line == f"На порталі опубліковано {news}."


def test_seed_figures_and_the_whole_summary_from_the_demo(director_client):
    call_command("load_demo", stdout=io.StringIO())
    years = publications_section(YEARS)
    assert figure(years, "city_practice").current == 22
    assert figure(years, "oblast_practice").current == 20
    assert (
        "22 роботи з ППД занесено до міського, 20 – до обласного каталогу передового "
        "педагогічного досвіду."
    ) in years.sentences
    assert figure(publications_section(Period.calendar_year(2010)), "manuals").current == 1
    html = director_client.get("/summary/2009/").content.decode()
    sections = re.findall(r'<h2 id="summary-(\w+)" class="h3">', html)
    assert sections == ["staff", "events", "contests", "publications"]
    records = director_client.get(
        "/summary/2014-01-01--2018-12-31/publications/oblast_practice/"
    ).content.decode()
    assert len(re.findall(r'href="/admin/publications/practiceentry/\d+/change/"', records)) == 20
    # The whole summary, every section, stays within 40 queries for any kind of period.
    for address in ("/summary/2009/", "/summary/2018-2019/", "/summary/2014-01-01--2018-12-31/"):
        with CaptureQueriesContext(connection) as context:
            assert director_client.get(address).status_code == 200
        assert len(context.captured_queries) <= 40, address


@pytest.mark.parametrize("count", [1, 3])
def test_publications_section_runs_one_query_a_figure(django_assert_num_queries, count):
    CentreFactory(founded_year=1995)
    periodical = PeriodicalFactory()
    for year in (2008, 2009):
        for n in range(count):
            IssueFactory(periodical=periodical, year=year, date=dt.date(year, 3, 1))
            ManualFactory(year=year)
            ExternalPublicationFactory(year=year)
            PracticeEntryFactory(
                city_decision_date=dt.date(year, 3, 1 + n),
                oblast_decision_date=dt.date(year, 5, 1 + n),
                level=Level.OBLAST,
            )
            NewsFactory(date=dt.date(year, 3, 1))
    centre = Centre.current()
    # issues, manuals, publications elsewhere, city and oblast catalogues, news
    with django_assert_num_queries(6):
        (section,) = summarise(
            Period.calendar_year(2009), centre, sections=[publications_summary.section()]
        )
        assert section.sentences


def test_the_three_sections_add_at_most_21_queries_to_the_summary(django_assert_max_num_queries):
    centre = CentreFactory(founded_year=1995)
    sections = [
        staff_summary.section(),
        contests_summary.section(),
        publications_summary.section(),
    ]
    # staff 7, contests 8 (6 without stage II winners), publications 6
    with django_assert_max_num_queries(21):
        summarise(Period.calendar_year(2009), centre, sections=sections)
