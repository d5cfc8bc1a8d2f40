"""The contests' sections of a teacher's public page."""

import pytest

from contests import people
from tests.contests.factories import (
    ContestEditionFactory,
    ContestEntryFactory,
    ContestResultFactory,
    ManWorkFactory,
    OlympiadResultFactory,
)
from tests.contests.pages import text
from tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db


def test_teacher_page_shows_contest_history_across_stages(client):
    entry = ContestEntryFactory()
    ContestResultFactory(entry=entry, stage=1, outcome="winner", place=1)
    ContestResultFactory(entry=entry, stage=2, outcome="laureate", place=3)
    page = text(client.get("/en" + entry.teacher.get_absolute_url()))
    assert '<a href="/en/contests/uchytel-roku/2016/">«Учитель року» 2016</a>, Математика:' in page
    assert (
        "I (city) stage: winner (place 1); II (oblast) stage: laureate (prize-winner) (place 3)"
        in page
    )


def test_teacher_page_leaves_out_unpublished_editions(client):
    entry = ContestEntryFactory(nomination__edition=ContestEditionFactory(is_published=False))
    ContestResultFactory(entry=entry, outcome="winner")
    page = text(client.get(entry.teacher.get_absolute_url()))
    assert "Учитель року" not in page


def test_teacher_page_counts_mentored_olympiad_results_without_student_names(client):
    mentor = TeacherFactory()
    OlympiadResultFactory(mentor=mentor, student__surname="Секретний", stage=3, result="1")
    OlympiadResultFactory(mentor=mentor, stage=3, result="participant")
    page = text(client.get("/en" + mentor.get_absolute_url()))
    link = '<a href="/en/olympiads/2019/">2019</a>'
    assert f"{link}, Математика: 2 students, III (oblast) stage, diplomas: 1" in page
    assert "Секретний" not in page


def test_teacher_page_lists_supervised_man_works(client):
    work = ManWorkFactory(title="Прості числа")
    page = text(client.get(work.supervisor.get_absolute_url()))
    assert (
        f'<a href="/man/2009/?section={work.section.slug}">Прості числа</a> (2009, Математика)'
        in page
    )


@pytest.mark.parametrize("count", [1, 3])
def test_teacher_sections_query_count_does_not_grow(django_assert_num_queries, count):
    teacher = TeacherFactory()
    for year in range(2016, 2016 + count):
        entry = ContestEntryFactory(teacher=teacher, nomination__edition__year=year)
        ContestResultFactory(entry=entry, stage=1)
        ContestResultFactory(entry=entry, stage=2)
        OlympiadResultFactory(mentor=teacher, olympiad__year=year)
        ManWorkFactory(supervisor=teacher, year=year)
    # the entries, their results, the mentored results counted, the works
    with django_assert_num_queries(4):
        sections = people.sections(teacher)
    contests, mentoring = sections
    assert [entry.nomination.edition.year for entry in contests["entries"]] == list(
        range(2016 + count - 1, 2015, -1)
    )
    assert all(len(entry.result_list) == 2 for entry in contests["entries"])
    assert len(mentoring["mentoring"]) == count
    assert len(mentoring["works"]) == count
