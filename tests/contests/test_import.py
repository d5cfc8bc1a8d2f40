"""Importing results from spreadsheets through the admin: preview, row errors, nothing
saved unless the whole file is valid, the same file twice changes nothing."""

import datetime as dt
import io
import re

import openpyxl
import pytest
import tablib
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contests.models import ContestResult, ManResult, ManWork, OlympiadResult, Student
from contests.resources import ContestResultResource, ManResultResource, OlympiadResultResource
from imc_portal.spreadsheets import MAX_IMPORT_BYTES
from tests import spreadsheets
from tests.contests.factories import NominationFactory, OlympiadResultFactory
from tests.factories import InstitutionFactory, SubjectFactory, TeacherFactory
from tests.spreadsheets import admin_url

pytestmark = pytest.mark.django_db

OLYMPIAD_HEADER = OlympiadResultResource.COLUMNS


@pytest.fixture
def school():
    SubjectFactory(name="Математика")
    TeacherFactory(surname="Мельник", first_name="Олена", patronymic="Іванівна")
    return InstitutionFactory(name="Сумська гімназія № 101", short_name="Гімназія № 101")


def olympiad_row(**overrides):
    row = {
        "Рік": 2019, "Предмет": "Математика", "Вид": "олімпіада", "Етап": "III",
        "Прізвище": "Гнатюк", "Ім'я": "Марко", "По батькові": "", "Клас": 10,
        "Заклад": "Гімназія № 101", "Результат": "I", "Бали": "45,5",
        "Наставник": "Мельник Олена Іванівна",
    }  # fmt: skip
    row.update(overrides)
    return [row[column] for column in OLYMPIAD_HEADER]


def csv_file(rows, header=OLYMPIAD_HEADER, encoding="utf-8"):
    return spreadsheets.csv_file(rows, header, encoding)


def xlsx_file(rows, header=OLYMPIAD_HEADER):
    return spreadsheets.xlsx_file(rows, header)


def preview(client, upload, model="olympiadresult"):
    return spreadsheets.upload(client, upload, f"contests_{model}")


def confirm(client, response, model="olympiadresult"):
    return spreadsheets.confirm_import(client, response, f"contests_{model}")


def test_import_valid_csv_previews_then_saves(admin_client, school):
    response = preview(
        admin_client,
        csv_file([olympiad_row(), olympiad_row(**{"Прізвище": "Білик", "Етап": "II"})]),
    )
    assert response.context["result"].has_errors() is False
    assert not response.context["result"].has_validation_errors()
    assert OlympiadResult.objects.count() == 0  # the preview saved nothing
    confirm(admin_client, response)
    result = OlympiadResult.objects.get(student__surname="Гнатюк")
    assert (result.stage, result.result, result.grade, str(result.score)) == (3, "1", 10, "45.50")
    assert result.mentor.surname == "Мельник"
    assert result.institution == school


def test_import_same_file_twice_changes_nothing(admin_client, school):
    rows = [olympiad_row(), olympiad_row(**{"Прізвище": "Білик"})]
    confirm(admin_client, preview(admin_client, xlsx_file(rows)))
    before = list(OlympiadResult.objects.values_list("pk", "updated").order_by("pk"))
    history = OlympiadResult.history.count()
    response = preview(admin_client, xlsx_file(rows))
    totals = response.context["result"].totals
    assert totals["new"] == 0 and totals["update"] == 0 and totals["skip"] == 2
    confirm(admin_client, response)
    assert list(OlympiadResult.objects.values_list("pk", "updated").order_by("pk")) == before
    assert OlympiadResult.history.count() == history
    assert Student.objects.count() == 2


def row_errors(response):
    return row_errors_from(response.context["result"])


