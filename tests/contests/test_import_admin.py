"""Contest and МАН results through the real admin upload (import form → preview →
confirm), and exports that keep the changelist's filters."""

import pytest
from django.urls import reverse

from contests.models import ContestResult, ManResult, ManWork
from contests.resources import ContestResultResource, ManResultResource
from tests.contests.factories import ContestResultFactory, NominationFactory
from tests.contests.test_import import (  # noqa: F401 (school is a fixture)
    TEACHER_ROW,
    WORK_ROW,
    confirm,
    csv_file,
    preview,
    row_errors,
    school,
    xlsx_file,
)

pytestmark = pytest.mark.django_db


def test_contest_results_upload_previews_then_saves(admin_client, school):  # noqa: F811
    NominationFactory(edition__year=2016, name="Математика")
    rows = [
        [*TEACHER_ROW, "I", "переможець", 1, "90,5"],
        [*TEACHER_ROW, "II", "лауреат", 2, 80],
    ]
    upload = csv_file(rows, header=ContestResultResource.COLUMNS)
    response = preview(admin_client, upload, model="contestresult")
    assert not response.context["result"].has_validation_errors()
    assert response.context["result"].totals["new"] == 2
    assert ContestResult.objects.count() == 0  # the preview saved nothing
    confirm(admin_client, response, model="contestresult")
    saved = ContestResult.objects.order_by("stage")
    assert [(r.stage, r.outcome, r.place, str(r.score)) for r in saved] == [
        (1, "winner", 1, "90.50"),
        (2, "laureate", 2, "80.00"),
    ]
    assert {r.entry.teacher.surname for r in saved} == {"Мельник"}
    assert saved[0].entry.institution == school
    again = preview(
        admin_client, csv_file(rows, header=ContestResultResource.COLUMNS), "contestresult"
    )
    assert again.context["result"].totals["skip"] == 2


def test_contest_results_upload_lists_bad_rows_and_saves_nothing(admin_client, school):  # noqa: F811
    NominationFactory(edition__year=2016, name="Математика")
    good = [*TEACHER_ROW, "I", "учасник", "", ""]
    unknown = [*TEACHER_ROW[:2], "Хімія", *TEACHER_ROW[3:], "I", "учасник", "", ""]
    bad_stage = [*TEACHER_ROW, "V", "учасник", "", ""]
    upload = xlsx_file([good, unknown, bad_stage], header=ContestResultResource.COLUMNS)
    response = preview(admin_client, upload, model="contestresult")
    errors = row_errors(response)
    assert set(errors) == {2, 3}
    assert "Хімія" in errors[2]
    assert "V" in errors[3]
    assert "confirm_form" not in response.context
    assert ContestResult.objects.count() == 0


def test_man_results_upload_previews_then_saves_work_and_students(admin_client, school):  # noqa: F811
    rows = [
        [*WORK_ROW, "Мельник Олена Іванівна", "I", "I", 70],
        [*WORK_ROW, "Мельник Олена Іванівна", "II", "учасник", ""],
    ]
    response = preview(admin_client, xlsx_file(rows, header=ManResultResource.COLUMNS), "manresult")
    assert not response.context["result"].has_validation_errors()
    assert ManWork.objects.count() == 0 and ManResult.objects.count() == 0
    confirm(admin_client, response, model="manresult")
    work = ManWork.objects.get(title="Числа Фібоначчі")
    assert (work.year, work.grade, work.institution, work.supervisor.surname) == (
        2009,
        10,
        school,
        "Мельник",
    )
    assert sorted(s.surname for s in work.students.all()) == ["Білик", "Гнатюк"]
    assert list(work.results.values_list("stage", "outcome").order_by("stage")) == [
        (1, "1"),
        (2, "participant"),
    ]


def test_man_results_upload_refuses_a_bad_row_and_saves_nothing(admin_client, school):  # noqa: F811
    rows = [
        [*WORK_ROW, "", "I", "I", 70],
        [*WORK_ROW[:4], 13, *WORK_ROW[5:], "", "II", "срібло", ""],
    ]
    response = preview(admin_client, csv_file(rows, header=ManResultResource.COLUMNS), "manresult")
    errors = row_errors(response)
    assert set(errors) == {2}
    assert "12" in errors[2] and "срібло" in errors[2]
    assert "confirm_form" not in response.context
    assert ManWork.objects.count() == 0


def test_contest_results_export_respects_the_changelist_filters(admin_client):
    ContestResultFactory(stage=2, outcome="winner", entry__teacher__surname="Другоетапна")
    ContestResultFactory(stage=1, entry__teacher__surname="Першоетапна")
    ContestResultFactory(
        stage=2, entry__nomination__edition__year=2017, entry__teacher__surname="Іншорічна"
    )
    fields = ContestResultResource._meta.fields
    response = admin_client.post(
        reverse("admin:contests_contestresult_export")
        + "?stage__exact=2&entry__nomination__edition__year=2016",
        {
            "format": "1",
            "resource": "0",
            **{f"contestresultresource_{f}": "on" for f in fields},
        },
    )
    body = response.content.decode("utf-8-sig")
    assert body.splitlines()[0].split(",")[:3] == ContestResultResource.COLUMNS[:3]
    assert "Другоетапна" in body and "переможець" in body
    assert "Першоетапна" not in body
    assert "Іншорічна" not in body


def test_man_results_export_respects_the_changelist_filters(admin_client):
    from tests.contests.factories import ManResultFactory

    ManResultFactory(work__year=2009, work__title="Двотисячі дев'ятий")
    ManResultFactory(work__year=2010, work__title="Двотисячі десятий")
    fields = ManResultResource._meta.fields
    response = admin_client.post(
        reverse("admin:contests_manresult_export") + "?work__year=2009",
        {"format": "1", "resource": "0", **{f"manresultresource_{f}": "on" for f in fields}},
    )
    body = response.content.decode("utf-8-sig")
    assert "Двотисячі дев'ятий" in body
    assert "Двотисячі десятий" not in body
