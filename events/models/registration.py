"""Teachers' registrations for an event (or a group's meeting): confirmed places, the waiting
list in order, and the offers of a freed place that wait for the teacher's confirmation.

A row per teacher and event (a cancelled registration is re-activated, never doubled). The
rules that change rows (capacity, the order of the list, the offers' deadlines) are in
``events/registration.py``, which locks the event's row while it counts."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from imc_portal.models import Teacher, TimeStampedModel


class RegistrationQuerySet(models.QuerySet):
    def holding_places(self):
        """What counts against the capacity: confirmed places and open offers."""
        return self.filter(status__in=Registration.HOLDING_PLACES)

    def waiting(self):
        return self.filter(status=Registration.Status.WAITING).order_by("position", "pk")

    def active(self):
        return self.exclude(status__in=Registration.ENDED)


class Registration(TimeStampedModel):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", pgettext_lazy("registration", "confirmed")
        WAITING = "waiting", _("on the waiting list")
        OFFERED = "offered", _("offered a place")
        CANCELLED = "cancelled", pgettext_lazy("registration", "cancelled")
        EXPIRED = "expired", _("offer not confirmed in time")

    HOLDING_PLACES = (Status.CONFIRMED, Status.OFFERED)
    ENDED = (Status.CANCELLED, Status.EXPIRED)

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    teacher = models.ForeignKey(
        Teacher,
        verbose_name=_("teacher"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    role = models.ForeignKey(
        "events.AudienceRole",
        verbose_name=_("registers as"),
        on_delete=models.PROTECT,
        related_name="registrations",
        null=True,
        blank=True,
        help_text=_("The audience role the teacher chose, when the event asks for one."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    position = models.PositiveIntegerField(
        _("place on the waiting list"),
        null=True,
        blank=True,
        help_text=_("Smaller comes first; only for the waiting list."),
    )
    offered_at = models.DateTimeField(_("place offered at"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer open until"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    reminded_at = models.DateTimeField(
        _("reminder sent at"),
        null=True,
        blank=True,
        help_text=_("The e-mail the day before the event."),
    )
    note = models.CharField(
        _("methodist's note"),
        max_length=300,
        blank=True,
        help_text=_("E.g. why the teacher was moved in by hand."),
    )
    history = HistoricalRecords()
    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "status", "position", "created", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "teacher"],
                name="registration_once_per_event",
                violation_error_message=_("The teacher is already registered for this event."),
            ),
            models.CheckConstraint(
                condition=~Q(status="offered") | Q(offer_expires_at__isnull=False),
                name="registration_offer_has_deadline",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status", "position"], name="registration_event_status"),
        ]

    def __str__(self):
        return f"{self.teacher} — {self.event}"

    def get_accept_url(self):
        return reverse("events:registration_accept", kwargs={"pk": self.pk})

    @property
    def has_ended(self):
        """Cancelled, or an offer not taken in time: nothing left to cancel."""
        return self.status in self.ENDED

    @property
    def offer_is_open(self):
        return (
            self.status == self.Status.OFFERED
            and self.offer_expires_at is not None
            and self.offer_expires_at > timezone.now()
        )
