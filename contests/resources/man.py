"""МАН results: a row per research work and stage; the work and its students are found or
created from the row."""

from django.utils.translation import gettext as _
from import_export import fields

from contests.models import (
    ManOutcome,
    ManResult,
    ManSection,
    ManStage,
    ManWork,
    Student,
)
from contests.resources.base import (
    ROMAN,
    ResultResource,
    choice,
    number,
    person_parts,
    stage_mapping,
    text,
)


class ManResultResource(ResultResource):
    COLUMNS = ["Рік", "Секція", "Назва роботи", "Учні", "Клас", "Заклад", "Керівник", "Етап", "Результат", "Бали"]  # fmt: skip  # noqa: E501
    REQUIRED_COLUMNS = ["Рік", "Секція", "Назва роботи", "Учні", "Клас", "Заклад", "Етап", "Результат"]  # fmt: skip  # noqa: E501
    key = ["work", "stage"]

    year = fields.Field(column_name="Рік", attribute="work__year", readonly=True)
    section = fields.Field(column_name="Секція", attribute="work__section__name", readonly=True)
    work = fields.Field(column_name="Назва роботи", attribute="work")
    students = fields.Field(column_name="Учні", readonly=True)
    grade = fields.Field(column_name="Клас", attribute="work__grade", readonly=True)
    institution = fields.Field(column_name="Заклад", attribute="work__institution__name", readonly=True)  # fmt: skip  # noqa: E501
    supervisor = fields.Field(column_name="Керівник", readonly=True)
    stage = fields.Field(column_name="Етап", attribute="stage")
    outcome = fields.Field(column_name="Результат", attribute="outcome")
    score = fields.Field(column_name="Бали", attribute="score")

    class Meta:
        model = ManResult
        fields = [
            "year",
            "section",
            "work",
            "students",
            "grade",
            "institution",
            "supervisor",
            "stage",
            "outcome",
            "score",
        ]
        import_id_fields = ["work", "stage"]
        use_transactions = True
        clean_model_instances = True
        report_skipped = True
        skip_html_diff = True

    RESULTS = {
        "i": ManOutcome.FIRST, "1": ManOutcome.FIRST, "i місце": ManOutcome.FIRST,
        "ii": ManOutcome.SECOND, "2": ManOutcome.SECOND, "ii місце": ManOutcome.SECOND,
        "iii": ManOutcome.THIRD, "3": ManOutcome.THIRD, "iii місце": ManOutcome.THIRD,
        "учасник": ManOutcome.PARTICIPANT, "участь": ManOutcome.PARTICIPANT,
    }  # fmt: skip

    def resolve(self, row):
        errors, values, work_values = {}, {}, {}
        get = row.get
        for column, name, parse in [
            ("Етап", "stage", lambda v: choice(v, stage_mapping(ManStage), _("stage"))),
            ("Результат", "outcome", lambda v: choice(v, self.RESULTS, _("result"))),
            ("Бали", "score", lambda v: number(v, "Бали")),
            ("Рік", "_year", lambda v: number(v, "Рік", whole=True)),
            ("Клас", "_grade", lambda v: number(v, "Клас", whole=True)),
        ]:
            try:
                values[name] = parse(get(column))
            except ValueError as error:
                errors[column] = str(error)
        grade = values.get("_grade")
        if grade is not None and not 1 <= grade <= 12:
            errors["Клас"] = _("The grade must be from 1 to 12, not %(grade)s.") % {"grade": grade}
        institution = self.institution(get("Заклад"), errors)
        supervisor = self.teacher(get("Керівник"), errors, "Керівник", institution)
        section_name = text(get("Секція"))
        title = text(get("Назва роботи"))
        if not section_name:
            errors["Секція"] = _("The section is missing.")
        if not title:
            errors["Назва роботи"] = _("The title is missing.")
        names = [person_parts(part) for part in text(get("Учні")).split(";") if part.strip()]
        if not names or None in names:
            errors["Учні"] = _("List the students as “Surname First name”, separated by “;”.")
        work_values.update(grade=grade, institution=institution, supervisor=supervisor)
        self._work = {"year": values.get("_year"), "title": title, "section": section_name, "values": work_values, "students": names or []}  # fmt: skip  # noqa: E501
        work = (
            ManWork.objects.filter(year=values.get("_year"), title=title).first() if title else None
        )
        values["work"] = work
        values["_work_key"] = (values.get("_year"), title)
        return values, errors

    def parent_changed(self):
        work = self._values.get("work")
        if work is None:
            return True
        if work.section.name != self._work["section"]:
            return True
        if any(getattr(work, k) != v for k, v in self._work["values"].items()):
            return True
        wanted = {tuple(part.lower() for part in name[:2]) for name in self._work["students"]}
        have = {(s.surname.lower(), s.first_name.lower()) for s in work.students.all()}
        return wanted != have

    def get_instance(self, instance_loader, row):
        if self._values.get("work") is None:
            return None
        return super().get_instance(instance_loader, row)

    def before_save_instance(self, instance, row, **kwargs):
        data = self._work
        section, _created = ManSection.objects.get_or_create(name=data["section"])
        work = ManWork.objects.filter(year=data["year"], title=data["title"]).first()
        if work is None:
            work = ManWork.objects.create(
                year=data["year"], title=data["title"], section=section, **data["values"]
            )
        elif self.parent_changed():
            for name, value in data["values"].items():
                setattr(work, name, value)
            work.section = section
            work.save()
        students = [
            Student.objects.get_or_create(
                surname=surname,
                first_name=first,
                patronymic=middle,
                institution=data["values"]["institution"],
            )[0]
            for surname, first, middle in data["students"]
        ]
        if {s.pk for s in students} != set(work.students.values_list("pk", flat=True)):
            work.students.set(students)
        instance.work = work

    def identity(self, values):
        return (*values.get("_work_key", (None,)), values.get("stage"))

    def dehydrate_work(self, obj):
        return obj.work.title

    def dehydrate_students(self, obj):
        return "; ".join(s.full_name for s in obj.work.students.all())

    def dehydrate_supervisor(self, obj):
        return obj.work.supervisor.full_name if obj.work.supervisor else ""

    def dehydrate_stage(self, obj):
        return next(r for r, n in ROMAN.items() if n == obj.stage)

    def dehydrate_outcome(self, obj):
        return {"1": "I", "2": "II", "3": "III"}.get(obj.outcome, "учасник")
