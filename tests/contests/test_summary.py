"""The contests' section of the director's summary: contest winners, the olympiad teams'
shares, МАН works and their record, the project festival, the records behind each figure
and the report's text."""

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command

from contests import queries
from contests import summary as contests_summary
from contests.models import ContestOutcome, ContestStage, Diploma, OlympiadStage
from imc_portal.models import Centre
from imc_portal.periods import Period
from imc_portal.summary import summarise
from tests.contests.factories import (
    ContestEditionFactory,
    ContestEntryFactory,
    ContestFactory,
    ContestResultFactory,
    ManWorkFactory,
    NominationFactory,
    OlympiadFactory,
    OlympiadResultFactory,
    ProjectFactory,
    ProjectFestivalFactory,
)
from tests.factories import CentreFactory

pytestmark = pytest.mark.django_db

Y2016 = Period.calendar_year(2016)
AY2015 = Period.academic_year(2015)  # its results are those of 2016 (1 March 2016)
YEARS = Period.years(2014, 2018)
WINNER = ContestOutcome.WINNER


def contests_section(period):
    (section,) = summarise(period, Centre.current(), sections=[contests_summary.section()])
    return section


def figure(section, key):
    return section[key]


def stage_two(year, outcome=WINNER, contest="Учитель року", teacher=None, **edition):
    nomination = NominationFactory(
        edition=ContestEditionFactory(contest=ContestFactory(name=contest), year=year, **edition)
    )
    entry = ContestEntryFactory(nomination=nomination, **({"teacher": teacher} if teacher else {}))
    ContestResultFactory(entry=entry, stage=1, outcome=WINNER)
    return ContestResultFactory(entry=entry, stage=ContestStage.OBLAST, outcome=outcome)


def test_contest_winners_count_each_teacher_once_a_period():
    twice = stage_two(2014).entry.teacher
    stage_two(2016, teacher=twice)  # the same teacher again, in another year
    stage_two(2016)
    stage_two(2016, contest="Класовод року")
    stage_two(2016, outcome=ContestOutcome.LAUREATE)
    stage_two(2016, contest="Класний керівник року", is_published=False)
    stage_two(2019)
    entry = ContestEntryFactory(nomination=NominationFactory(edition__year=2016, name="Історія"))
    ContestResultFactory(entry=entry, stage=ContestStage.CITY, outcome=WINNER)  # stage I only
    assert queries.contest_stage_winners([Y2016]) == [3]
    assert queries.contest_stage_winners([AY2015]) == [3]
    assert queries.contest_stage_winners([YEARS]) == [3]  # the one who won twice once
    assert queries.contest_stage_winners(Period.calendar_year(2019).series(6)) == [
        1, 0, 3, 0, 0, 1
    ]  # fmt: skip
    assert queries.contest_stage_winners_by_contest([YEARS]) == [
        ("klasovod-roku", "Класовод року", [1]),
        ("uchytel-roku", "Учитель року", [2]),
    ]
    for period in (Y2016, AY2015, YEARS):
        ((_title, teachers),) = contests_summary.contest_winner_records(period)
        assert teachers.count() == queries.contest_stage_winners([period])[0]
        for slug, _name, values in queries.contest_stage_winners_by_contest([period]):
            ((_title, teachers),) = contests_summary.contest_winner_records_of(period, slug)
            assert teachers.count() == values[0]
    ((_title, teachers),) = contests_summary.contest_winner_records(YEARS)
    assert twice in teachers


def team(year, stage, won, lost):
    olympiad = OlympiadFactory(year=year)
    for result in [Diploma.FIRST, Diploma.SECOND, Diploma.THIRD] * won + [
        Diploma.PARTICIPANT
    ] * lost:
        OlympiadResultFactory(olympiad=olympiad, stage=stage, result=result)


