"""Professional contest results: a row per teacher, nomination and stage; the entry is
found or created from the row."""

from django.utils.translation import gettext as _
from import_export import fields

from contests.models import (
    ContestEdition,
    ContestEntry,
    ContestOutcome,
    ContestResult,
    ContestStage,
    Nomination,
)
from contests.resources.base import ROMAN, ResultResource, stage_mapping
from imc_portal.imports import choice, number, text


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
