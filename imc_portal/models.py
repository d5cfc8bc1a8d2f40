"""The shared core: the centre itself, institutions, subject areas and teachers."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from imc_portal.images import PortalImageField
from imc_portal.text import unique_slug


def choice_label(choices, value):
    """The label of ``value`` in ``choices`` (a ``TextChoices``), or the value if it has none.
    Django's own get_FOO_display() translates every label of the field to find one (it
    hashes them): 50 µs a call, which a list page makes a hundred times. Models override
    get_FOO_display() with it where lists show the field."""
    try:
        return choices(value).label
    except ValueError:
        return value


class TimeStampedModel(models.Model):
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class Centre(TimeStampedModel):
    """The methodical centre running this portal: configuration, one row."""

    SINGLETON_ID = 1

    name = models.CharField(_("full name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    city = models.CharField(_("city"), max_length=100)
    parent_body = models.CharField(
        _("parent body"),
        max_length=300,
        blank=True,
        help_text=_("The city education department the centre belongs to."),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    founded_year = models.PositiveSmallIntegerField(_("year founded"), null=True, blank=True)
    logo = PortalImageField(_("logo"), upload_to="centre/", blank=True)
    description = models.TextField(_("short description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("centre")
        verbose_name_plural = _("centre")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="centre_single_row"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = self.SINGLETON_ID
        super().save(*args, **kwargs)

    @classmethod
    def current(cls):
        """The configured centre, or an unsaved blank one before anybody configured it."""
        return cls.objects.filter(pk=cls.SINGLETON_ID).first() or cls(name="", city="")

    @property
    def display_name(self):
        return self.short_name or self.name


class Institution(TimeStampedModel):
    class Kind(models.TextChoices):
        SCHOOL = "school", _("general secondary school")
        PRESCHOOL = "preschool", _("preschool")
        OUT_OF_SCHOOL = "out_of_school", _("out-of-school institution")
        HIGHER = "higher", _("university or institute")
        OTHER = "other", pgettext_lazy("institution kind", "other")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SCHOOL)
    name = models.CharField(_("full name"), max_length=300, unique=True)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    website = models.URLField(_("website"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["kind", "short_name", "name"]

    def __str__(self):
        return self.short_name or self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.short_name or self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("institution_detail", kwargs={"slug": self.slug})


class Subject(models.Model):
    """A subject or area of work: mathematics, preschool, school libraries, psychology…"""

    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("subject or area")
        verbose_name_plural = _("subjects and areas")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)


class PersonName(models.Model):
    surname = models.CharField(_("surname"), max_length=80)
    first_name = models.CharField(_("first name"), max_length=80)
    patronymic = models.CharField(_("patronymic"), max_length=80, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return " ".join(part for part in (self.surname, self.first_name, self.patronymic) if part)

    @property
    def short_name(self):
        """The form Ukrainian documents use: "Surname F. P."."""
        initials = "".join(f"{part[0]}." for part in (self.first_name, self.patronymic) if part)
        return f"{self.surname} {initials}".strip()


class Teacher(PersonName, TimeStampedModel):
    """A pedagogical worker of the city. Public pages show only name and institution."""

    class Category(models.TextChoices):
        SPECIALIST = "specialist", _("specialist")
        SECOND = "second", _("specialist of the second category")
        FIRST = "first", _("specialist of the first category")
        HIGHEST = "highest", _("specialist of the highest category")

    class Title(models.TextChoices):
        SENIOR_TEACHER = "senior_teacher", _("senior teacher")
        TEACHER_METHODIST = "teacher_methodist", _("teacher-methodist")
        EDUCATOR_METHODIST = "educator_methodist", _("educator-methodist")
        SENIOR_EDUCATOR = "senior_educator", _("senior educator")
        PSYCHOLOGIST_METHODIST = "psychologist_methodist", _("practical psychologist-methodist")
        CLUB_LEADER_METHODIST = "club_leader_methodist", _("club leader-methodist")

    slug = models.SlugField(_("slug"), max_length=80, unique=True, blank=True)
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="teachers",
        null=True,
        blank=True,
    )
    subjects = models.ManyToManyField(
        Subject, verbose_name=_("subjects and areas"), related_name="teachers", blank=True
    )
    position = models.CharField(_("position"), max_length=150, blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices, blank=True)
    pedagogical_title = models.CharField(
        _("pedagogical title"), max_length=30, choices=Title.choices, blank=True
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    note = models.TextField(_("staff note"), blank=True)
    created_from_sign_up = models.BooleanField(
        _("made from a teacher's sign-up"),
        default=False,
        db_default=False,  # rows written by older migrations' models get it too
        editable=False,
        help_text=_(
            "The record was made from what the teacher gave at sign-up, not from the centre's "
            "records: when their account is deleted and the record holds nothing but "
            "registrations and attendance, it is made anonymous."
        ),
    )
    history = HistoricalRecords(m2m_fields=[subjects])

    class Meta:
        verbose_name = _("teacher")
        verbose_name_plural = _("teachers")
        ordering = ["surname", "first_name", "patronymic"]
        indexes = [models.Index(fields=["surname", "first_name"], name="teacher_name_idx")]

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.full_name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("teacher_detail", kwargs={"slug": self.slug})


class SearchEntry(models.Model):
    """One public record as the site search sees it, written by ``imc_portal.search_index``
    from the apps' ``search.py`` declarations: what a hit shows, and its words in one
    normalised column that the database indexes (a trigram GIN index on PostgreSQL, an FTS5
    trigram table kept by triggers on SQLite; see migration 0003)."""

    section = models.CharField(_("section"), max_length=60)
    object_id = models.PositiveBigIntegerField(_("record id"))
    title = models.TextField(_("title"))
    summary = models.TextField(_("summary"), blank=True)
    url = models.CharField(_("address"), max_length=500)
    date = models.DateField(_("date"), null=True, blank=True)
    visible_from = models.DateField(
        _("public from"),
        null=True,
        blank=True,
        help_text=_("Records dated in the future are found only once their date has come."),
    )
    sort_key = models.TextField(_("sort key"), blank=True)
    text = models.TextField(_("searchable text"))

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        ordering = ["section", "sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["section", "object_id"], name="search_entry_unique_record"
            )
        ]

    def __str__(self):
        return self.title


class TeacherAccountQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=TeacherAccount.Status.PENDING)


class TeacherAccount(PersonName, TimeStampedModel):
    """A teacher's account on the public site (imc_portal/accounts), never a staff login.

    The name, institution and subjects are what the teacher gave at sign-up: a methodist
    compares them with the records before confirming a pending link. Once linked, the
    teacher's data is the ``Teacher`` record, which they edit on their page.
    """

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("e-mail not confirmed yet")
        PENDING = "pending", _("link awaits a methodist")
        LINKED = "linked", _("linked")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="teacher_account",
    )
    teacher = models.OneToOneField(
        Teacher,
        verbose_name=_("teacher's record"),
        on_delete=models.PROTECT,
        related_name="account",
        null=True,
        blank=True,
        help_text=_(
            "The record this account is linked to. To join a pending account to an existing "
            "record, choose it here, save, then confirm the link; leave it empty to make a "
            "new record from the sign-up when confirming."
        ),
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="teacher_accounts",
        null=True,
        blank=True,
    )
    subjects = models.ManyToManyField(
        Subject, verbose_name=_("subjects and areas"), related_name="teacher_accounts", blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UNCONFIRMED
    )
    email_confirmed = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[subjects])

    objects = TeacherAccountQuerySet.as_manager()

    class Meta:
        verbose_name = _("teacher's account")
        verbose_name_plural = _("teachers' accounts")
        ordering = ["-created"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="linked") | Q(teacher__isnull=False),
                name="teacher_account_linked_has_record",
            ),
        ]

    @property
    def is_linked(self):
        return self.status == self.Status.LINKED
