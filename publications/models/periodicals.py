"""The centre's periodicals and their issues, the articles in them, its manuals, and the
teachers' publications printed elsewhere."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from imc_portal.fields import PeopleField
from imc_portal.images import PortalImageField, make_thumbnail
from imc_portal.models import Subject, Teacher, TimeStampedModel, choice_label
from imc_portal.periods import year_in_range, year_validators
from imc_portal.text import latin_slug, unique_slug
from publications.models.common import (
    DatedPublishedQuerySet,
    Level,
    PublishedQuerySet,
    authors_line,
)
from publications.pdf import PdfFileField
from staff.models import StaffMember

COVER_THUMBNAIL_SIZE = (240, 340)
# A periodical's page is /publications/<slug>/, beside the app's fixed pages: a periodical
# with one of these slugs would hide that page (or be hidden by it).
RESERVED_SLUGS = ("manuals", "articles", "feed", "search", "archive", "news", "practice")


class Periodical(TimeStampedModel):
    title = models.CharField(_("title"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    audience = models.CharField(
        _("audience"),
        max_length=200,
        blank=True,
        help_text=_("Who it is written for, e.g. “preschool educators”."),
    )
    founded_year = models.PositiveSmallIntegerField(
        _("first issue year"), validators=year_validators(), null=True, blank=True
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_published = models.BooleanField(_("shown on the public pages"), default=True)
    history = HistoricalRecords()

    objects = PublishedQuerySet.as_manager()

    class Meta:
        verbose_name = _("periodical")
        verbose_name_plural = _("periodicals")
        ordering = ["order", "title"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(slug__in=RESERVED_SLUGS),
                name="periodical_slug_not_reserved",
                violation_error_message=_("This address is taken by a page of the portal."),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": self._reserved_message(self.slug)})
        if not self.slug and latin_slug(self.title or "", 74) in RESERVED_SLUGS:
            raise ValidationError({"title": self._reserved_message(latin_slug(self.title, 74))})

    @staticmethod
    def _reserved_message(slug):
        return _(
            "The address /publications/%(slug)s/ belongs to a page of the portal: "
            "choose another title or address for the periodical."
        ) % {"slug": slug}

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title)
            if self.slug in RESERVED_SLUGS:
                self.slug = unique_slug(self, f"{self.title} periodical")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("publications:periodical", kwargs={"slug": self.slug})


class IssueQuerySet(DatedPublishedQuerySet):
    def published_or_scheduled(self):
        return super().published_or_scheduled().filter(periodical__is_published=True)


class Issue(TimeStampedModel):
    periodical = models.ForeignKey(
        Periodical, verbose_name=_("periodical"), on_delete=models.PROTECT, related_name="issues"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=year_validators())
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    date = models.DateField(_("date of issue"))
    title = models.CharField(
        _("theme of the issue"), max_length=300, blank=True, help_text=_("Optional.")
    )
    cover = PortalImageField(_("cover"), upload_to="publications/covers/", blank=True)
    cover_thumbnail = models.ImageField(
        upload_to="publications/covers/thumbs/", blank=True, editable=False
    )
    pdf = PdfFileField(
        _("full issue (PDF)"), upload_to="publications/issues/", blank=True, max_length=200
    )
    is_published = models.BooleanField(_("shown on the public pages"), default=True)
    history = HistoricalRecords()

    objects = IssueQuerySet.as_manager()

    class Meta:
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        ordering = ["periodical", "-year", "-number"]
        indexes = [models.Index(fields=["-date", "-number"], name="issue_date_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["periodical", "year", "number"],
                name="issue_unique_number_in_year",
                violation_error_message=_(
                    "This periodical already has an issue with this number in this year."
                ),
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="issue_number_positive"),
            year_in_range("year", "issue_year_in_range"),
        ]

    def __str__(self):
        return f"{self.periodical}, {self.year}, № {self.number}"

    def clean(self):
        if self.date and self.year and self.date.year != self.year:
            raise ValidationError({"date": _("The date of issue must fall in the issue’s year.")})

    def save(self, *args, **kwargs):
        self._refresh_thumbnail()
        super().save(*args, **kwargs)

    def _refresh_thumbnail(self):
        """Make the thumbnail once: when a new cover arrives, not on every save."""
        if not self.cover:
            self.cover_thumbnail = ""
        elif not self.cover._committed or not self.cover_thumbnail:
            thumbnail = make_thumbnail(self.cover, COVER_THUMBNAIL_SIZE)
            self.cover_thumbnail.save(thumbnail.name, thumbnail, save=False)

    def is_public(self):
        """What ``Issue.objects.published()`` keeps, for an issue already read (with its
        periodical)."""
        return (
            self.is_published and self.periodical.is_published and self.date <= timezone.localdate()
        )

    def get_absolute_url(self):
        return reverse(
            "publications:issue",
            kwargs={"slug": self.periodical.slug, "year": self.year, "number": self.number},
        )


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(issue__in=Issue.objects.published())

    def published_or_scheduled(self):
        return self.filter(issue__in=Issue.objects.published_or_scheduled())


class Article(TimeStampedModel):
    """An article in an issue of the centre's periodical."""

    issue = models.ForeignKey(
        Issue, verbose_name=_("issue"), on_delete=models.CASCADE, related_name="articles"
    )
    title = models.CharField(_("title"), max_length=400)
    teachers = PeopleField(
        Teacher, verbose_name=_("teacher authors"), related_name="periodical_articles", blank=True
    )
    staff_authors = PeopleField(
        StaffMember,
        verbose_name=_("centre staff authors"),
        related_name="periodical_articles",
        blank=True,
    )
    other_authors = models.CharField(
        _("other authors"),
        max_length=300,
        blank=True,
        help_text=_("Authors who are not in the portal’s records, by name."),
    )
    subject = models.ForeignKey(
        Subject,
        verbose_name=_("area"),
        on_delete=models.SET_NULL,
        related_name="periodical_articles",
        null=True,
        blank=True,
    )
    first_page = models.PositiveSmallIntegerField(_("first page"), null=True, blank=True)
    last_page = models.PositiveSmallIntegerField(_("last page"), null=True, blank=True)
    file = PdfFileField(
        _("article (PDF)"), upload_to="publications/articles/", blank=True, max_length=200
    )
    history = HistoricalRecords(m2m_fields=[teachers, staff_authors])

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["issue", "first_page", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_page__isnull=True)
                | Q(first_page__isnull=True)
                | Q(last_page__gte=F("first_page")),
                name="article_pages_ordered",
                violation_error_message=_("The last page cannot come before the first page."),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.first_page and self.last_page and self.last_page < self.first_page:
            raise ValidationError(
                {"last_page": _("The last page cannot come before the first page.")}
            )

    @property
    def pages(self):
        if self.first_page and self.last_page and self.last_page != self.first_page:
            return f"{self.first_page}–{self.last_page}"
        return str(self.first_page or "")

    def authors_line(self):
        """Needs ``teachers`` and ``staff_authors`` prefetched to stay one query per page."""
        return authors_line(self.teachers.all(), self.staff_authors.all(), self.other_authors)

    def get_absolute_url(self):
        return f"{self.issue.get_absolute_url()}#article-{self.pk}"


