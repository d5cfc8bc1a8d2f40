"""The student project festival: projects by year with a school, a team and a result; the
best are funded by the city."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from contests.models.common import PublishedQuerySet, Student, year_field
from imc_portal.fields import PeopleField
from imc_portal.models import Institution, Teacher, TimeStampedModel


class ProjectFestival(TimeStampedModel):
    year = year_field()
    title = models.CharField(_("title"), max_length=300)
    partner = models.CharField(_("partner"), max_length=300, blank=True)
    is_published = models.BooleanField(_("published"), default=True)
    history = HistoricalRecords()

    objects = PublishedQuerySet.as_manager()

    class Meta:
        verbose_name = _("project festival")
        verbose_name_plural = _("project festivals")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["year"], name="project_festival_one_per_year")
        ]

    def __str__(self):
        return f"{self.title} {self.year}"

    def get_absolute_url(self):
        return reverse("contests:projects_year", kwargs={"year": self.year})


class Project(TimeStampedModel):
    class Outcome(models.TextChoices):
        WINNER = "winner", pgettext_lazy("project result", "winner")
        PRIZE = "prize", pgettext_lazy("project result", "prize-winner")
        PARTICIPANT = "participant", pgettext_lazy("project result", "participant")

    festival = models.ForeignKey(
        ProjectFestival,
        verbose_name=_("festival"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    title = models.CharField(_("title"), max_length=300)
    institution = models.ForeignKey(
        Institution, verbose_name=_("school"), on_delete=models.PROTECT, related_name="projects"
    )
    team_name = models.CharField(_("team name"), max_length=200, blank=True)
    team = PeopleField(Student, verbose_name=_("team"), related_name="projects", blank=True)
    supervisor = models.ForeignKey(
        Teacher,
        verbose_name=_("supervisor"),
        on_delete=models.PROTECT,
        related_name="projects",
        null=True,
        blank=True,
    )
    outcome = models.CharField(_("result"), max_length=20, choices=Outcome.choices)
    place = models.PositiveSmallIntegerField(_("place"), null=True, blank=True)
    city_funded = models.BooleanField(_("funded by the city"), default=False)
    history = HistoricalRecords(m2m_fields=[team])

    class Meta:
        verbose_name = _("student project")
        verbose_name_plural = _("student projects")
        ordering = ["festival", "outcome", "place", "title"]
        constraints = [
            models.UniqueConstraint(fields=["festival", "title"], name="project_unique_title"),
            models.CheckConstraint(
                condition=Q(place__isnull=True) | Q(place__gte=1), name="project_place_positive"
            ),
        ]

    def __str__(self):
        return self.title
