"""The register of an event or a group's meeting: a row per teacher on it, ticked when the
teacher came. The figures count the ticked rows ("78 teachers retrained in courses")."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from imc_portal.models import Teacher, TimeStampedModel


class AttendanceQuerySet(models.QuerySet):
    def attended(self):
        return self.filter(attended=True)

    def in_name_order(self):
        return self.select_related("teacher__institution").order_by(
            "teacher__surname", "teacher__first_name", "teacher__patronymic", "pk"
        )


class Attendance(TimeStampedModel):
    """A teacher on an event's register. A row is the place a later registration fills in
    (``source`` "registered", not ticked yet); the methodist ticks who came. The row of a
    counted attendee keeps the teacher from being deleted."""

    class Source(models.TextChoices):
        LIST = "list", _("participants list")
        REGISTERED = "registered", pgettext_lazy("attendance source", "registered")
        WALK_IN = "walk_in", _("walk-in")
        IMPORT = "import", _("sign-in list import")

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    teacher = models.ForeignKey(
        Teacher, verbose_name=_("teacher"), on_delete=models.PROTECT, related_name="attendances"
    )
    attended = models.BooleanField(_("attended"), default=False)
    source = models.CharField(
        _("how the teacher got on the register"),
        max_length=20,
        choices=Source.choices,
        default=Source.WALK_IN,
    )
    history = HistoricalRecords()
    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["event", "teacher__surname", "teacher__first_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "teacher"],
                name="attendance_once_per_event",
                violation_error_message=_("The teacher is already on this event's register."),
            ),
        ]
        indexes = [
            # The figures read the ticked rows of the teachers by event.
            models.Index(fields=["teacher", "attended"], name="attendance_teacher"),
        ]

    def __str__(self):
        return f"{self.teacher} — {self.event}"
