"""The figures the seeds quote, computed from the demo data by the query functions."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from contests import queries
from contests.models import ContestEntry, ContestStage, OlympiadResult, OlympiadStage
from imc_portal.periods import Period

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())


def test_demo_eight_teachers_won_stage_two_in_2014_2018_and_went_to_stage_three(demo):
    period = Period.years(2014, 2018)
    assert queries.contest_winners_advanced(period, ContestStage.OBLAST) == 8
    assert queries.contest_winners(period, ContestStage.OBLAST) == 8
    assert queries.contest_participants(period, ContestStage.NATIONAL) == 8


def test_demo_2019_city_team_won_over_90_percent_at_stage_three_and_over_half_at_four(demo):
    year = Period.calendar_year(2019)
    assert queries.olympiad_team_win_share(year, OlympiadStage.OBLAST) > 90
    assert queries.olympiad_team_win_share(year, OlympiadStage.NATIONAL) > 50
    assert queries.olympiad_team_win_share(Period.academic_year(2018), OlympiadStage.OBLAST) > 90


def test_demo_man_record_is_37_works_in_2009(demo):
    assert queries.man_record(Period.years(2005, 2012)) == {"year": 2009, "works": 37}
    per_year = {
        row["year"]: row["works"] for row in queries.man_works_per_year(Period.years(2005, 2012))
    }
    assert sorted(per_year) == list(range(2005, 2013))
    assert max(per_year.values()) == 37


def test_demo_project_festival_ran_three_years_in_a_row(demo):
    rows = queries.projects_per_year(Period.years(2000, 2030))
    assert [row["year"] for row in rows] == [2008, 2009, 2010]
    assert all(row["city_funded"] > 0 for row in rows)


def test_demo_is_idempotent(demo):
    counts = (ContestEntry.objects.count(), OlympiadResult.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (ContestEntry.objects.count(), OlympiadResult.objects.count()) == counts


def test_olympiad_stage_figures_count_participants_and_winners():
    from tests.contests.factories import OlympiadResultFactory

    OlympiadResultFactory(stage=3, result="1")
    OlympiadResultFactory(stage=3, result="participant")
    OlympiadResultFactory(stage=3, result="2", olympiad__year=2018)
    rows = queries.olympiad_stage_figures(Period.calendar_year(2019))
    assert rows == [{"stage": 3, "participants": 2, "winners": 1, "share": Decimal("50.0")}]
    assert queries.olympiad_team_win_share(Period.calendar_year(2019), 4) is None


def test_man_record_ignores_years_after_the_period():
    from tests.contests.factories import ManWorkFactory

    ManWorkFactory(year=2009)
    ManWorkFactory(year=2010)
    ManWorkFactory(year=2010)
    assert queries.man_record(Period.calendar_year(2009)) == {"year": 2009, "works": 1}
    assert queries.man_record(Period.calendar_year(2010)) == {"year": 2010, "works": 2}


def test_demo_figures_from_one_query_equal_the_separate_figures(demo):
    """The year pages count once what the summary counts with separate functions."""
    period = Period.years(2000, 2030)
    subjects = queries.olympiad_subject_figures(Period.calendar_year(2019))
    stages = queries.olympiad_stage_figures(Period.calendar_year(2019))
    assert stages and queries.olympiad_stage_totals(subjects) == stages
    by_year = queries.olympiad_stage_figures_by_year(period)
    assert {row["year"] for row in by_year} == {2017, 2018, 2019, 2020}
    for year in (2017, 2018, 2019, 2020):
        rows = [{**row, "year": None} for row in by_year if row["year"] == year]
        expected = queries.olympiad_stage_figures(Period.calendar_year(year))
        assert rows == [{**row, "year": None} for row in expected]
    man = queries.man_figures_by_year(period)
    assert man["record"] == {"year": 2009, "works": 37}
    assert man["years"] == queries.man_works_per_year(period)
    assert man["record"] == queries.man_record(period)
    for year, sections in man["sections"].items():
        assert sections == queries.man_section_figures(Period.calendar_year(year))


def test_man_figures_by_year_record_prefers_the_earliest_year_on_a_tie():
    from tests.contests.factories import ManResultFactory, ManWorkFactory

    ManWorkFactory(year=2010)
    ManResultFactory(work__year=2009, outcome="1")
    figures = queries.man_figures_by_year(Period.years(2000, 2030))
    assert figures["record"] == {"year": 2009, "works": 1}
    assert figures["years"] == [{"year": 2009, "works": 1}, {"year": 2010, "works": 1}]
    assert figures["sections"][2009][0]["winners"] == 1
