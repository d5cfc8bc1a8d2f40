"""The catalogue of best pedagogical practice (ППД, передовий педагогічний досвід)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from imc_portal.models import Institution, Subject, Teacher, TimeStampedModel, choice_label
from imc_portal.text import unique_slug
from publications.models.common import Level, PublishedQuerySet
from publications.pdf import PdfFileField


class CatalogueLevel(models.TextChoices):
    CITY = Level.CITY.value, Level.CITY.label
    OBLAST = Level.OBLAST.value, Level.OBLAST.label
    NATIONAL = Level.NATIONAL.value, Level.NATIONAL.label


class PracticeEntry(TimeStampedModel):
    """A teacher's documented practice, included in the city catalogue by the centre's
    council and possibly later in the oblast or national one. Each inclusion keeps its own
    decision and date, so an entry that moved up is counted in both years' figures."""

    author = models.ForeignKey(
        Teacher, verbose_name=_("author"), on_delete=models.PROTECT, related_name="practice_entries"
    )
    co_authors = models.CharField(_("co-authors"), max_length=300, blank=True)
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="practice_entries",
        help_text=_("Where the practice was studied; stays when the author moves."),
    )
    topic = models.CharField(_("topic"), max_length=400)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, blank=True)
    subject = models.ForeignKey(
        Subject, verbose_name=_("area"), on_delete=models.PROTECT, related_name="practice_entries"
    )
    level = models.CharField(
        _("catalogue level"),
        max_length=20,
        choices=CatalogueLevel.choices,
        default=CatalogueLevel.CITY,
        help_text=_("The highest catalogue the entry has reached."),
    )
    city_decision_number = models.CharField(
        _("city: council decision number"), max_length=40, blank=True
    )
    city_decision_date = models.DateField(_("city: date of inclusion"), null=True, blank=True)
    oblast_decision_number = models.CharField(
        _("oblast: decision number"), max_length=40, blank=True
    )
    oblast_decision_date = models.DateField(_("oblast: date of inclusion"), null=True, blank=True)
    national_decision_number = models.CharField(
        _("national: decision number"), max_length=40, blank=True
    )
    national_decision_date = models.DateField(
        _("national: date of inclusion"), null=True, blank=True
    )
    # When the entry first entered a catalogue: kept by the database, so the catalogue is
    # ordered on one indexed non-null column on every backend.
    included_on = models.GeneratedField(
        expression=Coalesce("city_decision_date", "oblast_decision_date", "national_decision_date"),
        output_field=models.DateField(),
        db_persist=True,
        verbose_name=_("date of inclusion"),
    )
    description = models.TextField(_("description"), blank=True)
    is_published = models.BooleanField(_("shown on the public pages"), default=True)
    history = HistoricalRecords(excluded_fields=["included_on"])

    objects = PublishedQuerySet.as_manager()

    class Meta:
        verbose_name = _("best practice entry")
        verbose_name_plural = _("best practice catalogue")
        ordering = ["-included_on", "-id"]
        indexes = [
            models.Index(fields=["-included_on", "-id"], name="practice_included_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(level="city", city_decision_date__isnull=False)
                | Q(level="oblast", oblast_decision_date__isnull=False)
                | Q(level="national", national_decision_date__isnull=False),
                name="practiceentry_level_has_date",
                violation_error_message=_(
                    "Give the date of inclusion in the catalogue of the entry’s level."
                ),
            ),
            models.CheckConstraint(
                condition=Q(city_decision_date__isnull=True)
                | Q(oblast_decision_date__isnull=True)
                | Q(oblast_decision_date__gte=F("city_decision_date")),
                name="practiceentry_oblast_after_city",
                violation_error_message=_(
                    "An entry reaches the oblast catalogue after the city one, not before."
                ),
            ),
        ]

    def __str__(self):
        return self.topic

    def clean(self):
        dates = {
            Level.CITY: self.city_decision_date,
            Level.OBLAST: self.oblast_decision_date,
            Level.NATIONAL: self.national_decision_date,
        }
        if self.level in dates and not dates[self.level]:
            field = f"{self.level}_decision_date"
            raise ValidationError(
                {field: _("Give the date of inclusion in the catalogue of the entry’s level.")}
            )
        if (
            self.city_decision_date
            and self.oblast_decision_date
            and self.oblast_decision_date < self.city_decision_date
        ):
            raise ValidationError(
                {
                    "oblast_decision_date": _(
                        "An entry reaches the oblast catalogue after the city one, not before."
                    )
                }
            )

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.topic)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("publications:practice_detail", kwargs={"slug": self.slug})

    def get_level_display(self):
        # Shown on every row of the catalogue: Django's own translates every label per call.
        return choice_label(CatalogueLevel, self.level)

    @property
    def inclusion_date(self):
        """When the entry first entered a catalogue."""
        return self.city_decision_date or self.oblast_decision_date or self.national_decision_date

    def inclusions(self):
        """(level label, decision number, date) for each catalogue the entry is in."""
        rows = [
            (Level.CITY.label, self.city_decision_number, self.city_decision_date),
            (Level.OBLAST.label, self.oblast_decision_number, self.oblast_decision_date),
            (Level.NATIONAL.label, self.national_decision_number, self.national_decision_date),
        ]
        return [row for row in rows if row[2]]


class PracticeMaterial(TimeStampedModel):
    entry = models.ForeignKey(
        PracticeEntry,
        verbose_name=_("practice entry"),
        on_delete=models.CASCADE,
        related_name="materials",
    )
    title = models.CharField(_("title"), max_length=300)
    file = PdfFileField(
        _("file (PDF)"), upload_to="publications/practice/", blank=True, max_length=200
    )
    url = models.URLField(_("link"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(url=""),
                name="practicematerial_file_or_link",
                violation_error_message=_("A material needs a file or a link."),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if not self.file and not self.url:
            raise ValidationError(_("A material needs a file or a link."))

    @property
    def href(self):
        return self.file.url if self.file else self.url
