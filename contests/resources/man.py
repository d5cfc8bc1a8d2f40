"""МАН: research works, and results (a row per work and stage). A work and its students are
found or created from the row; of a student only the name is read (the institution is the
work's), nothing outside the public allow-list."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields

from contests.models import (
    ManOutcome,
    ManResult,
    ManSection,
    ManStage,
    ManWork,
)
from contests.resources.base import (
    ROMAN,
    ResultResource,
    save_students,
    stage_mapping,
    students_differ,
    students_of,
)
from imc_portal.imports import RowResource, choice, number, text, yes_no

WORK_COLUMNS = ["Рік", "Секція", "Назва роботи", "Учні", "Клас", "Заклад", "Керівник"]
WORK_REQUIRED = ["Рік", "Секція", "Назва роботи", "Учні", "Клас", "Заклад"]


class ManWorkRows:
    """Reading a work's columns and saving the work with its section and students."""

    def resolve_work(self, get, values, errors):
        for column, name in [("Рік", "_year"), ("Клас", "_grade")]:
            try:
                values[name] = number(get(column), column, whole=True)
            except ValueError as error:
                errors[column] = str(error)
        grade = values.get("_grade")
        if grade is not None and not 1 <= grade <= 12:
            errors["Клас"] = _("The grade must be from 1 to 12, not %(grade)s.") % {"grade": grade}
        institution = self.institution(get("Заклад"), errors)
        supervisor = self.teacher(get("Керівник"), errors, "Керівник", institution)
        section_name, title = text(get("Секція")), text(get("Назва роботи"))
        if not section_name:
            errors["Секція"] = _("The section is missing.")
        if not title:
            errors["Назва роботи"] = _("The title is missing.")
        names = students_of(get("Учні"))
        if names is None:
            errors["Учні"] = _("List the students as “Surname First name”, separated by “;”.")
        self._work = {
            "year": values.get("_year"),
            "title": title,
            "section": section_name,
            "values": {"grade": grade, "institution": institution, "supervisor": supervisor},
            "students": names or [],
        }
        values["_work_key"] = (values.get("_year"), title)
        return ManWork.objects.filter(year=values.get("_year"), title=title).first() if title else None  # fmt: skip  # noqa: E501

    def work_changed(self, work, data):
        if work is None or work.section.name != data["section"]:
            return True
        if any(getattr(work, k) != v for k, v in data["values"].items()):
            return True
        return self.students_changed(work, data)

    def students_changed(self, work, data):
        return students_differ(work.students, data["students"])

    def save_students(self, work, data):
        save_students(work.students, data["students"], data["values"]["institution"])

    def dehydrate_students(self, obj):
        return "; ".join(s.full_name for s in self.work_of(obj).students.all())

    def dehydrate_supervisor(self, obj):
        supervisor = self.work_of(obj).supervisor
        return supervisor.full_name if supervisor else ""


class ManResultResource(ManWorkRows, ResultResource):
    COLUMNS = [*WORK_COLUMNS, "Етап", "Результат", "Бали"]
    REQUIRED_COLUMNS = [*WORK_REQUIRED, "Етап", "Результат"]
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
        errors, values = {}, {}
        get = row.get
        for column, name, parse in [
            ("Етап", "stage", lambda v: choice(v, stage_mapping(ManStage), _("stage"))),
            ("Результат", "outcome", lambda v: choice(v, self.RESULTS, _("result"))),
            ("Бали", "score", lambda v: number(v, "Бали")),
        ]:
            try:
                values[name] = parse(get(column))
            except ValueError as error:
                errors[column] = str(error)
        values["work"] = self.resolve_work(get, values, errors)
        return values, errors

    def parent_changed(self):
        return self.work_changed(self._values.get("work"), self._work)

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
        self.save_students(work, data)
        instance.work = work

    def identity(self, values):
        return (*values.get("_work_key", (None,)), values.get("stage"))

    def work_of(self, obj):
        return obj.work

    def dehydrate_work(self, obj):
        return obj.work.title

    def dehydrate_stage(self, obj):
        return next(r for r, n in ROMAN.items() if n == obj.stage)

    def dehydrate_outcome(self, obj):
        return {"1": "I", "2": "II", "3": "III"}.get(obj.outcome, "учасник")


class ManWorkResource(ManWorkRows, RowResource):
    """Works without results (a past year's list of works), a row per work; the same work
    (year and title) is updated. A section not yet on the list is added, as the results
    import does."""

    COLUMNS = [*WORK_COLUMNS, "Опубліковано"]
    REQUIRED_COLUMNS = WORK_REQUIRED
    key = ["year", "title"]
    clean_exclude = ["section"]  # set on save: a new section is added only then
    duplicate_message = gettext_lazy("The same work (year and title) as row %(row)s.")

    year = fields.Field(column_name="Рік", attribute="year")
    section = fields.Field(column_name="Секція", attribute="section__name")
    title = fields.Field(column_name="Назва роботи", attribute="title")
    students = fields.Field(column_name="Учні")
    grade = fields.Field(column_name="Клас", attribute="grade")
    institution = fields.Field(column_name="Заклад", attribute="institution__name")
    supervisor = fields.Field(column_name="Керівник")
    is_published = fields.Field(column_name="Опубліковано", attribute="is_published")

    class Meta:
        model = ManWork
        fields = [
            "year",
            "section",
            "title",
            "students",
            "grade",
            "institution",
            "supervisor",
            "is_published",
        ]
        import_id_fields = ["year", "title"]
        use_transactions = True
        clean_model_instances = True
        report_skipped = True
        skip_html_diff = True

    def resolve(self, row):
        errors, values = {}, {}
        self.resolve_work(row.get, values, errors)
        data = self._work
        values.update(year=data["year"], title=data["title"], **data["values"])
        if text(row.get("Опубліковано")):  # empty: a new work is published, a recorded one kept
            try:
                values["is_published"] = yes_no(row.get("Опубліковано"), "Опубліковано")
            except ValueError as error:
                errors["Опубліковано"] = str(error)
        return values, errors

    def parent_changed(self):
        instance = self._values.get("_instance")
        return instance is None or instance.section.name != self._work["section"] or self.students_changed(instance, self._work)  # fmt: skip  # noqa: E501

    def existing(self, key):
        work = super().existing(key)
        self._values["_instance"] = work
        return work

    def before_save_instance(self, instance, row, **kwargs):
        instance.section, _created = ManSection.objects.get_or_create(name=self._work["section"])

    def after_save_instance(self, instance, row, **kwargs):
        self.save_students(instance, self._work)

    def identity(self, values):
        return values.get("_work_key", (None,))

    def work_of(self, obj):
        return obj

    def dehydrate_is_published(self, obj):
        return "так" if obj.is_published else "ні"
