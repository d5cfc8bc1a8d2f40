"""The benchmark data (small sizes here): deterministic, guarded, and every page type the
benchmark lists answers."""

import io
import random

import pytest
from django.db import transaction
from django.urls import resolve

from bench.load_data import contests as contests_load_data
from bench.load_data import core as core_load_data
from bench.pages import contests as bench
from contests.models import ContestEntry, ManWork, OlympiadResult, Project, Student
from tests.factories import SubjectFactory

pytestmark = pytest.mark.django_db

YEARS = range(2024, 2027)


@pytest.fixture
def small(monkeypatch):
    monkeypatch.setattr(core_load_data, "INSTITUTIONS", 12)
    monkeypatch.setattr(core_load_data, "TEACHERS", 60)
    monkeypatch.setattr(contests_load_data, "STUDENTS", 200)
    monkeypatch.setattr(contests_load_data, "STAGE_SIZES", {2: 20, 3: 6, 4: 2})
    monkeypatch.setattr(contests_load_data, "MAN_WORKS_PER_YEAR", 10)
    monkeypatch.setattr(contests_load_data, "PROJECTS_PER_FESTIVAL", 4)
    for name in ["Математика", "Фізика", "Хімія", "Біологія"]:
        SubjectFactory(name=name)
    core_load_data.generate(random.Random(1), YEARS, io.StringIO())


def fingerprint():
    return (
        sorted(
            OlympiadResult.objects.values_list(
                "olympiad__subject__slug",
                "olympiad__year",
                "olympiad__kind",
                "student__surname",
                "student__first_name",
                "stage",
                "result",
            )
        ),
        sorted(ManWork.objects.values_list("year", "title", "section__name")),
        sorted(ContestEntry.objects.values_list("nomination__name", "teacher__slug")),
    )


def test_load_data_is_deterministic_guarded_and_reports_what_it_made(small):
    with transaction.atomic():
        contests_load_data.generate(random.Random("1:contests.load_data"), YEARS, io.StringIO())
        first = fingerprint()
        transaction.set_rollback(True)
    out = io.StringIO()
    contests_load_data.generate(random.Random("1:contests.load_data"), YEARS, out)
    assert fingerprint() == first
    # 4 subjects × 3 years, 3 of them with a tournament too: (20 + 6 + 2) and (5 + 5 + 2).
    assert OlympiadResult.objects.count() == 12 * 28 + 9 * 12
    assert ManWork.objects.count() == 30
    assert Project.objects.count() == 12
    assert "200 students, 444 olympiad results, 30 МАН works" in out.getvalue()
    counts = [Student.objects.count(), OlympiadResult.objects.count(), ManWork.objects.count()]
    again = io.StringIO()
    contests_load_data.generate(random.Random(2), YEARS, again)
    assert "already present" in again.getvalue()
    assert [Student.objects.count(), OlympiadResult.objects.count(), ManWork.objects.count()] == (
        counts
    )


def test_load_data_keeps_the_model_rules(small):
    contests_load_data.generate(random.Random(1), YEARS, io.StringIO())
    for result in OlympiadResult.objects.select_related("olympiad")[:50]:
        result.full_clean()
    # A student at stage III was at stage II of the same olympiad first.
    team = OlympiadResult.objects.filter(stage=3).values_list("olympiad", "student")
    city = set(OlympiadResult.objects.filter(stage=2).values_list("olympiad", "student"))
    assert set(team) <= city


def test_bench_lists_every_public_page_type_and_each_answers(small, client):
    contests_load_data.generate(random.Random(1), YEARS, io.StringIO())
    pages = bench.pages()
    names = {resolve(path.split("?")[0]).url_name for _name, path in pages}
    assert names == {
        "index",
        "edition",
        "olympiad_index",
        "olympiad_year",
        "man_index",
        "man_year",
        "projects_index",
        "projects_year",
    }
    assert all(name.startswith("contests: ") for name, _path in pages)
    assert any("result=all" in path for _name, path in pages)
    for name, path in pages:
        response = client.get(path)
        assert response.status_code == 200, name
        assert len(response.content) < 50 * 1024, name
