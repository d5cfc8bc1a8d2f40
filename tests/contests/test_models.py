import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from contests.models import ContestResult, OlympiadResult
from tests.contests.factories import (
    ContestResultFactory,
    ManWorkFactory,
    OlympiadResultFactory,
    StudentFactory,
)

pytestmark = pytest.mark.django_db


def test_contest_result_one_per_stage_is_enforced_by_the_database():
    result = ContestResultFactory(stage=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        ContestResult.objects.create(entry=result.entry, stage=1, outcome="winner")


def test_contest_result_place_must_be_positive():
    result = ContestResultFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ContestResult.objects.filter(pk=result.pk).update(place=0)
    result.place = 0
    with pytest.raises(ValidationError) as error:
        result.full_clean()
    assert "place" in error.value.message_dict


def test_olympiad_result_grade_outside_1_12_is_refused():
    result = OlympiadResultFactory(grade=12)
    with pytest.raises(IntegrityError), transaction.atomic():
        OlympiadResult.objects.filter(pk=result.pk).update(grade=13)
    result.grade = 0
    with pytest.raises(ValidationError) as error:
        result.full_clean()
    assert "grade" in error.value.message_dict


def test_olympiad_result_one_per_student_and_stage_shows_a_friendly_error():
    first = OlympiadResultFactory()
    second = OlympiadResult(
        olympiad=first.olympiad,
        student=first.student,
        stage=first.stage,
        grade=10,
        institution=first.institution,
        result="participant",
    )
    with pytest.raises(ValidationError):
        second.full_clean()


def test_man_work_grade_constraint_in_database():
    work = ManWorkFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        type(work).objects.filter(pk=work.pk).update(grade=13)


def test_deleting_a_contest_with_results_is_refused():
    result = ContestResultFactory()
    contest = result.entry.nomination.edition.contest
    with pytest.raises(ProtectedError):
        contest.delete()
    assert ContestResult.objects.filter(pk=result.pk).exists()


def test_deleting_an_olympiad_with_results_is_refused():
    result = OlympiadResultFactory()
    with pytest.raises(ProtectedError):
        result.olympiad.delete()


def test_student_public_name_follows_the_setting(settings):
    student = StudentFactory(surname="Гнатюк", first_name="Марко", patronymic="Іванович")
    settings.PUBLIC_STUDENT_NAMES = "full"
    assert student.public_name == "Гнатюк Марко"
    settings.PUBLIC_STUDENT_NAMES = "initial"
    assert student.public_name == "Гнатюк М."


def test_contest_result_edit_is_kept_in_history_and_can_be_reverted():
    result = ContestResultFactory(outcome="participant")
    result.outcome = "winner"
    result.save()
    assert [h.outcome for h in result.history.order_by("history_date")] == ["participant", "winner"]
    result.history.earliest().instance.save()
    result.refresh_from_db()
    assert result.outcome == "participant"
