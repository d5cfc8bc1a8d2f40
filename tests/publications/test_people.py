"""A teacher's practice entries and publications on their public page."""

import datetime as dt
import re

import pytest

from publications import people
from publications.models.common import Level
from tests.factories import TeacherFactory
from tests.publications.factories import (
    ArticleFactory,
    ExternalPublicationFactory,
    IssueFactory,
    ManualFactory,
    PracticeEntryFactory,
)
from tests.publications.pages import main_html

pytestmark = pytest.mark.django_db


def publication_lines(response):
    html = main_html(response).split('id="person-publications"')[1].split("</ul>")[0]
    return re.findall(r"<li[^>]*>(.*?)</li>", html)


def test_teacher_page_lists_each_kind_of_publication_with_its_link_and_place(client):
    teacher = TeacherFactory()
    older = ArticleFactory(teachers=[teacher], title="Стара стаття", issue__year=2015)
    newer = ArticleFactory(teachers=[teacher], title="Нова стаття", issue__year=2019)
    manual = ManualFactory(teachers=[teacher], title="Посібник", year=2018)
    elsewhere = ExternalPublicationFactory(
        author=teacher, title="У журналі", venue="Шкільний світ", year=2020
    )
    linked = ExternalPublicationFactory(
        author=teacher, title="На сайті", venue="Освіта.ua", year=2017, url="https://osvita.ua/a"
    )
    response = client.get(teacher.get_absolute_url())
    assert publication_lines(response) == [
        f'<a href="{newer.get_absolute_url()}">Нова стаття</a> '
        f"// {newer.issue.periodical.title}, 2019, № {newer.issue.number}",
        f'<a href="{older.get_absolute_url()}">Стара стаття</a> '
        f"// {older.issue.periodical.title}, 2015, № {older.issue.number}",
        f'<a href="{manual.get_absolute_url()}">Посібник</a> (2018)',
        "У журналі // Шкільний світ, 2020",
        '<a href="https://osvita.ua/a" rel="noopener">На сайті</a> // Освіта.ua, 2017',
    ]
    html = main_html(response)
    for publication in (elsewhere, linked):
        path, anchor = publication.get_absolute_url().split("#")
        assert path == teacher.get_absolute_url()
        assert f'<li id="{anchor}">' in html


def test_teacher_page_lists_practice_entries(client):
    teacher = TeacherFactory()
    entry = PracticeEntryFactory(
        author=teacher,
        topic="Мій досвід",
        level=Level.OBLAST,
        city_decision_date=dt.date(2015, 3, 20),
        oblast_decision_date=dt.date(2016, 5, 1),
    )
    PracticeEntryFactory(author=teacher, topic="Прихований досвід", is_published=False)
    html = main_html(client.get(teacher.get_absolute_url()))
    assert f'<li><a href="{entry.get_absolute_url()}">Мій досвід</a> · обласний, 2015</li>' in html
    assert "Прихований досвід" not in html


def test_teacher_page_leaves_out_what_is_not_public(client):
    teacher = TeacherFactory()
    ArticleFactory(
        teachers=[teacher], title="Стаття у прихованому випуску", issue__is_published=False
    )
    ManualFactory(teachers=[teacher], title="Прихований посібник", is_published=False)
    ExternalPublicationFactory(author=teacher, title="Прихована публікація", is_published=False)
    html = main_html(client.get(teacher.get_absolute_url()))
    assert "Прихован" not in html and 'id="person-publications"' not in html
    assert people.sections(teacher) == []


@pytest.mark.parametrize("count", [1, 3])
def test_teacher_sections_read_a_fixed_number_of_queries(django_assert_num_queries, count):
    teacher = TeacherFactory()
    issue = IssueFactory()
    for n in range(count):
        ArticleFactory(issue=issue, teachers=[teacher], title=f"Стаття {n}")
        ManualFactory(teachers=[teacher], title=f"Посібник {n}")
        ExternalPublicationFactory(author=teacher, title=f"Публікація {n}")
        PracticeEntryFactory(author=teacher, topic=f"Досвід {n}")
    with django_assert_num_queries(2):  # the practice entries, the three kinds of publication
        [section] = people.sections(teacher)
    assert len(section["practice_entries"]) == count
    assert [len(section[kind]) for kind in ("articles", "manuals", "external_publications")] == [
        count
    ] * 3
