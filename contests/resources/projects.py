"""The project festival: a row per project of a year's festival. The festival is found by
its year (one a year) and never added by an import; the team's students are found or added
at the project's school, by name only."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields

from contests.models import Project, ProjectFestival
from contests.resources.base import save_students, students_differ, students_of
from imc_portal.imports import RowResource, choice, label_mapping, number, text, yes_no


class ProjectResource(RowResource):
    COLUMNS = ["Рік", "Назва проєкту", "Заклад", "Команда", "Учні", "Керівник", "Результат", "Місце", "Фінансується містом"]  # fmt: skip  # noqa: E501
    REQUIRED_COLUMNS = ["Рік", "Назва проєкту", "Заклад", "Результат"]
    key = ["festival", "title"]
    duplicate_message = gettext_lazy("The same project (year and title) as row %(row)s.")

    year = fields.Field(column_name="Рік", attribute="festival__year")
    title = fields.Field(column_name="Назва проєкту", attribute="title")
    institution = fields.Field(column_name="Заклад", attribute="institution__name")
    team_name = fields.Field(column_name="Команда", attribute="team_name")
    team = fields.Field(column_name="Учні")
    supervisor = fields.Field(column_name="Керівник")
    outcome = fields.Field(column_name="Результат", attribute="outcome")
    place = fields.Field(column_name="Місце", attribute="place")
    city_funded = fields.Field(column_name="Фінансується містом", attribute="city_funded")

    class Meta:
        model = Project
        fields = [
            "year",
            "title",
            "institution",
            "team_name",
            "team",
            "supervisor",
            "outcome",
            "place",
            "city_funded",
        ]
        import_id_fields = ["year", "title"]
        use_transactions = True
        clean_model_instances = True
        report_skipped = True
        skip_html_diff = True

    def resolve(self, row):
        errors, values = {}, {}
        get = row.get
        outcomes = label_mapping(Project.Outcome, **{"переможниця": "winner", "лауреат": "prize"})
        for column, name, parse in [
            ("Рік", "_year", lambda v: number(v, "Рік", whole=True)),
            ("Результат", "outcome", lambda v: choice(v, outcomes, _("result"))),
            ("Місце", "place", lambda v: number(v, "Місце", whole=True)),
            ("Фінансується містом", "city_funded", lambda v: yes_no(v, "Фінансується містом")),
        ]:
            try:
                values[name] = parse(get(column))
            except ValueError as error:
                errors[column] = str(error)
        festival = ProjectFestival.objects.filter(year=values.get("_year")).first()
        if festival is None and "Рік" not in errors:
            errors["Рік"] = _(
                "No project festival of %(year)s: add the festival first, then import."
            ) % {"year": text(get("Рік"))}
        values["festival"] = festival
        values["title"] = text(get("Назва проєкту"))
        if not values["title"]:
            errors["Назва проєкту"] = _("The title is missing.")
        institution = values["institution"] = self.institution(get("Заклад"), errors)
        values["team_name"] = text(get("Команда"))
        values["supervisor"] = self.teacher(get("Керівник"), errors, "Керівник", institution)
        team = students_of(get("Учні")) if text(get("Учні")) else []
        if team is None:
            errors["Учні"] = _("List the students as “Surname First name”, separated by “;”.")
        self._team = team or []
        return values, errors

    def existing(self, key):
        project = super().existing(key)
        self._project = project
        return project

    def get_instance(self, instance_loader, row):
        self._project = None
        return super().get_instance(instance_loader, row)

    def parent_changed(self):
        return self._project is None or students_differ(self._project.team, self._team)

    def after_save_instance(self, instance, row, **kwargs):
        save_students(instance.team, self._team, instance.institution)

    def identity(self, values):
        return (values.get("festival"), values.get("title"))

    def dehydrate_institution(self, obj):
        return obj.institution.name

    def dehydrate_team(self, obj):
        return "; ".join(s.full_name for s in obj.team.all())

    def dehydrate_supervisor(self, obj):
        return obj.supervisor.full_name if obj.supervisor else ""

    def dehydrate_outcome(self, obj):
        return {"winner": "переможець", "prize": "призер"}.get(obj.outcome, "учасник")

    def dehydrate_city_funded(self, obj):
        return "так" if obj.city_funded else "ні"