class Manual(TimeStampedModel):
    """A manual or another book of the centre, often written by a creative group."""

    title = models.CharField(_("title"), max_length=400)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, blank=True)
    teachers = PeopleField(
        Teacher, verbose_name=_("teacher authors"), related_name="manuals", blank=True
    )
    staff_authors = PeopleField(
        StaffMember, verbose_name=_("centre staff authors"), related_name="manuals", blank=True
    )
    authoring_group = models.CharField(
        _("authoring group"),
        max_length=300,
        blank=True,
        help_text=_("E.g. “the creative group of history teachers”, or outside authors."),
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=year_validators())
    subject = models.ForeignKey(
        Subject,
        verbose_name=_("area"),
        on_delete=models.SET_NULL,
        related_name="manuals",
        null=True,
        blank=True,
    )
    description = models.TextField(_("description"), blank=True)
    file = PdfFileField(
        _("file (PDF)"), upload_to="publications/manuals/", blank=True, max_length=200
    )
    is_published = models.BooleanField(_("shown on the public pages"), default=True)
    history = HistoricalRecords(m2m_fields=[teachers, staff_authors])

    objects = PublishedQuerySet.as_manager()

    class Meta:
        verbose_name = _("manual")
        verbose_name_plural = _("manuals")
        # Newest year first, within a year the latest entered, read from the index.
        ordering = ["-year", "-id"]
        indexes = [models.Index(fields=["-year", "-id"], name="manual_year_id_idx")]
        constraints = [year_in_range("year", "manual_year_in_range")]

    def __str__(self):
        return f"{self.title} ({self.year})"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title)
        super().save(*args, **kwargs)

    def authors_line(self):
        return authors_line(self.teachers.all(), self.staff_authors.all(), self.authoring_group)

    def get_absolute_url(self):
        return reverse("publications:manual", kwargs={"slug": self.slug})


class ExternalPublication(TimeStampedModel):
    """A teacher's publication printed elsewhere: a journal of «Шкільний світ», a national
    collection, an oblast bulletin."""

    author = models.ForeignKey(
        Teacher,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="external_publications",
    )
    co_authors = models.CharField(_("co-authors"), max_length=300, blank=True)
    title = models.CharField(_("title"), max_length=400)
    venue = models.CharField(
        _("where published"),
        max_length=300,
        help_text=_("Journal or collection, with the issue, e.g. “Початкова освіта, № 5”."),
    )
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), validators=year_validators())
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    subject = models.ForeignKey(
        Subject,
        verbose_name=_("area"),
        on_delete=models.SET_NULL,
        related_name="external_publications",
        null=True,
        blank=True,
    )
    url = models.URLField(_("link"), blank=True)
    is_published = models.BooleanField(_("shown on the public pages"), default=True)
    history = HistoricalRecords()

    objects = PublishedQuerySet.as_manager()

    class Meta:
        verbose_name = _("teacher’s publication elsewhere")
        verbose_name_plural = _("teachers’ publications elsewhere")
        ordering = ["-year", "-id"]  # as the manuals
        indexes = [models.Index(fields=["-year", "-id"], name="external_year_id_idx")]
        constraints = [year_in_range("year", "externalpublication_year_in_range")]

    def __str__(self):
        return f"{self.title} ({self.venue}, {self.year})"

    def get_level_display(self):
        # Shown on every row of the list: Django's own translates every label per call.
        return choice_label(Level, self.level)

    def get_absolute_url(self):
        """On its author's page, which lists their publications."""
        return f"{self.author.get_absolute_url()}#publication-{self.pk}"
