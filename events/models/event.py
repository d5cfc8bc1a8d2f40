"""Events: seminars, conferences, association meetings, courses… and their speakers."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, F, FilteredRelation, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from events.models.attendance import Attendance
from events.models.fields import ChoiceListField
from events.models.group import AudienceRole, Group
from events.models.region import (
    NAMED_REGION_ATTRIBUTES,
    OBLAST,
    Region,
    representatives_of,
    representatives_text,
)
from events.models.registration import Registration
from imc_portal.fields import PeopleField
from imc_portal.models import Institution, Subject, TimeStampedModel, choice_label
from imc_portal.text import unique_slug
from staff.models import StaffMember


def sees_drafts(user):
    """Staff who may view events see drafts too; everybody else only published ones."""
    return user.is_authenticated and user.is_staff and user.has_perm("events.view_event")


# An event lasts a year at most (a long course); anything longer is a group's work. The
# bound lets "still under way" be answered from the start index alone.
MAX_DURATION = dt.timedelta(days=366)


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        if sees_drafts(user):
            return self
        return self.published()

    def with_finish(self):
        return self.annotate(finish=Coalesce("end", "start"))

    def for_list(self):
        """With what a list entry shows: the venue, the group and the areas."""
        return self.select_related("venue", "group").prefetch_related("subjects")

    def with_representatives(self):
        """With what "представники 12 областей та міста Києва" needs, in the same query:
        the number of oblasts and whether each named region is among the regions."""
        links = Event.regions.through.objects.filter(event=OuterRef("pk"))
        oblasts = (
            links.filter(region__kind=OBLAST)
            .order_by()
            .values("event")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(
            oblasts_represented=Coalesce(Subquery(oblasts), 0),
            **{
                attribute: Exists(links.filter(region__code=code))
                for code, attribute in NAMED_REGION_ATTRIBUTES.items()
            },
        )

    def with_attendee_count(self):
        """With ``attendee_count``: the teachers ticked on the register, in the same query."""
        ticked = (
            Attendance.objects.attended()
            .filter(event=OuterRef("pk"))
            .order_by()
            .values("event")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(attendee_count=Coalesce(Subquery(ticked), 0))

    def with_places_taken(self, now=None):
        """With what the registration box counts, in the same query: ``places_taken`` (the
        confirmed places and the open offers) and ``has_overdue_offers`` (offers past their
        deadline, to be passed on to the waiting list before the page counts)."""
        now = now or timezone.now()
        registrations = Registration.objects.filter(event=OuterRef("pk")).order_by()
        taken = registrations.holding_places().values("event").annotate(n=Count("pk")).values("n")
        overdue = registrations.filter(
            status=Registration.Status.OFFERED, offer_expires_at__lte=now
        )
        return self.annotate(
            places_taken=Coalesce(Subquery(taken), 0), has_overdue_offers=Exists(overdue)
        )

    def with_own_registration(self, teacher):
        """With ``own_registration``: ``teacher``'s registration for the event (whatever its
        status), joined in the same query; a teacher has one row per event. Without one the
        attribute is not set."""
        own = FilteredRelation("registrations", condition=Q(registrations__teacher=teacher))
        return self.annotate(own_registration=own).select_related("own_registration")

    def finishing_after(self, moment):
        """Finish (end, or start when no end) at or after ``moment``, written so that the
        indexes on start and on end serve it (an end is never before its start).

        Nothing that started more than ``MAX_DURATION`` before ``moment`` can finish after
        it: a bound the start index serves, instead of reading the whole past."""
        return self.filter(Q(start__gte=moment) | Q(end__gte=moment)).filter(
            start__gte=moment - MAX_DURATION
        )

    def upcoming(self, now=None):
        """Not finished yet, soonest first (an event under way is still "upcoming")."""
        now = now or timezone.now()
        return self.with_finish().finishing_after(now).order_by("start", "pk")

    def past(self, now=None):
        now = now or timezone.now()
        finished = Q(start__lt=now) & (Q(end__isnull=True) | Q(end__lt=now))
        return self.with_finish().filter(finished).order_by("-start", "-pk")

    def in_period(self, period):
        start, end = period.datetime_range()
        return self.filter(start__gte=start, start__lt=end)

    def held(self):
        """What figures count: everything not cancelled."""
        return self.exclude(status=Event.Status.CANCELLED)


class Event(TimeStampedModel):
    class Kind(models.TextChoices):
        SEMINAR = "seminar", _("seminar")
        SEMINAR_PRACTICUM = "seminar_practicum", _("seminar-practicum")
        MASTER_CLASS = "master_class", _("master class")
        CONFERENCE = "conference", _("conference")
        WEBINAR = "webinar", _("webinar")
        ROUND_TABLE = "round_table", _("round table")
        FESTIVAL = "festival", _("festival")
        MEETING = "meeting", _("association meeting")
        COURSE = "course", _("course")
        TRAINING = "training", _("training")
        TRIP = "trip", _("study trip")
        OTHER = "other", pgettext_lazy("event kind", "other")

    class Level(models.TextChoices):
        CITY = "city", pgettext_lazy("event level", "city")
        OBLAST = "oblast", pgettext_lazy("event level", "oblast")
        NATIONAL = "national", pgettext_lazy("event level", "national")
        INTERNATIONAL = "international", pgettext_lazy("event level", "international")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        ONLINE = "online", _("online")
        HYBRID = "hybrid", _("hybrid")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("scheduled")
        POSTPONED = "postponed", _("postponed")
        CANCELLED = "cancelled", _("cancelled")

    # Teacher participation in these counts as "seminar forms" of professional development.
    SEMINAR_FORMS = (
        Kind.SEMINAR,
        Kind.SEMINAR_PRACTICUM,
        Kind.MASTER_CLASS,
        Kind.WEBINAR,
        Kind.ROUND_TABLE,
        Kind.TRAINING,
    )

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.CITY)
    format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.IN_PERSON
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED
    )
    status_note = models.CharField(
        _("status note"),
        max_length=300,
        blank=True,
        help_text=_("Why it was postponed or cancelled, and the new date if known."),
    )
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Drafts are visible to staff only.")
    )
    start = models.DateTimeField(_("start"), db_index=True)
    end = models.DateTimeField(_("end"), null=True, blank=True)
    group = models.ForeignKey(
        Group,
        verbose_name=_("association or group"),
        on_delete=models.PROTECT,
        related_name="meetings",
        null=True,
        blank=True,
        help_text=_("Set for a meeting of an association, school or club."),
    )
    venue = models.ForeignKey(
        Institution,
        verbose_name=_("venue"),
        on_delete=models.PROTECT,
        related_name="events_hosted",
        null=True,
        blank=True,
    )
    address = models.CharField(
        _("address"), max_length=300, blank=True, help_text=_("When the venue is not listed.")
    )
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    programme = models.TextField(_("programme"), blank=True)
    subjects = models.ManyToManyField(
        Subject, verbose_name=_("areas"), related_name="events", blank=True
    )
    audience_roles = models.ManyToManyField(
        AudienceRole, verbose_name=_("audience"), related_name="events", blank=True
    )
    audience_institution_kinds = ChoiceListField(
        _("institution kinds addressed"), item_choices=Institution.Kind.choices
    )
    organisers = PeopleField(
        StaffMember, verbose_name=_("organisers"), related_name="events_organised", blank=True
    )
    partners = models.ManyToManyField(
        Institution,
        verbose_name=_("partners"),
        related_name="events_partnered",
        blank=True,
        help_text=_("A university, an institute, a publisher…"),
    )
    pd_hours = models.DecimalField(
        _("professional-development hours"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
    )
    participants_count = models.PositiveIntegerField(
        _("number of participants"), null=True, blank=True
    )
    regions = models.ManyToManyField(
        Region,
        verbose_name=_("participants' regions"),
        related_name="events",
        blank=True,
        help_text=_("The oblasts and cities the participants came from."),
    )
    counted_teacher_participants = models.PositiveIntegerField(
        _("teachers who took part (count only)"),
        null=True,
        blank=True,
        help_text=_("Only when the list of teachers is not known."),
    )
    outcomes = models.TextField(
        _("outcomes"), blank=True, help_text=_("A resolution adopted, an agreement signed…")
    )
    registration_enabled = models.BooleanField(
        _("registration on"),
        default=False,
        help_text=_("Teachers with a linked account register on the event's page."),
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("Empty: no limit. Beyond it, teachers join the waiting list."),
    )
    registration_opens = models.DateTimeField(
        _("registration opens"), null=True, blank=True, help_text=_("Empty: at once.")
    )
    registration_closes = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("Empty: when the event starts."),
    )
    registration_restricted = models.BooleanField(
        _("only for the audience above"),
        default=False,
        help_text=_(
            "Only teachers of the event's areas (any of them) and of its institution kinds "
            "may register; an empty list does not restrict. With audience roles, the teacher "
            "chooses the role they register in."
        ),
    )
    offer_hours = models.PositiveSmallIntegerField(
        _("hours to confirm an offered place"),
        default=24,
        help_text=_("A place freed is offered to the first on the waiting list for this long."),
    )

    history = HistoricalRecords(
        m2m_fields=[
            subjects,
            audience_roles,
            organisers,
            partners,
            regions,
        ]
    )
    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-start", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="event_end_after_start",
                violation_error_message=_("An event cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(offer_hours__gte=1),
                name="event_offer_hours_positive",
                violation_error_message=_("An offer stays open at least an hour."),
            ),
        ]
        indexes = [
            models.Index(fields=["is_published", "start"], name="event_published_start"),
            # upcoming() and the calendar look for events finishing after a moment.
            models.Index(fields=["end"], name="event_end"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            date = timezone.localtime(self.start).date().isoformat() if self.start else ""
            self.slug = unique_slug(self, f"{self.title[:70]} {date}", max_length=100)
        super().save(*args, **kwargs)

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("An event cannot end before it starts.")})
        if self.start and self.end and self.end - self.start > MAX_DURATION:
            raise ValidationError({"end": _("An event cannot last longer than a year.")})
        is_online = self.format in (self.Format.ONLINE, self.Format.HYBRID)
        if is_online and not self.online_url and self.status != self.Status.CANCELLED:
            raise ValidationError({"online_url": _("An online event needs its link.")})
        opens, closes = self.registration_opens, self.registration_closes
        if opens and closes and closes <= opens:
            raise ValidationError(
                {"registration_closes": _("Registration must close after it opens.")}
            )

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    # Shown by every list entry (see choice_label).
    def get_kind_display(self):
        return choice_label(self.Kind, self.kind)

    def get_level_display(self):
        return choice_label(self.Level, self.level)

    def get_format_display(self):
        return choice_label(self.Format, self.format)

    def get_ics_url(self):
        return reverse("events:detail_ics", kwargs={"slug": self.slug})

    @property
    def ends_same_day(self):
        if not self.end:
            return True
        return timezone.localtime(self.end).date() == timezone.localtime(self.start).date()

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def is_postponed(self):
        return self.status == self.Status.POSTPONED

    @property
    def location_text(self):
        """The venue and its address, or the free address, for calendars."""
        parts = [self.venue.name, self.venue.address] if self.venue_id else [self.address]
        return ", ".join(part for part in parts if part)

    @property
    def participants_regions(self):
        """The regions in words ("представники 12 областей та міста Києва"), from the
        annotations of ``with_representatives()`` when there are, else from ``regions``."""
        if hasattr(self, "oblasts_represented"):
            codes = {
                code
                for code, attribute in NAMED_REGION_ATTRIBUTES.items()
                if getattr(self, attribute)
            }
            return representatives_text(self.oblasts_represented, codes)
        return representatives_of(self.regions.all())

    @property
    def teachers_attended(self):
        """How many of the city's teachers attended, as the figures count it: the register
        when a teacher is ticked on it, else the number recorded. Needs
        ``with_attendee_count()``."""
        return self.attendee_count or self.counted_teacher_participants or 0

    @property
    def audience_institution_kind_labels(self):
        field = self._meta.get_field("audience_institution_kinds")
        return field.labels(self.audience_institution_kinds)


class Speaker(models.Model):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="speakers"
    )
    name = models.CharField(_("name"), max_length=200)
    affiliation = models.CharField(
        _("affiliation"),
        max_length=300,
        blank=True,
        help_text=_("Position and organisation, e.g. “textbook author, Academy of Pedagogy”."),
    )
    topic = models.CharField(_("topic"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name