def test_olympiad_team_shares_are_winners_of_the_team_at_each_stage():
    team(2019, OlympiadStage.OBLAST, won=1, lost=1)  # 3 winners of 4
    team(2019, OlympiadStage.NATIONAL, won=0, lost=2)
    OlympiadResultFactory(olympiad__year=2019, stage=OlympiadStage.NATIONAL, result=Diploma.THIRD)
    OlympiadResultFactory(olympiad__year=2019, stage=OlympiadStage.CITY, result=Diploma.THIRD)
    team(2018, OlympiadStage.OBLAST, won=0, lost=3)
    periods = Period.academic_year(2018).series(3)  # 2016/2017, 2017/2018, 2018/2019
    assert queries.olympiad_stage_three_shares(periods) == [None, Decimal("0.0"), Decimal("75.0")]
    assert queries.olympiad_stage_four_shares(periods) == [None, None, Decimal("33.3")]
    # The same as the public pages' single-period figure.
    assert queries.olympiad_team_win_share(Period.calendar_year(2019), 3) == Decimal("75.0")
    winners, members = contests_summary.team_records(OlympiadStage.OBLAST)(periods[-1])
    assert (winners[1].count(), members[1].count()) == (3, 4)
    assert set(winners[1]) < set(members[1])
    section = contests_section(Period.calendar_year(2019))
    assert figure(section, "olympiad_stage_three").share
    assert (
        "Протягом 2019 року 75,0 % учасників команд міста стали переможцями ІІІ етапу "
        "Всеукраїнських учнівських олімпіад, 33,3 % — переможцями IV етапу."
    ) in section.sentences


def test_man_works_by_year_and_the_record_of_all_time():
    CentreFactory(founded_year=2004)
    for year, count in {2007: 2, 2008: 4, 2009: 5, 2010: 3}.items():
        for _n in range(count):
            ManWorkFactory(year=year)
    ManWorkFactory(year=2009, is_published=False)
    assert queries.man_works(Period.calendar_year(2010).series(4)) == [2, 4, 5, 3]
    assert queries.man_works([Period.academic_year(2008)]) == [5]  # 2008/2009: 2009
    assert queries.man_works([Period.years(2007, 2008)]) == [6]
    best = contests_section(Period.calendar_year(2009))
    assert figure(best, "man_works").is_record
    assert (
        "Протягом 2009 року учні міста підготували 5 науково-дослідницьких робіт МАН — "
        "найбільша кількість за всі часи."
    ) in best.sentences
    later = contests_section(Period.calendar_year(2010))
    assert figure(later, "man_works").best == (Period.calendar_year(2009), 5)
    assert "Протягом 2010 року учні міста підготували 3 науково-дослідницькі роботи МАН." in (
        later.sentences
    )
    ((_title, works),) = contests_summary.man_records(Period.calendar_year(2009))
    assert works.count() == 5 and {work.year for work in works} == {2009}


def test_festival_projects_and_years_in_a_row():
    for year, count in {2008: 1, 2009: 2, 2010: 3, 2012: 1}.items():
        festival = ProjectFestivalFactory(year=year)
        for _n in range(count):
            ProjectFactory(festival=festival)
    periods = Period.calendar_year(2012).series(6)  # 2007 … 2012
    assert queries.festival_projects(periods) == [0, 1, 2, 3, 0, 1]
    assert queries.festival_years_in_row(periods) == [0, 1, 2, 3, 0, 1]
    assert queries.festival_years_in_row([Period.academic_year(2009)]) == [3]  # 2010
    ((_title, festivals),) = contests_summary.festival_records(Period.calendar_year(2010))
    assert [festival.year for festival in festivals] == [2008, 2009, 2010]
    ((_title, projects),) = contests_summary.project_records(Period.calendar_year(2010))
    assert projects.count() == 3
    text = contests_section(Period.calendar_year(2010)).sentences
    assert (
        "Протягом 2010 року у фестивалі учнівських проектів взяли участь 3 проекти; "
        "фестиваль проведено вже 3-й рік поспіль."
    ) in text
    first = contests_section(Period.calendar_year(2008)).sentences
    assert "Протягом 2008 року у фестивалі учнівських проектів взяв участь 1 проект." in first


