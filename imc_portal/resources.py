"""Teachers from a spreadsheet: a row per teacher. A row naming a teacher already on the
register (the same full name at the same institution) updates that record, since a
methodist re-imports a corrected list rather than meaning a second person; an empty cell
leaves what is stored, so a list without contacts does not wipe them."""

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields

from imc_portal.imports import RowResource, choice, label_mapping, text
from imc_portal.models import Teacher

NAME_COLUMNS = {"surname": "Прізвище", "first_name": "Ім'я", "patronymic": "По батькові"}
TEXT_COLUMNS = {"position": "Посада", "email": "Ел. пошта", "phone": "Телефон"}


class TeacherResource(RowResource):
    COLUMNS = ["Прізвище", "Ім'я", "По батькові", "Заклад", "Предмети", "Посада", "Категорія", "Педагогічне звання", "Ел. пошта", "Телефон"]  # fmt: skip  # noqa: E501
    REQUIRED_COLUMNS = ["Прізвище", "Ім'я", "Заклад"]
    m2m = ["subjects"]
    duplicate_message = gettext_lazy("The same teacher (name and institution) as row %(row)s.")

    surname = fields.Field(column_name="Прізвище", attribute="surname")
    first_name = fields.Field(column_name="Ім'я", attribute="first_name")
    patronymic = fields.Field(column_name="По батькові", attribute="patronymic")
    institution = fields.Field(column_name="Заклад", attribute="institution__name")
    subjects = fields.Field(column_name="Предмети")
    position = fields.Field(column_name="Посада", attribute="position")
    category = fields.Field(column_name="Категорія")
    pedagogical_title = fields.Field(column_name="Педагогічне звання")
    email = fields.Field(column_name="Ел. пошта", attribute="email")
    phone = fields.Field(column_name="Телефон", attribute="phone")

    class Meta:
        model = Teacher
        fields = [
            "surname",
            "first_name",
            "patronymic",
            "institution",
            "subjects",
            "position",
            "category",
            "pedagogical_title",
            "email",
            "phone",
        ]
        import_id_fields = ["surname", "first_name", "institution"]
        use_transactions = True
        clean_model_instances = True
        report_skipped = True
        skip_html_diff = True

    CATEGORY_WORDS = {"друга": "second", "перша": "first", "вища": "highest"}

    def resolve(self, row):
        errors, values = {}, {}
        get = row.get
        for name, column in NAME_COLUMNS.items():
            values[name] = text(get(column))
        if not values["surname"] or not values["first_name"]:
            errors["Прізвище"] = _("The teacher's surname and first name are required.")
        values["institution"] = self.institution(get("Заклад"), errors)
        # An empty cell keeps what the record holds.
        for name, column in TEXT_COLUMNS.items():
            if text(get(column)):
                values[name] = text(get(column))
        for column, name, mapping, unknown in [
            ("Категорія", "category", self.categories(), _("Unknown category: “%(value)s”.")),
            (
                "Педагогічне звання",
                "pedagogical_title",
                label_mapping(Teacher.Title),
                _("Unknown pedagogical title: “%(value)s”."),
            ),
        ]:
            if text(get(column)):
                try:
                    values[name] = choice(get(column), mapping, None, unknown)
                except ValueError as error:
                    errors[column] = str(error)
        if text(get("Предмети")):
            values["subjects"] = self.subjects(get("Предмети"), errors, "Предмети")
        names = tuple(values[name].casefold() for name in NAME_COLUMNS)
        values["_identity"] = (*names, values["institution"])
        self._match = None
        if not errors:
            matches = self.registered(values)
            if len(matches) > 1:
                errors["Прізвище"] = _(
                    "The register has several records of this teacher at this institution; "
                    "merge them first."
                )
            elif matches:
                self._match = matches[0]
                for name in [*NAME_COLUMNS, "institution"]:  # as registered, not as written
                    values.pop(name)
        return values, errors

    def registered(self, values):
        """The teachers of the row's name at its institution, compared in Python (SQLite
        folds the case of Latin letters only); one query per institution."""
        institution = values["institution"]
        if institution.pk not in self._teachers:
            self._teachers[institution.pk] = list(Teacher.objects.filter(institution=institution))
        wanted = [values[name].casefold() for name in NAME_COLUMNS]
        return [
            teacher
            for teacher in self._teachers[institution.pk]
            if [getattr(teacher, name).casefold() for name in NAME_COLUMNS] == wanted
        ]

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self._teachers = {}

    def categories(self):
        words = {f"{word} категорія": value for word, value in self.CATEGORY_WORDS.items()}
        return label_mapping(Teacher.Category, **self.CATEGORY_WORDS, **words)

    def get_instance(self, instance_loader, row):
        return None if self._errors else self._match

    def identity(self, values):
        return values.get("_identity", (None,))

    def dehydrate_subjects(self, obj):
        return "; ".join(subject.name for subject in obj.subjects.all())

    def dehydrate_category(self, obj):
        with translation.override("uk"):
            return obj.get_category_display()

    def dehydrate_pedagogical_title(self, obj):
        with translation.override("uk"):
            return obj.get_pedagogical_title_display()
