"""The centre's own people: departments, staff members on posts, their awards, and the
centre's distinctions."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy, pgettext_lazy
from simple_history.models import HistoricalRecords

from imc_portal.images import PortalImageField, make_thumbnail
from imc_portal.models import PersonName, Subject, TimeStampedModel
from imc_portal.periods import FIRST_YEAR, LAST_YEAR, year_validators
from imc_portal.text import unique_slug

MIN_RATE = Decimal("0.25")
MAX_RATE = Decimal("1.50")
THUMBNAIL_SIZE = (320, 400)


class Department(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class StaffMemberQuerySet(models.QuerySet):
    def current(self, on=None):
        """Employed on the given day (today by default)."""
        on = on or timezone.localdate()
        return self.filter(
            Q(employed_from__isnull=True) | Q(employed_from__lte=on),
            Q(employed_until__isnull=True) | Q(employed_until__gte=on),
        )

    def published(self):
        return self.filter(is_public=True).current()


class StaffMember(PersonName, TimeStampedModel):
    class Role(models.TextChoices):
        DIRECTOR = "director", _("director")
        DEPUTY = "deputy", _("deputy director")
        HEAD = "head", _("head of department")
        METHODIST = "methodist", _("methodist")
        PSYCHOLOGIST = "psychologist", _("practical psychologist")
        LIBRARIAN = "librarian", _("librarian")
        TECHNICIAN = "technician", _("technician")
        TECHNICAL_WORKER = "technical_worker", _("technical worker")
        OTHER = "other", pgettext_lazy("staff role", "other")

    slug = models.SlugField(_("slug"), max_length=80, unique=True, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    position = models.CharField(
        _("position"),
        max_length=200,
        blank=True,
        help_text=_("As the staff list names it, e.g. “methodist for primary education”."),
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="members",
        null=True,
        blank=True,
    )
    rate = models.DecimalField(
        _("post rate"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(MIN_RATE), MaxValueValidator(MAX_RATE)],
        help_text=_("Share of a full post, from 0.25 to 1.50."),
    )
    subjects = models.ManyToManyField(
        Subject, verbose_name=_("areas curated"), related_name="curators", blank=True
    )
    photo = PortalImageField(_("photo"), upload_to="staff/", blank=True)
    photo_thumbnail = models.ImageField(upload_to="staff/thumbs/", blank=True, editable=False)
    email = models.EmailField(_("office email"), blank=True)
    phone = models.CharField(_("office phone"), max_length=60, blank=True)
    room = models.CharField(_("office room"), max_length=40, blank=True)
    biography = models.TextField(_("about"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    employed_from = models.DateField(_("employed from"), null=True, blank=True)
    employed_until = models.DateField(_("employed until"), null=True, blank=True)
    is_public = models.BooleanField(_("shown on the public pages"), default=True)
    history = HistoricalRecords(m2m_fields=[subjects])

    objects = StaffMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        ordering = ["order", "surname", "first_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rate__gte=MIN_RATE) & Q(rate__lte=MAX_RATE),
                name="staffmember_rate_in_range",
                violation_error_message=_("A post rate must be between 0.25 and 1.50."),
            ),
            models.CheckConstraint(
                condition=Q(employed_until__isnull=True)
                | Q(employed_from__isnull=True)
                | Q(employed_until__gte=models.F("employed_from")),
                name="staffmember_employment_dates_ordered",
                violation_error_message=_("Employment cannot end before it starts."),
            ),
        ]

    def get_absolute_url(self):
        return reverse("staff:detail", kwargs={"slug": self.slug})

    @property
    def title(self):
        return self.position or self.get_role_display()

    def clean(self):
        if self.role == self.Role.HEAD and not self.department_id:
            raise ValidationError({"department": _("A head of department needs a department.")})

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.full_name)
        self._refresh_thumbnail()
        super().save(*args, **kwargs)

    def _refresh_thumbnail(self):
        """Make the card thumbnail once: when a new photo arrives, not on every save."""
        if not self.photo:
            self.photo_thumbnail = ""
        elif not self.photo._committed or not self.photo_thumbnail:
            thumbnail = make_thumbnail(self.photo, THUMBNAIL_SIZE)
            self.photo_thumbnail.save(thumbnail.name, thumbnail, save=False)


# Plural labels for the staff figures on the "About" page ("14 методистів").
ROLE_COUNT_LABELS = {
    StaffMember.Role.DIRECTOR: ngettext_lazy("%(count)s director", "%(count)s directors", "count"),
    StaffMember.Role.DEPUTY: ngettext_lazy(
        "%(count)s deputy director", "%(count)s deputy directors", "count"
    ),
    StaffMember.Role.HEAD: ngettext_lazy(
        "%(count)s head of department", "%(count)s heads of department", "count"
    ),
    StaffMember.Role.METHODIST: ngettext_lazy(
        "%(count)s methodist", "%(count)s methodists", "count"
    ),
    StaffMember.Role.PSYCHOLOGIST: ngettext_lazy(
        "%(count)s practical psychologist", "%(count)s practical psychologists", "count"
    ),
    StaffMember.Role.LIBRARIAN: ngettext_lazy(
        "%(count)s librarian", "%(count)s librarians", "count"
    ),
    StaffMember.Role.TECHNICIAN: ngettext_lazy(
        "%(count)s technician", "%(count)s technicians", "count"
    ),
    StaffMember.Role.TECHNICAL_WORKER: ngettext_lazy(
        "%(count)s technical worker", "%(count)s technical workers", "count"
    ),
    StaffMember.Role.OTHER: ngettext_lazy(
        "%(count)s other employee", "%(count)s other employees", "count"
    ),
}


class AwardKind(models.Model):
    class Level(models.TextChoices):
        STATE = "state", _("state award")
        DEPARTMENTAL = "departmental", _("departmental award")
        REGIONAL = "regional", _("regional award")
        CITY = "city", _("city award")

    name = models.CharField(_("name"), max_length=200, unique=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    description = models.CharField(
        _("description"),
        max_length=300,
        blank=True,
        help_text=_("E.g. “state honorary title”, “departmental badge”."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("award kind")
        verbose_name_plural = _("award kinds")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Award(TimeStampedModel):
    member = models.ForeignKey(
        StaffMember, verbose_name=_("staff member"), on_delete=models.PROTECT, related_name="awards"
    )
    kind = models.ForeignKey(
        AwardKind, verbose_name=_("award"), on_delete=models.PROTECT, related_name="awards"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=year_validators())
    order_number = models.CharField(
        _("order"), max_length=100, blank=True, help_text=_("Number and date of the order.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["kind__order", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "kind", "year"],
                name="award_once_a_year",
                violation_error_message=_("This award is already recorded for this year."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR) & Q(year__lte=LAST_YEAR),
                name="award_year_in_range",
            ),
        ]

    def __str__(self):
        # Whose award too: the summary's records and the admin's history list awards alone.
        return f"{self.member}: {self.kind} ({self.year})"


class Distinction(TimeStampedModel):
    """A distinction of the centre itself: exhibition medals, "Золотий фонд нації"."""

    title = models.CharField(_("title"), max_length=300)
    awarded_by = models.CharField(_("awarded by"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=year_validators(), null=True, blank=True
    )
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("centre distinction")
        verbose_name_plural = _("centre distinctions")
        ordering = ["order", "-year", "title"]
        constraints = [
            models.UniqueConstraint(fields=["title", "year"], name="distinction_unique_title_year"),
        ]

    def __str__(self):
        return f"{self.title} ({self.year})" if self.year else self.title