def test_import_reports_each_bad_row_and_saves_nothing(admin_client, school):
    rows = [
        olympiad_row(),
        olympiad_row(**{"Заклад": "Школа № 999", "Прізвище": "А"}),
        olympiad_row(**{"Клас": 13, "Прізвище": "Б"}),
        olympiad_row(),
        olympiad_row(**{"Результат": "золото", "Прізвище": "В"}),
    ]
    response = preview(admin_client, csv_file(rows))
    errors = row_errors(response)
    assert "Школа № 999" in errors[2]
    assert "12" in errors[3]
    assert "1" in errors[4] and set(errors) == {2, 3, 4, 5}
    assert "золото" in errors[5]
    assert "confirm_form" not in response.context
    assert OlympiadResult.objects.count() == 0
    assert Student.objects.count() == 0


def test_import_resource_rolls_back_the_whole_file_on_any_error(school):
    dataset = tablib.Dataset(
        olympiad_row(), olympiad_row(**{"Клас": 0, "Прізвище": "Б"}), headers=OLYMPIAD_HEADER
    )
    result = OlympiadResultResource().import_data(dataset, dry_run=False, use_transactions=True)
    assert result.has_validation_errors()
    assert OlympiadResult.objects.count() == 0


def test_import_date_in_a_number_column_is_a_row_error(admin_client, school):
    response = preview(admin_client, xlsx_file([olympiad_row(**{"Бали": dt.datetime(2019, 3, 5)})]))
    assert "date" in row_errors(response)[1] or "дата" in row_errors(response)[1]
    assert OlympiadResult.objects.count() == 0


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("results.csv", b""), "empty"),
        (csv_file([["x"]], header=["Щось"]), "Columns missing"),
        (csv_file([olympiad_row()], encoding="cp1251"), "UTF-8"),
        (csv_file([olympiad_row(**{"Бали": "=1+1"})]), "formula"),
        (SimpleUploadedFile("results.xlsx", b"not a zip"), "XLSX"),
        (SimpleUploadedFile("results.csv", b"x" * (MAX_IMPORT_BYTES * 10 + 1)), "MB"),
    ],
)
def test_import_malformed_file_gets_a_clear_message(
    admin_client, school, settings, upload, message
):
    response = admin_client.post(
        "/en" + admin_url("admin:contests_olympiadresult_import"),
        {
            "import_file": upload,
            "format": "1" if upload.name.endswith(".csv") else "0",
            "resource": "0",
        },
    )
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors.get("import_file", []))
    assert message in errors
    assert OlympiadResult.objects.count() == 0


def test_import_xlsx_formula_is_refused(admin_client, school):
    response = admin_client.post(
        "/en" + admin_url("admin:contests_olympiadresult_import"),
        {
            "import_file": xlsx_file([olympiad_row(**{"Клас": "=5+5"})]),
            "format": "0",
            "resource": "0",
        },
    )
    assert "formula" in " ".join(response.context["form"].errors["import_file"])


def test_export_respects_the_changelist_filters(admin_client):
    OlympiadResultFactory(stage=3, student__surname="Третій")
    OlympiadResultFactory(stage=2, student__surname="Другий")
    response = admin_client.post(
        reverse("admin:contests_olympiadresult_export") + "?stage__exact=3",
        {
            "format": "1",
            "resource": "0",
            **{f"olympiadresultresource_{f}": "on" for f in OlympiadResultResource._meta.fields},
        },
    )
    body = response.content.decode("utf-8-sig")
    assert "Третій" in body
    assert "Другий" not in body


def test_exported_olympiad_results_import_back_unchanged(admin_client):
    OlympiadResultFactory(stage=3, student__surname="Кругообіг")
    dataset = OlympiadResultResource().export()
    result = OlympiadResultResource().import_data(dataset, dry_run=True)
    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["skip"] == 1


TEACHER_ROW = ["Учитель року", 2016, "Математика", "Мельник", "Олена", "Іванівна", "Гімназія № 101"]
WORK_ROW = [
    2009,
    "Математика",
    "Числа Фібоначчі",
    "Гнатюк Марко; Білик Ганна",
    10,
    "Гімназія № 101",
]


