import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.contests.factories import ContestResultFactory, OlympiadResultFactory

pytestmark = pytest.mark.django_db


def contests_queries(queries):
    return [q["sql"] for q in queries if "contests_" in q["sql"]]


def test_home_shows_the_newest_olympiad_year_and_contest_winners(client):
    OlympiadResultFactory(olympiad__year=2018, stage=3, result="participant")
    OlympiadResultFactory(stage=3, result="1")
    OlympiadResultFactory(stage=3, result="participant")
    old = ContestResultFactory(
        entry__nomination__edition__year=2015, outcome="winner", entry__teacher__surname="Давня"
    )
    winner = ContestResultFactory(outcome="winner", stage=2, entry__teacher__surname="Переможна")
    ContestResultFactory(outcome="participant", entry__teacher__surname="Учасна")
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/en/").content.decode()
    assert len(contests_queries(queries)) == 3
    assert "Student olympiads 2019" in page
    assert "III (oblast) stage: diploma winners — 1 of 2 (50.0 %)" in page
    assert winner.entry.teacher.get_absolute_url() in page
    assert "Переможна" in page
    assert "Учасна" not in page
    assert old.entry.teacher.surname not in page


def test_home_section_updates_when_a_result_is_added(client):
    OlympiadResultFactory(stage=3, result="1")
    client.get("/")
    ContestResultFactory(outcome="winner", entry__teacher__surname="Новенька")
    assert "Новенька" in client.get("/").content.decode()


def test_home_section_is_absent_without_results(client):
    from contests.home import results_section

    assert results_section(None) == []
    assert "Latest results" not in client.get("/en/").content.decode()
