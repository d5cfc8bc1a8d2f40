"""Projects of the student project festival brought in from a spreadsheet through the
admin: the festival found by its year (never added by an import), the school, team and
supervisor by name; a project already recorded is updated; a bad row saves nothing."""

import pytest

from contests.models import Project, Student
from contests.resources import ProjectResource
from tests.contests.factories import ProjectFactory, ProjectFestivalFactory
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

ADMIN = "contests_project"
HEADER = ProjectResource.COLUMNS


@pytest.fixture
def school():
    ProjectFestivalFactory(year=2015)
    school = InstitutionFactory(name="Сумська гімназія № 101", short_name="Гімназія № 101")
    TeacherFactory(surname="Мельник", first_name="Олена", patronymic="Іванівна", institution=school)
    return school


def project_row(**overrides):
    row = {
        "Рік": 2015, "Назва проєкту": "Зелений двір", "Заклад": "Гімназія № 101",
        "Команда": "Еко-патруль", "Учні": "Гнатюк Марко; Білик Ганна",
        "Керівник": "Мельник Олена Іванівна", "Результат": "переможець", "Місце": 1,
        "Фінансується містом": "так",
    }  # fmt: skip
    row.update(overrides)
    return [row[column] for column in HEADER]


def test_projects_csv_previews_then_saves_with_history(admin_client, superuser, school):
    second = {"Назва проєкту": "Шкільне радіо", "Учні": "", "Керівник": "", "Результат": "учасник", "Місце": "", "Фінансується містом": ""}  # fmt: skip  # noqa: E501
    rows = [project_row(), project_row(**second)]
    response = upload(admin_client, csv_file(rows, HEADER), ADMIN)
    assert response.status_code == 200
    assert response.context["result"].totals["new"] == 2
    assert (Project.objects.count(), Student.objects.count()) == (0, 0)  # nothing saved yet
    confirm_import(admin_client, response, ADMIN)
    project = Project.objects.get(title="Зелений двір")
    assert (project.festival.year, project.institution, project.team_name) == (
        2015,
        school,
        "Еко-патруль",
    )
    assert (project.outcome, project.place, project.city_funded) == ("winner", 1, True)
    assert project.supervisor.surname == "Мельник"
    assert sorted((s.surname, s.institution) for s in project.team.all()) == [
        ("Білик", school),
        ("Гнатюк", school),
    ]
    other = Project.objects.get(title="Шкільне радіо")
    assert (other.outcome, other.place, other.city_funded, other.team.count()) == (
        "participant",
        None,
        False,
        0,
    )
    created = Project.history.filter(history_type="+")
    assert sorted(h.title for h in created) == ["Зелений двір", "Шкільне радіо"]
    assert {h.history_user for h in created} == {superuser}


def test_projects_xlsx_row_of_a_recorded_project_updates_it(admin_client, school):
    recorded = ProjectFactory(
        festival__year=2015,
        title="Зелений двір",
        institution=school,
        outcome=Project.Outcome.PRIZE,
        place=2,
    )
    rows = [project_row()]
    response = upload(admin_client, xlsx_file(rows, HEADER), ADMIN)
    assert response.context["result"].totals["update"] == 1
    confirm_import(admin_client, response, ADMIN)
    assert Project.objects.count() == 1
    recorded.refresh_from_db()
    assert (recorded.outcome, recorded.place, recorded.city_funded) == ("winner", 1, True)
    assert sorted(s.surname for s in recorded.team.all()) == ["Білик", "Гнатюк"]
    assert recorded.history.filter(history_type="~").exists()
    again = upload(admin_client, xlsx_file(rows, HEADER), ADMIN)
    assert again.context["result"].totals["skip"] == 1


def test_projects_file_with_a_bad_row_saves_nothing(admin_client, school):
    rows = [
        project_row(),
        project_row(**{"Рік": 2016, "Назва проєкту": "Б"}),
        project_row(**{"Назва проєкту": "В", "Результат": "золото"}),
        project_row(**{"Назва проєкту": "Г", "Фінансується містом": "можливо"}),
        project_row(**{"Назва проєкту": "Ґ", "Заклад": "Школа № 999"}),
        project_row(),
    ]
    response = upload(admin_client, csv_file(rows, HEADER), ADMIN)
    assert response.status_code == 200
    assert row_errors(response.context["result"]) == {
        2: "Фестивалю проєктів 2016 року немає: спершу додайте фестиваль, потім імпортуйте.",
        3: "Невідомий результат: «золото».",
        4: "У «Фінансується містом» має бути «так» або «ні», а не «можливо».",
        5: "Невідомий заклад освіти: «Школа № 999».",
        6: "Той самий проєкт (рік і назва), що в рядку 1.",
    }
    assert "confirm_form" not in response.context
    assert (Project.objects.count(), Student.objects.count()) == (0, 0)


def test_projects_template_has_the_import_columns(admin_client):
    assert template_columns(admin_client, ADMIN) == HEADER


def test_exported_projects_import_back_unchanged(school):
    ProjectFactory(festival__year=2015, institution=school)
    assert reimport_totals(ProjectResource) == {"skip": 1}
