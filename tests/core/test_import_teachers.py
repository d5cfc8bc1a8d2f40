"""Teachers brought in from a spreadsheet through the admin: preview, confirm, history; a
row of a teacher already registered updates the record; a bad row saves nothing."""

import pytest

from imc_portal.models import Teacher
from imc_portal.resources import TeacherResource
from tests.factories import InstitutionFactory, SubjectFactory, TeacherFactory
from tests.spreadsheets import (
    admin_url,
    confirm_import,
    csv_file,
    reimport_totals,
    row_errors,
    template_columns,
    upload,
    xlsx_file,
)

pytestmark = pytest.mark.django_db

ADMIN = "imc_portal_teacher"
HEADER = TeacherResource.COLUMNS


@pytest.fixture
def school():
    SubjectFactory(name="Математика")
    SubjectFactory(name="Інформатика")
    return InstitutionFactory(name="Сумська гімназія № 101", short_name="Гімназія № 101")


def teacher_row(**overrides):
    row = {
        "Прізвище": "Гнатюк", "Ім'я": "Ольга", "По батькові": "Петрівна",
        "Заклад": "Гімназія № 101", "Предмети": "Математика; Інформатика",
        "Посада": "учитель математики", "Категорія": "вища",
        "Педагогічне звання": "учитель-методист", "Ел. пошта": "hnatiuk@example.org",
        "Телефон": "+380501234567",
    }  # fmt: skip
    row.update(overrides)
    return [row[column] for column in HEADER]


def test_teachers_csv_previews_then_saves_with_history(admin_client, superuser, school):
    rows = [teacher_row(), teacher_row(**{"Прізвище": "Білик", "Категорія": "", "Предмети": ""})]
    response = upload(admin_client, csv_file(rows, HEADER), ADMIN)
    assert response.status_code == 200
    assert response.context["result"].totals["new"] == 2
    assert Teacher.objects.count() == 0  # the preview saved nothing
    confirm_import(admin_client, response, ADMIN)
    saved = Teacher.objects.get(surname="Гнатюк")
    assert (saved.institution, saved.position, saved.category, saved.pedagogical_title) == (
        school,
        "учитель математики",
        Teacher.Category.HIGHEST,
        Teacher.Title.TEACHER_METHODIST,
    )
    assert (saved.email, saved.phone) == ("hnatiuk@example.org", "+380501234567")
    assert sorted(s.name for s in saved.subjects.all()) == ["Інформатика", "Математика"]
    other = Teacher.objects.get(surname="Білик")
    assert (other.category, list(other.subjects.all())) == ("", [])
    created = Teacher.history.filter(history_type="+")
    assert sorted(h.surname for h in created) == ["Білик", "Гнатюк"]
    assert {h.history_user for h in created} == {superuser}


def test_teachers_xlsx_row_of_a_registered_teacher_updates_it(admin_client, school):
    known = TeacherFactory(
        surname="Гнатюк",
        first_name="Ольга",
        patronymic="Петрівна",
        institution=school,
        category=Teacher.Category.FIRST,
        email="old@example.org",
    )
    namesake = TeacherFactory(surname="Гнатюк", first_name="Ольга", patronymic="Петрівна")
    rows = [teacher_row(**{"Ел. пошта": "", "Прізвище": "ГНАТЮК"})]
    response = upload(admin_client, xlsx_file(rows, HEADER), ADMIN)
    assert response.context["result"].totals["update"] == 1
    confirm_import(admin_client, response, ADMIN)
    assert Teacher.objects.count() == 2
    known.refresh_from_db()
    assert known.category == Teacher.Category.HIGHEST
    assert known.email == "old@example.org"  # an empty cell keeps what is stored
    assert known.surname == "Гнатюк"
    assert known.history.filter(history_type="~").exists()
    namesake.refresh_from_db()
    assert namesake.category == ""  # the same name at another school is another teacher
    again = upload(admin_client, xlsx_file(rows, HEADER), ADMIN)
    assert again.context["result"].totals["skip"] == 1


def test_teachers_file_with_a_bad_row_saves_nothing(admin_client, school):
    rows = [
        teacher_row(),
        teacher_row(**{"Прізвище": "Білик", "Предмети": "Математика; Хімія"}),
        teacher_row(**{"Прізвище": "Кравець", "Заклад": "Школа № 999"}),
        teacher_row(**{"Прізвище": "Лисенко", "Категорія": "найвища"}),
        teacher_row(),
    ]
    response = upload(admin_client, csv_file(rows, HEADER), ADMIN)
    assert response.status_code == 200
    errors = row_errors(response.context["result"])
    assert errors == {
        2: "Невідомий предмет: «Хімія».",
        3: "Невідомий заклад освіти: «Школа № 999».",
        4: "Невідома кваліфікаційна категорія: «найвища».",
        5: "Той самий педагог (ім'я та заклад), що в рядку 1.",
    }
    assert "confirm_form" not in response.context
    assert Teacher.objects.count() == 0


def test_teachers_short_name_of_two_institutions_is_a_row_error(admin_client, school):
    InstitutionFactory(name="Інша гімназія № 101", short_name="Гімназія № 101")
    response = upload(admin_client, csv_file([teacher_row()], HEADER), ADMIN)
    assert row_errors(response.context["result"]) == {
        1: "Заклад освіти «Гімназія № 101» не єдиний з такою назвою; напишіть повну назву."
    }
    assert Teacher.objects.count() == 0


def test_teachers_template_has_the_import_columns(admin_client):
    assert template_columns(admin_client, ADMIN) == HEADER


def test_teachers_import_is_refused_to_the_director(director_client, school):
    assert director_client.get(admin_url(f"admin:{ADMIN}_import")).status_code == 403
    response = upload(director_client, csv_file([teacher_row()], HEADER), ADMIN)
    assert response.status_code == 403
    assert Teacher.objects.count() == 0


def test_exported_teachers_import_back_unchanged(school):
    TeacherFactory(category=Teacher.Category.FIRST, institution=school)
    assert reimport_totals(TeacherResource) == {"skip": 1}
