"""Professional contests for teachers: «Учитель року», «Класовод року», … A contest has an
edition per year, an edition has nominations, a teacher enters a nomination once and
gets one result row per stage, so their path I → II → III stays one history."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from contests.models.common import PublishedQuerySet, year_field
from imc_portal.models import Institution, Teacher, TimeStampedModel, choice_label
from imc_portal.text import unique_slug


class ContestStage(models.IntegerChoices):
    CITY = 1, _("I (city) stage")
    OBLAST = 2, _("II (oblast) stage")
    NATIONAL = 3, _("III (national) stage")


class ContestOutcome(models.TextChoices):
    WINNER = "winner", pgettext_lazy("contest result", "winner")
    LAUREATE = "laureate", pgettext_lazy("contest result", "laureate (prize-winner)")
    PARTICIPANT = "participant", pgettext_lazy("contest result", "participant")


class Contest(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("professional contest")
        verbose_name_plural = _("professional contests")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("contests:index") + f"#contest-{self.slug}"


class ContestEdition(TimeStampedModel):
    contest = models.ForeignKey(
        Contest, verbose_name=_("contest"), on_delete=models.PROTECT, related_name="editions"
    )
    year = year_field()
    is_published = models.BooleanField(_("published"), default=True)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    objects = PublishedQuerySet.as_manager()

    class Meta:
        verbose_name = _("contest edition")
        verbose_name_plural = _("contest editions")
        ordering = ["contest__order", "contest__name", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "year"], name="contest_edition_unique_year")
        ]

    def __str__(self):
        return f"{self.contest} {self.year}"

    def get_absolute_url(self):
        return reverse("contests:edition", kwargs={"slug": self.contest.slug, "year": self.year})


class Nomination(models.Model):
    edition = models.ForeignKey(
        ContestEdition,
        verbose_name=_("edition"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["edition", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "name"], name="nomination_unique_name")
        ]

    def __str__(self):
        return f"{self.name} ({self.edition})"


class ContestEntry(TimeStampedModel):
    """A teacher in a nomination. The institution is kept as it was at the time."""

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("nomination"), on_delete=models.PROTECT, related_name="entries"
    )
    teacher = models.ForeignKey(
        Teacher,
        verbose_name=_("teacher"),
        on_delete=models.PROTECT,
        related_name="contest_entries",
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="contest_entries",
        null=True,
        blank=True,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contest participant")
        verbose_name_plural = _("contest participants")
        ordering = ["nomination", "teacher__surname", "teacher__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "teacher"], name="contest_entry_unique_teacher"
            )
        ]

    def __str__(self):
        return f"{self.teacher.full_name}: {self.nomination}"

    def save(self, *args, **kwargs):
        if self.institution_id is None and self.teacher_id:
            self.institution_id = self.teacher.institution_id
        super().save(*args, **kwargs)


class ContestResult(models.Model):
    entry = models.ForeignKey(
        ContestEntry,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="results",
    )
    stage = models.PositiveSmallIntegerField(_("stage"), choices=ContestStage.choices)
    outcome = models.CharField(_("result"), max_length=20, choices=ContestOutcome.choices)
    place = models.PositiveSmallIntegerField(_("place"), null=True, blank=True)
    score = models.DecimalField(
        _("jury score"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contest result")
        verbose_name_plural = _("contest results")
        ordering = ["entry", "stage"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "stage"], name="contest_result_one_per_stage"),
            models.CheckConstraint(
                condition=Q(place__isnull=True) | Q(place__gte=1),
                name="contest_result_place_positive",
            ),
            models.CheckConstraint(
                condition=Q(stage__in=ContestStage.values), name="contest_result_stage_valid"
            ),
        ]

    def __str__(self):
        return f"{self.entry}: {self.get_stage_display()}, {self.get_outcome_display()}"

    # Shown by every row of an edition's page (see choice_label).
    def get_outcome_display(self):
        return choice_label(ContestOutcome, self.outcome)

    def clean(self):
        if self.place is not None and self.place < 1:
            raise ValidationError({"place": _("A place is a positive number.")})
