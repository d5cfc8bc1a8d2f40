"""МАН research works (without results) brought in from a spreadsheet through the admin:
the work, its section and its students by name; a work already recorded (year and title)
is updated; a bad row saves nothing."""

import pytest

from contests.models import ManSection, ManWork, Student
from contests.resources import ManWorkResource
from tests.contests.factories import ManSectionFactory, ManWorkFactory, StudentFactory
from tests.factories import InstitutionFactory, TeacherFactory
from tests.spreadsheets import (
    confirm_import,
    csv_file,
    reimport_totals,
    row_errors,
    template_columns,
    upload,
    xlsx_file,
)

pytestmark = pytest.mark.django_db

ADMIN = "contests_manwork"
HEADER = ManWorkResource.COLUMNS


@pytest.fixture
def school():
    ManSectionFactory(name="Математика")
    school = InstitutionFactory(name="Сумська гімназія № 101", short_name="Гімназія № 101")
    TeacherFactory(surname="Мельник", first_name="Олена", patronymic="Іванівна", institution=school)
    return school


def work_row(**overrides):
    row = {
        "Рік": 2012, "Секція": "Математика", "Назва роботи": "Числа Фібоначчі",
        "Учні": "Гнатюк Марко; Білик Ганна Петрівна", "Клас": 10, "Заклад": "Гімназія № 101",
        "Керівник": "Мельник Олена Іванівна", "Опубліковано": "",
    }  # fmt: skip
    row.update(overrides)
    return [row[column] for column in HEADER]


def test_man_works_csv_previews_then_saves_with_history(admin_client, superuser, school):
    rows = [
        work_row(),
        work_row(
            **{
                "Секція": "Фізика",
                "Назва роботи": "Маятник",
                "Учні": "Кравець Іван",
                "Керівник": "",
                "Опубліковано": "ні",
            }
        ),
    ]
    response = upload(admin_client, csv_file(rows, HEADER), ADMIN)
    assert response.status_code == 200
    assert response.context["result"].totals["new"] == 2
    assert (ManWork.objects.count(), Student.objects.count(), ManSection.objects.count()) == (
        0,
        0,
        1,
    )  # the preview saved nothing
    confirm_import(admin_client, response, ADMIN)
    work = ManWork.objects.get(title="Числа Фібоначчі")
    assert (work.year, work.section.name, work.grade, work.institution, work.is_published) == (
        2012,
        "Математика",
        10,
        school,
        True,
    )
    assert work.supervisor.surname == "Мельник"
    assert sorted((s.full_name, s.institution) for s in work.students.all()) == [
        ("Білик Ганна Петрівна", school),
        ("Гнатюк Марко", school),
    ]
    other = ManWork.objects.get(title="Маятник")
    # A section not on the list yet is added, as the МАН results import does.
    assert (other.section.name, other.supervisor, other.is_published) == ("Фізика", None, False)
    created = ManWork.history.filter(history_type="+")
    assert sorted(h.title for h in created) == ["Маятник", "Числа Фібоначчі"]
    assert {h.history_user for h in created} == {superuser}


def test_man_works_xlsx_row_of_a_recorded_work_updates_it(admin_client, school):
    recorded = ManWorkFactory(
        year=2012,
        title="Числа Фібоначчі",
        grade=9,
        is_published=False,
        institution=school,
        students=[StudentFactory(surname="Гнатюк", first_name="Марко", institution=school)],
    )
    rows = [work_row()]
    response = upload(admin_client, xlsx_file(rows, HEADER), ADMIN)
    assert response.context["result"].totals["update"] == 1
    confirm_import(admin_client, response, ADMIN)
    assert ManWork.objects.count() == 1
    recorded.refresh_from_db()
    assert (recorded.grade, recorded.is_published) == (10, False)  # an empty cell keeps it
    assert sorted(s.surname for s in recorded.students.all()) == ["Білик", "Гнатюк"]
    assert Student.objects.filter(surname="Гнатюк").count() == 1  # found, not added again
    assert recorded.history.filter(history_type="~").exists()
    again = upload(admin_client, xlsx_file(rows, HEADER), ADMIN)
    assert again.context["result"].totals["skip"] == 1


def test_man_works_file_with_a_bad_row_saves_nothing(admin_client, school):
    rows = [
        work_row(),
        work_row(**{"Назва роботи": "Б", "Клас": 13}),
        work_row(**{"Назва роботи": "В", "Учні": "Гнатюк"}),
        work_row(**{"Назва роботи": "Г", "Керівник": "Шевченко Тарас"}),
        work_row(),
    ]
    response = upload(admin_client, csv_file(rows, HEADER), ADMIN)
    assert response.status_code == 200
    assert row_errors(response.context["result"]) == {
        2: "Клас має бути від 1 до 12, а не 13.",
        3: "Укажіть учнів як «Прізвище Ім'я», через «;».",
        4: "Невідомий педагог: «Шевченко Тарас».",
        5: "Та сама робота (рік і назва), що в рядку 1.",
    }
    assert "confirm_form" not in response.context
    assert (ManWork.objects.count(), Student.objects.count()) == (0, 0)


def test_man_works_template_has_the_import_columns(admin_client):
    assert template_columns(admin_client, ADMIN) == HEADER


def test_exported_man_works_import_back_unchanged(school):
    ManWorkFactory(institution=school)
    assert reimport_totals(ManWorkResource) == {"skip": 1}
