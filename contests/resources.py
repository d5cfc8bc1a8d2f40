"""Import and export of results (django-import-export). A row names things the way a jury's
spreadsheet does (an institution's name, a student's name, "II", "переможець"); each
resource resolves them, reports every problem of a row as a validation error so the
preview lists them row by row, and saves only when the whole file is clean (the admin
offers "Confirm" only then, and the import runs in one transaction). A row is found again
by its natural key (import_id_fields), so importing the same file twice changes nothing."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from import_export import fields, resources

from contests.models import (
    ContestEdition,
    ContestEntry,
    ContestOutcome,
    ContestResult,
    ContestStage,
    Diploma,
    ManOutcome,
    ManResult,
    ManSection,
    ManStage,
    ManWork,
    Nomination,
    Olympiad,
    OlympiadResult,
    OlympiadStage,
    Student,
)
from imc_portal.models import Institution, Subject, Teacher

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


def text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def number(value, column, whole=False):
    """A number from a cell; a date (a spreadsheet's autoformat) or text is an error."""
    if value in (None, ""):
        return None
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        raise ValueError(
            _("“%(column)s” holds a date where a number is expected.") % {"column": column}
        )
    try:
        parsed = Decimal(text(value).replace(",", "."))
    except InvalidOperation:
        raise ValueError(
            _("“%(column)s” is not a number: %(value)s.") % {"column": column, "value": text(value)}
        ) from None
    if whole:
        if parsed != parsed.to_integral_value():
            raise ValueError(_("“%(column)s” must be a whole number.") % {"column": column})
        return int(parsed)
    return parsed


def choice(value, mapping, what):
    key = text(value).lower().replace("ступеня", "").replace("ступінь", "").strip()
    if key in mapping:
        return mapping[key]
    raise ValueError(_("Unknown %(what)s: “%(value)s”.") % {"what": what, "value": text(value)})


def stage_mapping(stage_class):
    mapping = {}
    for stage in stage_class:
        roman = next(r for r, n in ROMAN.items() if n == stage.value)
        mapping.update(
            {
                str(stage.value): stage.value,
                roman.lower(): stage.value,
                str(stage.label).lower(): stage.value,
            }
        )
    return mapping


def person_parts(value):
    parts = text(value).split()
    return parts + [""] * (3 - len(parts)) if 2 <= len(parts) <= 3 else None


class ResultResource(resources.ModelResource):
    """Rows are resolved in ``resolve(row) -> (values, errors)``; ``key`` lists the natural
    key among the values. Subclasses set COLUMNS and REQUIRED_COLUMNS."""

    COLUMNS: list = []
    REQUIRED_COLUMNS: list = []
    key: list = []

    class Meta:
        abstract = True

    def before_import(self, dataset, **kwargs):
        self._seen = {}
        self._institutions = {}

    def institution(self, value, errors, column="Заклад"):
        name = text(value)
        if not name:
            errors[column] = _("The institution is missing.")
            return None
        if name not in self._institutions:
            # The full name is unique; a short name may not be, and then it is no answer.
            matches = list(
                Institution.objects.filter(Q(name__iexact=name) | Q(short_name__iexact=name))[:5]
            )
            exact = [i for i in matches if i.name.lower() == name.lower()]
            self._institutions[name] = (exact or matches)[0] if len(exact or matches) == 1 else None
        if self._institutions[name] is None:
            errors[column] = _("Unknown institution: “%(name)s”.") % {"name": name}
        return self._institutions[name]

    def teacher(self, value, errors, column, institution=None, required=False):
        if not text(value):
            if required:
                errors[column] = _("The teacher is missing.")
            return None
        parts = person_parts(value)
        found = None
        if parts:
            candidates = list(
                Teacher.objects.filter(
                    surname__iexact=parts[0], first_name__iexact=parts[1]
                ).filter(Q(patronymic__iexact=parts[2]) if parts[2] else Q())[:5]
            )
            preferred = [
                t for t in candidates if institution and t.institution_id == institution.pk
            ]
            found = (preferred or candidates or [None])[0]
        if found is None:
            errors[column] = _("Unknown teacher: “%(name)s”.") % {"name": text(value)}
        return found

    def before_import_row(self, row, **kwargs):
        values, errors = {}, {}
        try:
            values, errors = self.resolve(row)
        except ValueError as error:
            errors[_("row")] = str(error)
        key = self.identity(values)
        if None not in key and not errors:
            if key in self._seen:
                errors[_("row")] = _("Duplicate participant: the same as row %(row)s.") % {
                    "row": self._seen[key]
                }
            else:
                self._seen[key] = kwargs.get("row_number")
        self._values, self._errors = values, errors

    def identity(self, values):
        """The row's natural key by name, known before any parent row exists."""
        raise NotImplementedError

    def import_data(self, dataset, **kwargs):
        # Any invalid row rolls the whole file back, not only rows with exceptions.
        kwargs.setdefault("rollback_on_validation_errors", True)
        return super().import_data(dataset, **kwargs)

    def get_instance(self, instance_loader, row):
        key = {name: self._values.get(name) for name in self.key}
        if self._errors or None in key.values():
            return None
        return self._meta.model.objects.filter(**key).first()

    def after_init_instance(self, instance, new, row, **kwargs):
        self._new = new

    def import_instance(self, instance, row, **kwargs):
        self._changed = self._new
        for name, value in self._values.items():
            if name.startswith("_"):
                continue
            if getattr(instance, name, None) != value:
                setattr(instance, name, value)
                self._changed = True
        if self._errors:
            raise ValidationError({k: ValidationError(v) for k, v in self._errors.items()})

    def skip_row(self, instance, original, row, import_validation_errors=None):
        return not import_validation_errors and not self._changed and not self.parent_changed()

    def parent_changed(self):
        return False

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if import_validation_errors:
            raise ValidationError(import_validation_errors)
        # A new parent (student, entry, work) is created on save, once the row is valid.
        pending = [name for name in self.key if getattr(instance, f"{name}_id", 0) is None]
        instance.full_clean(exclude=pending, validate_unique=validate_unique)


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


class ContestResultResource(ResultResource):
    COLUMNS = ["Конкурс", "Рік", "Номінація", "Прізвище", "Ім'я", "По батькові", "Заклад", "Етап", "Результат", "Місце", "Бали"]  # fmt: skip  # noqa: E501
    REQUIRED_COLUMNS = ["Конкурс", "Рік", "Номінація", "Прізвище", "Ім'я", "Заклад", "Етап", "Результат"]  # fmt: skip  # noqa: E501
    key = ["entry", "stage"]

    contest = fields.Field(column_name="Конкурс", attribute="entry__nomination__edition__contest__name", readonly=True)  # fmt: skip  # noqa: E501
    year = fields.Field(column_name="Рік", attribute="entry__nomination__edition__year", readonly=True)  # fmt: skip  # noqa: E501
    entry = fields.Field(column_name="Номінація", attribute="entry")
    surname = fields.Field(column_name="Прізвище", attribute="entry__teacher__surname", readonly=True)  # fmt: skip  # noqa: E501
    first_name = fields.Field(column_name="Ім'я", attribute="entry__teacher__first_name", readonly=True)  # fmt: skip  # noqa: E501
    patronymic = fields.Field(column_name="По батькові", attribute="entry__teacher__patronymic", readonly=True)  # fmt: skip  # noqa: E501
    institution = fields.Field(column_name="Заклад", attribute="entry__institution__name", readonly=True)  # fmt: skip  # noqa: E501
    stage = fields.Field(column_name="Етап", attribute="stage")
    outcome = fields.Field(column_name="Результат", attribute="outcome")
    place = fields.Field(column_name="Місце", attribute="place")
    score = fields.Field(column_name="Бали", attribute="score")

    class Meta:
        model = ContestResult
        fields = [
            "contest",
            "year",
            "entry",
            "surname",
            "first_name",
            "patronymic",
            "institution",
            "stage",
            "outcome",
            "place",
            "score",
        ]
        import_id_fields = ["entry", "stage"]
        use_transactions = True
        clean_model_instances = True
        report_skipped = True
        skip_html_diff = True

    RESULTS = {
        "переможець": ContestOutcome.WINNER, "переможниця": ContestOutcome.WINNER,
        "лауреат": ContestOutcome.LAUREATE, "призер": ContestOutcome.LAUREATE,
        "учасник": ContestOutcome.PARTICIPANT, "учасниця": ContestOutcome.PARTICIPANT,
    }  # fmt: skip

    def resolve(self, row):
        errors, values = {}, {}
        get = row.get
        for column, name, parse in [
            ("Етап", "stage", lambda v: choice(v, stage_mapping(ContestStage), _("stage"))),
            ("Результат", "outcome", lambda v: choice(v, self.RESULTS, _("result"))),
            ("Місце", "place", lambda v: number(v, "Місце", whole=True)),
            ("Бали", "score", lambda v: number(v, "Бали")),
            ("Рік", "_year", lambda v: number(v, "Рік", whole=True)),
        ]:
            try:
                values[name] = parse(get(column))
            except ValueError as error:
                errors[column] = str(error)
        institution = self.institution(get("Заклад"), errors)
        name = " ".join(text(get(c)) for c in ("Прізвище", "Ім'я", "По батькові"))
        teacher = self.teacher(name, errors, "Прізвище", institution, required=True)
        edition = ContestEdition.objects.filter(
            contest__name__iexact=text(get("Конкурс")), year=values.get("_year")
        ).first()
        nomination = None
        if edition is None:
            errors["Конкурс"] = _("Unknown contest or year: “%(name)s %(year)s”.") % {
                "name": text(get("Конкурс")),
                "year": text(get("Рік")),
            }
        else:
            nomination = Nomination.objects.filter(
                edition=edition, name__iexact=text(get("Номінація"))
            ).first()
            if nomination is None:
                errors["Номінація"] = _("Unknown nomination: “%(name)s”.") % {
                    "name": text(get("Номінація"))
                }
        self._entry = {"nomination": nomination, "teacher": teacher, "institution": institution}
        values["entry"] = ContestEntry.objects.filter(
            nomination=nomination, teacher=teacher
        ).first()
        values["_entry_key"] = (nomination, teacher)
        return values, errors

    def get_instance(self, instance_loader, row):
        if self._values.get("entry") is None:
            return None
        return super().get_instance(instance_loader, row)

    def before_save_instance(self, instance, row, **kwargs):
        if instance.entry_id is None:
            instance.entry, _created = ContestEntry.objects.get_or_create(
                nomination=self._entry["nomination"],
                teacher=self._entry["teacher"],
                defaults={"institution": self._entry["institution"]},
            )

    def identity(self, values):
        return (*values.get("_entry_key", (None,)), values.get("stage"))

    def dehydrate_entry(self, obj):
        return obj.entry.nomination.name

    def dehydrate_stage(self, obj):
        return next(r for r, n in ROMAN.items() if n == obj.stage)

    def dehydrate_outcome(self, obj):
        return {ContestOutcome.WINNER: "переможець", ContestOutcome.LAUREATE: "лауреат"}.get(
            obj.outcome, "учасник"
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
