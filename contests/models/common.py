"""What contests, olympiads, МАН and the project festival share: the student, the
published() convention, and the rule that a record's "year" is the year its final stages
end (1 March), so a calendar year and an academic year both select it exactly once."""

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from imc_portal.models import Institution, PersonName, TimeStampedModel
from imc_portal.periods import year_validators

MIN_GRADE, MAX_GRADE = 1, 12
SEASON_DAY = (3, 1)


def years_in(period):
    """The result years whose season day falls inside ``period``."""
    return [year for year in period.years_covered if dt.date(year, *SEASON_DAY) in period]


def grade_field():
    return models.PositiveSmallIntegerField(
        _("grade"),
        validators=[MinValueValidator(MIN_GRADE), MaxValueValidator(MAX_GRADE)],
        help_text=_("1 to 12: the reformed school adds a 12th year."),
    )


def year_field():
    return models.PositiveSmallIntegerField(
        _("year"),
        validators=year_validators(),
        help_text=_("The year the final stages end in (e.g. 2019 for the 2018/2019 season)."),
    )


class PublishedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Student(PersonName, TimeStampedModel):
    """A pupil who took part in an olympiad, МАН or the project festival. A minor: public
    pages show only the allow-listed name (see ``public_name``), grade, institution, result
    and mentor; nothing else about a student is ever public."""

    patronymic = models.CharField(_("patronymic"), max_length=80, blank=True)
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="students",
    )
    note = models.TextField(_("staff note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("student")
        verbose_name_plural = _("students")
        ordering = ["surname", "first_name", "patronymic"]
        constraints = [
            models.UniqueConstraint(
                fields=["surname", "first_name", "patronymic", "institution"],
                name="student_unique_name_institution",
            )
        ]

    @property
    def public_name(self):
        """ "Surname First" or, with PUBLIC_STUDENT_NAMES = "initial", "Surname F."."""
        if getattr(settings, "PUBLIC_STUDENT_NAMES", "full") == "initial":
            return f"{self.surname} {self.first_name[:1]}.".strip()
        return f"{self.surname} {self.first_name}".strip()