@pytest.mark.parametrize(
    ("count", "teachers", "works"),
    [
        (1, "1 учитель став переможцем", "1 науково-дослідницьку роботу"),
        (2, "2 учителі стали переможцями", "2 науково-дослідницькі роботи"),
        (5, "5 учителів стали переможцями", "5 науково-дослідницьких робіт"),
        (22, "22 учителі стали переможцями", "22 науково-дослідницькі роботи"),
    ],
)
def test_contests_sentences_agree_with_their_numbers(count, teachers, works):
    for _n in range(count):
        stage_two(2016)
        ManWorkFactory(year=2016)
    text = contests_section(Y2016).sentences
    assert f"Протягом 2016 року {teachers} ІІ (обласного) етапу фахових конкурсів." in text
    assert any(f"учні міста підготували {works} МАН" in line for line in text)


def test_seed_figures_from_the_demo(director_client):
    call_command("load_demo", stdout=io.StringIO())
    years = contests_section(YEARS)
    assert figure(years, "contest_winners").current == 8
    first = years.sentences[0]
    assert "З 1 січня 2014 року по 31 грудня 2018 року 8 учителів стали переможцями" in first
    season = contests_section(Period.calendar_year(2019))
    assert figure(season, "olympiad_stage_three").current > 90
    assert figure(season, "olympiad_stage_four").current > 50
    record = contests_section(Period.calendar_year(2009))
    assert figure(record, "man_works").current == 37
    assert figure(record, "man_works").is_record
    assert "37 науково-дослідницьких робіт МАН — найбільша кількість за всі часи." in (
        " ".join(record.sentences)
    )
    assert figure(contests_section(Period.calendar_year(2010)), "festival_years").current == 3
    html = director_client.get("/summary/2009/").content.decode()
    assert '<h2 id="summary-contests" class="h3">Конкурси та олімпіади</h2>' in html
    assert "найбільша кількість за всі часи" in html
    records = director_client.get(
        "/summary/2014-01-01--2018-12-31/contests/contest_winners/"
    ).content.decode()
    assert len(re.findall(r'href="/admin/imc_portal/teacher/\d+/change/"', records)) == 8
    team_page = director_client.get("/summary/2019/contests/olympiad_stage_three/").content
    assert len(re.findall(rb'href="/admin/contests/olympiadresult/\d+/change/"', team_page)) == (
        22 + 24
    )
    olympiads = director_client.get("/olympiads/2019/").content.decode()
    assert "команда міста з 24 учнів здобула 22 дипломи: 91,7 % команди" in olympiads
    assert "команда міста з 3 учнів здобула 2 дипломи: 66,7 % команди" in olympiads
    man = director_client.get("/man/").content.decode()
    assert "Рекорд: 37 робіт у 2009 році — найбільша кількість за всі часи." in man


@pytest.mark.parametrize("count", [1, 3])
def test_contests_section_runs_one_query_a_figure(django_assert_num_queries, count):
    CentreFactory(founded_year=1995)
    for year in (2008, 2009):
        for _n in range(count):
            stage_two(year)
            ManWorkFactory(year=year)
            ProjectFactory(festival=ProjectFestivalFactory(year=year))
            OlympiadResultFactory(olympiad__year=year, stage=OlympiadStage.OBLAST)
    centre = Centre.current()
    # contest winners, by contest (and the contests' names), the two team shares, МАН
    # works, festival projects, the festivals' years: for the 15 years back to the founding
    with django_assert_num_queries(8):
        (section,) = summarise(
            Period.calendar_year(2009), centre, sections=[contests_summary.section()]
        )
        assert section.sentences


def test_a_festival_date_outside_any_year_counts_nothing():
    ProjectFestivalFactory(year=2010)
    autumn = Period.between(dt.date(2010, 9, 1), dt.date(2010, 12, 31))  # no 1 March
    assert queries.festival_years_in_row([autumn]) == [0]
    ((_title, festivals),) = contests_summary.festival_records(autumn)
    assert not festivals.exists()
