"""МАН (Мала академія наук): students' research works by year and section, a result per
stage (I city, II oblast, III national)."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from contests.models.common import (
    MAX_GRADE,
    MIN_GRADE,
    PublishedQuerySet,
    Student,
    grade_field,
    year_field,
)
from imc_portal.fields import PeopleField
from imc_portal.models import Institution, Teacher, TimeStampedModel


class ManStage(models.IntegerChoices):
    CITY = 1, _("I (city) stage")
    OBLAST = 2, _("II (oblast) stage")
    NATIONAL = 3, _("III (national) stage")


class ManOutcome(models.TextChoices):
    FIRST = "1", _("I place")
    SECOND = "2", _("II place")
    THIRD = "3", _("III place")
    PARTICIPANT = "participant", pgettext_lazy("МАН result", "participant")


WINNING_MAN_OUTCOMES = [ManOutcome.FIRST, ManOutcome.SECOND, ManOutcome.THIRD]


class ManSection(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("МАН section")
        verbose_name_plural = _("МАН sections")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            from imc_portal.text import unique_slug

            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)


class ManWork(TimeStampedModel):
    year = year_field()
    title = models.CharField(_("title"), max_length=400)
    section = models.ForeignKey(
        ManSection, verbose_name=_("section"), on_delete=models.PROTECT, related_name="works"
    )
    students = PeopleField(Student, verbose_name=_("students"), related_name="man_works")
    grade = grade_field()
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="man_works",
    )
    supervisor = models.ForeignKey(
        Teacher,
        verbose_name=_("supervisor"),
        on_delete=models.PROTECT,
        related_name="man_works",
        null=True,
        blank=True,
    )
    is_published = models.BooleanField(_("published"), default=True)
    history = HistoricalRecords(m2m_fields=[students])

    objects = PublishedQuerySet.as_manager()

    class Meta:
        verbose_name = _("МАН research work")
        verbose_name_plural = _("МАН research works")
        ordering = ["-year", "section__order", "section__name", "title"]
        constraints = [
            models.UniqueConstraint(fields=["year", "title"], name="man_work_unique_title_year"),
            models.CheckConstraint(
                condition=Q(grade__gte=MIN_GRADE, grade__lte=MAX_GRADE),
                name="man_work_grade_1_12",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.year})"

    def get_absolute_url(self):
        url = reverse("contests:man_year", kwargs={"year": self.year})
        return f"{url}?{urlencode({'section': self.section.slug})}"


class ManResult(models.Model):
    work = models.ForeignKey(
        ManWork, verbose_name=_("research work"), on_delete=models.CASCADE, related_name="results"
    )
    stage = models.PositiveSmallIntegerField(_("stage"), choices=ManStage.choices)
    outcome = models.CharField(_("result"), max_length=20, choices=ManOutcome.choices)
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2, null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("МАН result")
        verbose_name_plural = _("МАН results")
        ordering = ["work", "stage"]
        constraints = [
            models.UniqueConstraint(fields=["work", "stage"], name="man_result_one_per_stage"),
            models.CheckConstraint(
                condition=Q(stage__in=ManStage.values), name="man_result_stage_valid"
            ),
        ]

    def __str__(self):
        return f"{self.work}: {self.get_stage_display()}, {self.get_outcome_display()}"
