"""Olympiad results: a row per student, olympiad and stage."""

from django.utils.translation import gettext as _
from import_export import fields

from contests.models import (
    Diploma,
    Olympiad,
    OlympiadResult,
    OlympiadStage,
    Student,
)
from contests.resources.base import ROMAN, ResultResource, stage_mapping
from imc_portal.imports import choice, number, text
from imc_portal.models import Subject


class OlympiadResultResource(ResultResource):
    COLUMNS = ["Рік", "Предмет", "Вид", "Етап", "Прізвище", "Ім'я", "По батькові", "Клас", "Заклад", "Результат", "Бали", "Наставник"]  # fmt: skip  # noqa: E501
    REQUIRED_COLUMNS = ["Рік", "Предмет", "Етап", "Прізвище", "Ім'я", "Клас", "Заклад", "Результат"]
    key = ["olympiad", "student", "stage"]

    year = fields.Field(column_name="Рік", attribute="olympiad__year", readonly=True)
    olympiad = fields.Field(column_name="Предмет", attribute="olympiad")
    kind = fields.Field(column_name="Вид", attribute="olympiad__kind", readonly=True)
    stage = fields.Field(column_name="Етап", attribute="stage")
    student = fields.Field(column_name="Прізвище", attribute="student")
    first_name = fields.Field(column_name="Ім'я", attribute="student__first_name", readonly=True)
    patronymic = fields.Field(
        column_name="По батькові", attribute="student__patronymic", readonly=True
    )
    grade = fields.Field(column_name="Клас", attribute="grade")
    institution = fields.Field(column_name="Заклад", attribute="institution")
    result = fields.Field(column_name="Результат", attribute="result")
    score = fields.Field(column_name="Бали", attribute="score")
    mentor = fields.Field(column_name="Наставник", attribute="mentor")

    class Meta:
        model = OlympiadResult
        fields = [
            "year",
            "olympiad",
            "kind",
            "stage",
            "student",
            "first_name",
            "patronymic",
            "grade",
            "institution",
            "result",
            "score",
            "mentor",
        ]
        import_id_fields = ["olympiad", "student", "stage"]
        use_transactions = True
        clean_model_instances = True
        report_skipped = True
        skip_html_diff = True

    RESULTS = {
        "i": Diploma.FIRST, "1": Diploma.FIRST, "диплом i": Diploma.FIRST,
        "ii": Diploma.SECOND, "2": Diploma.SECOND, "диплом ii": Diploma.SECOND,
        "iii": Diploma.THIRD, "3": Diploma.THIRD, "диплом iii": Diploma.THIRD,
        "учасник": Diploma.PARTICIPANT, "участь": Diploma.PARTICIPANT, "-": Diploma.PARTICIPANT,
    }  # fmt: skip
    KINDS = {
        "": Olympiad.Kind.OLYMPIAD,
        "олімпіада": Olympiad.Kind.OLYMPIAD,
        "турнір": Olympiad.Kind.TOURNAMENT,
    }

    def resolve(self, row):
        errors, values = {}, {}
        get = row.get
        for column, name, parse in [
            ("Етап", "stage", lambda v: choice(v, stage_mapping(OlympiadStage), _("stage"))),
            ("Результат", "result", lambda v: choice(v, self.RESULTS, _("result"))),
            ("Клас", "grade", lambda v: number(v, "Клас", whole=True)),
            ("Бали", "score", lambda v: number(v, "Бали")),
            ("Вид", "_kind", lambda v: choice(v, self.KINDS, _("kind"))),
            ("Рік", "_year", lambda v: number(v, "Рік", whole=True)),
        ]:
            try:
                values[name] = parse(get(column))
            except ValueError as error:
                errors[column] = str(error)
        institution = values["institution"] = self.institution(get("Заклад"), errors)
        values["mentor"] = self.teacher(get("Наставник"), errors, "Наставник", institution)
        subject = Subject.objects.filter(name__iexact=text(get("Предмет"))).first()
        if subject is None:
            errors["Предмет"] = _("Unknown subject: “%(name)s”.") % {"name": text(get("Предмет"))}
        olympiad = None
        if subject and values.get("_year") and "_kind" in values:
            olympiad, _created = Olympiad.objects.get_or_create(
                subject=subject, year=values["_year"], kind=values["_kind"]
            )
        values["olympiad"] = olympiad
        surname, first = text(get("Прізвище")), text(get("Ім'я"))
        if not surname or not first:
            errors["Прізвище"] = _("The student's surname and first name are required.")
        self._student = {
            "surname": surname,
            "first_name": first,
            "patronymic": text(get("По батькові")),
            "institution": institution,
        }
        values["student"] = Student.objects.filter(**self._student).first() if institution else None
        values["_student_key"] = tuple(self._student.values())
        return values, errors

    def get_instance(self, instance_loader, row):
        if self._values.get("student") is None:
            return None
        return super().get_instance(instance_loader, row)

    def before_save_instance(self, instance, row, **kwargs):
        if instance.student_id is None:
            instance.student, _created = Student.objects.get_or_create(**self._student)

    def identity(self, values):
        return (values.get("olympiad"), values.get("_student_key"), values.get("stage"))

    def dehydrate_olympiad(self, obj):
        return obj.olympiad.subject.name

    def dehydrate_kind(self, obj):
        return {Olympiad.Kind.TOURNAMENT: "турнір"}.get(obj.olympiad.kind, "олімпіада")

    def dehydrate_stage(self, obj):
        return next(r for r, n in ROMAN.items() if n == obj.stage)

    def dehydrate_student(self, obj):
        return obj.student.surname

    def dehydrate_institution(self, obj):
        return obj.institution.name

    def dehydrate_result(self, obj):
        return {"1": "I", "2": "II", "3": "III"}.get(obj.result, "учасник")

    def dehydrate_mentor(self, obj):
        return obj.mentor.full_name if obj.mentor else ""
