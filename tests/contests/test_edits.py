"""An edit shows at once on every public contests page, in Ukrainian and in English, although
anonymous pages are kept whole (imc_portal.page_cache): any write, a ``save()`` or a
``QuerySet.update()``, makes every kept page stale."""

import pytest

from contests.models import ContestEdition, ManWork, OlympiadResult, Project, Student
from tests.contests.factories import (
    ContestResultFactory,
    ManResultFactory,
    OlympiadResultFactory,
    ProjectFactory,
    StudentFactory,
)
from tests.contests.pages import main_links, text

pytestmark = pytest.mark.django_db


def rename_teacher(records):
    teacher = records["contest"].entry.teacher
    teacher.surname = "Перейменована"
    teacher.save()


def unpublish_edition(records):
    ContestEdition.objects.filter(year=2017).update(is_published=False)


def demote_olympiad_winner(records):
    OlympiadResult.objects.filter(pk=records["olympiad"].pk).update(result="participant")


def rename_student(records):
    student = records["olympiad"].student
    student.surname = "Перейменований"
    student.save()


def move_man_work(records):
    ManWork.objects.filter(pk=records["man"].work.pk).update(year=2011)


def retitle_man_work(records):
    ManWork.objects.filter(pk=records["man"].work.pk).update(title="Нова назва роботи")


def fund_project(records):
    Project.objects.filter(pk=records["project"].pk).update(city_funded=True)


def add_team_member(records):
    records["project"].team.add(StudentFactory(surname="Новенька"))


# (address, edit, what the page shows before the edit, what it shows after)
CASES = {
    "contest index": ("/contests/", unpublish_edition, "/contests/uchytel-roku/2017/", None),
    "contest edition": ("/contests/uchytel-roku/2016/", rename_teacher, None, "Перейменована"),
    "olympiad index": ("/olympiads/", demote_olympiad_winner, "<td>1 ", "<td>0 "),
    "olympiad year": ("/olympiads/2019/", rename_student, None, "Перейменований"),
    "МАН index": ("/man/", move_man_work, "/man/2009/", "/man/2011/"),
    "МАН year": ("/man/2009/", retitle_man_work, None, "Нова назва роботи"),
    "projects index": ("/projects/", fund_project, ": 0</li>", ": 1</li>"),
    "project festival": ("/projects/2010/", add_team_member, None, "Новенька"),
}


@pytest.fixture
def records():
    contest = ContestResultFactory(outcome="winner", entry__teacher__surname="Вчителька")
    ContestResultFactory(entry__nomination__edition__year=2017)
    return {
        "contest": contest,
        "olympiad": OlympiadResultFactory(stage=3, result="1", student__surname="Учень"),
        "man": ManResultFactory(work__title="Стара назва роботи"),
        "project": ProjectFactory(city_funded=False),
    }


def localized(snippet, language):
    """``snippet`` as the page in ``language`` shows it: English addresses start with /en."""
    return f"/en{snippet}" if language == "en" and snippet.startswith("/") else snippet


@pytest.mark.parametrize("case", CASES)
def test_edit_shows_at_once_in_both_languages(client, settings, records, case):
    settings.PAGE_CACHE_SECONDS = 60
    path, edit, before, after = CASES[case]
    addresses = {"uk": path, "en": f"/en{path}"}
    for language, address in addresses.items():
        first = client.get(address)
        assert first.status_code == 200
        kept = client.get(address)
        assert kept["X-Page-Cache"] == "hit"
        assert kept.content == first.content
        if before:
            assert localized(before, language) in text(first)
        if after:
            assert localized(after, language) not in text(first)
    edit(records)
    for language, address in addresses.items():
        response = client.get(address)
        assert response["X-Page-Cache"] == "miss"
        page = text(response)
        assert f'<html lang="{language}">' in page
        if before:
            assert localized(before, language) not in page
        if after:
            assert localized(after, language) in page
    links = [link for link in main_links(client.get(addresses["en"])) if link.startswith("/")]
    assert len(links) >= 4  # the section menu at least
    assert all(link.startswith("/en/") for link in links), links


def test_edit_of_a_name_shows_on_every_page_that_names_it(client, settings, records):
    settings.PAGE_CACHE_SECONDS = 60
    student = Student.objects.get(olympiad_results=records["olympiad"])
    pages = ["/olympiads/2019/", "/en/olympiads/2019/"]
    for page in pages:
        client.get(page)
        assert client.get(page)["X-Page-Cache"] == "hit"
    Student.objects.filter(pk=student.pk).update(surname="Змінений")
    for page in pages:
        assert "Змінений" in text(client.get(page))