def test_contest_results_import_creates_entry_history_and_is_idempotent(school):
    NominationFactory(edition__year=2016, name="Математика")
    rows = [
        [*TEACHER_ROW, "I", "переможець", 1, 90],
        [*TEACHER_ROW, "II", "лауреат", 2, 80],
    ]
    dataset = tablib.Dataset(*rows, headers=ContestResultResource.COLUMNS)
    result = ContestResultResource().import_data(dataset, dry_run=False, use_transactions=True)
    assert not result.has_validation_errors(), row_errors_from(result)
    assert ContestResult.objects.filter(entry__teacher__surname="Мельник").count() == 2
    assert len({r.entry_id for r in ContestResult.objects.all()}) == 1
    again = ContestResultResource().import_data(dataset, dry_run=False, use_transactions=True)
    assert again.totals["skip"] == 2


def test_contest_results_import_reports_unknown_nomination_and_duplicates(school):
    NominationFactory(edition__year=2016, name="Математика")
    good = [*TEACHER_ROW, "I", "учасник", "", ""]
    bad = [*good[:2], "Хімія", *good[3:]]
    dataset = tablib.Dataset(good, good, bad, headers=ContestResultResource.COLUMNS)
    result = ContestResultResource().import_data(dataset, dry_run=True)
    errors = row_errors_from(result)
    assert "1" in errors[2]
    assert "Хімія" in errors[3]


def test_man_results_import_creates_work_with_students(school):
    rows = [
        [*WORK_ROW, "Мельник Олена Іванівна", "I", "I", 70],
        [*WORK_ROW, "Мельник Олена Іванівна", "II", "учасник", ""],
    ]
    dataset = tablib.Dataset(*rows, headers=ManResultResource.COLUMNS)
    result = ManResultResource().import_data(dataset, dry_run=False, use_transactions=True)
    assert not result.has_validation_errors(), row_errors_from(result)
    work = ManWork.objects.get(title="Числа Фібоначчі")
    assert sorted(s.surname for s in work.students.all()) == ["Білик", "Гнатюк"]
    assert list(ManResult.objects.values_list("stage", "outcome").order_by("stage")) == [
        (1, "1"),
        (2, "participant"),
    ]
    again = ManResultResource().import_data(dataset, dry_run=False, use_transactions=True)
    assert again.totals["skip"] == 2


row_errors_from = spreadsheets.row_errors


def test_results_template_download_has_the_import_columns(admin_client):
    response = admin_client.get(reverse("admin:contests_olympiadresult_template"))
    assert response["Content-Disposition"].startswith("attachment")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == OLYMPIAD_HEADER


def test_results_template_needs_import_permission(director_client):
    response = director_client.get(reverse("admin:contests_olympiadresult_template"))
    assert response.status_code == 403


INLINE_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)


def test_import_and_export_pages_work_under_the_content_security_policy(admin_client, school):
    """No inline event handler or style (the policy blocks them): the export form's "Select
    all" is bound by a script file of the portal's own."""
    export = admin_client.get(reverse("admin:contests_olympiadresult_export"))
    html = export.content.decode()
    assert export.status_code == 200
    assert 'class="select-toggle"' in html
    assert '<script src="/static/js/export_select_all.js" defer>' in html
    assert finders.find("js/export_select_all.js")
    assert "script-src" not in export["Content-Security-Policy"]  # 'self' from default-src
    pages = [
        export,
        admin_client.get(admin_url("admin:contests_olympiadresult_import")),
        preview(admin_client, csv_file([olympiad_row()])),  # the preview, with its confirm form
    ]
    assert "confirm_form" in pages[2].context
    for page in pages:
        html = page.content.decode()
        assert not INLINE_HANDLER.search(html), INLINE_HANDLER.search(html)
        assert 'style="' not in html
