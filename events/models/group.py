"""Standing groups of teachers (methodical associations, creative groups, schools, clubs)
and the audience roles events are addressed to."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from imc_portal.fields import PeopleField
from imc_portal.models import Subject, Teacher, TimeStampedModel
from imc_portal.text import unique_slug
from staff.models import StaffMember


class AudienceRole(models.Model):
    """Who an event is for besides the teachers of an area: deputy heads, librarians…"""

    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("audience role")
        verbose_name_plural = _("audience roles")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)


class GroupQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_public=True)


class Group(TimeStampedModel):
    """A methodical association (МО), creative group, school or club: members and meetings."""

    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("methodical association")
        CREATIVE_GROUP = "creative_group", _("creative group")
        SCHOOL = "school", pgettext_lazy("group kind", "school")
        CLUB = "club", _("club")

    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.ASSOCIATION
    )
    name = models.CharField(_("name"), max_length=300, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, blank=True)
    subject = models.ForeignKey(
        Subject,
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        related_name="event_groups",
        null=True,
        blank=True,
    )
    head = models.ForeignKey(
        Teacher,
        verbose_name=_("head"),
        on_delete=models.PROTECT,
        related_name="groups_headed",
        null=True,
        blank=True,
    )
    supervisor = models.CharField(
        _("academic supervisor"),
        max_length=300,
        blank=True,
        help_text=_("An outside scholar who guides the group, with their position."),
    )
    curator = models.ForeignKey(
        StaffMember,
        verbose_name=_("curator"),
        on_delete=models.PROTECT,
        related_name="groups_curated",
        null=True,
        blank=True,
    )
    members = PeopleField(
        Teacher, verbose_name=_("members"), related_name="event_groups", blank=True
    )
    description = models.TextField(_("description"), blank=True)
    focus = models.TextField(
        _("this year's focus"), blank=True, help_text=_("What the group works on this year.")
    )
    focus_year = models.PositiveSmallIntegerField(
        _("focus academic year"),
        null=True,
        blank=True,
        help_text=_("First calendar year of the academic year the focus is for, e.g. 2025."),
    )
    is_public = models.BooleanField(_("shown on the public pages"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    history = HistoricalRecords(m2m_fields=[members])
    objects = GroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("associations and groups")
        ordering = ["kind", "order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("events:group_detail", kwargs={"slug": self.slug})

    @property
    def focus_year_label(self):
        return f"{self.focus_year}/{self.focus_year + 1}" if self.focus_year else ""
