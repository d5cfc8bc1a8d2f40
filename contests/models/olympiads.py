"""Student olympiads and tournaments: a row per student, olympiad and stage (II city,
III oblast, IV national). The city team at a stage is the set of students with a row there."""

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
from imc_portal.models import Institution, Subject, Teacher, TimeStampedModel, choice_label


class OlympiadStage(models.IntegerChoices):
    CITY = 2, _("II (city) stage")
    OBLAST = 3, _("III (oblast) stage")
    NATIONAL = 4, _("IV (national) stage")


class Diploma(models.TextChoices):
    FIRST = "1", _("diploma of the I degree")
    SECOND = "2", _("diploma of the II degree")
    THIRD = "3", _("diploma of the III degree")
    PARTICIPANT = "participant", pgettext_lazy("olympiad result", "participant")


WINNING_DIPLOMAS = [Diploma.FIRST, Diploma.SECOND, Diploma.THIRD]


class Olympiad(TimeStampedModel):
    class Kind(models.TextChoices):
        OLYMPIAD = "olympiad", _("olympiad")
        TOURNAMENT = "tournament", _("tournament")

    subject = models.ForeignKey(
        Subject, verbose_name=_("subject"), on_delete=models.PROTECT, related_name="olympiads"
    )
    year = year_field()
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OLYMPIAD)
    is_published = models.BooleanField(_("published"), default=True)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    objects = PublishedQuerySet.as_manager()

    class Meta:
        verbose_name = _("olympiad or tournament")
        verbose_name_plural = _("olympiads and tournaments")
        ordering = ["-year", "kind", "subject__order", "subject__name"]
        indexes = [models.Index(fields=["year", "is_published"], name="olympiad_year_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["subject", "year", "kind"], name="olympiad_unique_subject_year_kind"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.subject} {self.year}"

    def get_absolute_url(self):
        url = reverse("contests:olympiad_year", kwargs={"year": self.year})
        return f"{url}?{urlencode({'subject': self.subject.slug, 'kind': self.kind})}"


class OlympiadResult(TimeStampedModel):
    olympiad = models.ForeignKey(
        Olympiad, verbose_name=_("olympiad"), on_delete=models.PROTECT, related_name="results"
    )
    student = models.ForeignKey(
        Student,
        verbose_name=_("student"),
        on_delete=models.PROTECT,
        related_name="olympiad_results",
    )
    stage = models.PositiveSmallIntegerField(_("stage"), choices=OlympiadStage.choices)
    grade = grade_field()
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="olympiad_results",
    )
    mentor = models.ForeignKey(
        Teacher,
        verbose_name=_("mentor teacher"),
        on_delete=models.PROTECT,
        related_name="olympiad_results",
        null=True,
        blank=True,
    )
    result = models.CharField(_("result"), max_length=20, choices=Diploma.choices)
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2, null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("olympiad result")
        verbose_name_plural = _("olympiad results")
        ordering = ["olympiad", "stage", "result", "-score", "student__surname"]
        # Covers the per-stage and per-subject figures: counted from the index alone.
        indexes = [
            models.Index(fields=["olympiad", "stage", "result"], name="olympiad_result_figures_idx")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["olympiad", "student", "stage"], name="olympiad_result_one_per_stage"
            ),
            models.CheckConstraint(
                condition=Q(grade__gte=MIN_GRADE, grade__lte=MAX_GRADE),
                name="olympiad_result_grade_1_12",
            ),
            models.CheckConstraint(
                condition=Q(stage__in=OlympiadStage.values), name="olympiad_result_stage_valid"
            ),
        ]

    def __str__(self):
        return f"{self.student}: {self.olympiad}, {self.get_stage_display()}"

    # Shown by every row of a page of results (see choice_label).
    def get_stage_display(self):
        return choice_label(OlympiadStage, self.stage)

    def get_result_display(self):
        return choice_label(Diploma, self.result)

    @property
    def is_winner(self):
        return self.result in WINNING_DIPLOMAS
