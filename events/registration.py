"""Registering for an event, cancelling, the waiting list and its offers.

Every change locks the event's row (``select_for_update``) inside a transaction and counts
the confirmed places and open offers against the capacity there, so concurrent requests on
PostgreSQL queue on the lock and never confirm more teachers than places. Each function
runs a fixed number of queries whatever the number of registrations (one more save per
place offered). Offers past their deadline are expired lazily by every action on the event
and by the scheduler's ``expire_offers`` job (events/tasks.py).

E-mails are written to the mail queue inside the same transaction as the change they tell
about (imc_portal/mail.py): a rolled-back change sends nothing, a committed one is never
without its message, and the worker delivers it outside the request.
"""

import contextlib
import datetime as dt

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from events.ics import build_calendar
from events.models import Attendance, Event, Registration
from imc_portal.models import Centre

Status = Registration.Status


class RegistrationError(Exception):
    """Why the teacher cannot do what they asked, in words for them."""


def closed_reason(event, now=None):
    """Why registration for ``event`` is not open now, or None when it is."""
    now = now or timezone.now()
    if not event.registration_enabled:
        return _("Registration is not open for this event.")
    if event.status == Event.Status.CANCELLED:
        return _("The event is cancelled.")
    if event.start <= now:
        return _("The event has started: registration is over.")
    if event.registration_opens and now < event.registration_opens:
        opens = timezone.localtime(event.registration_opens).strftime("%d.%m.%Y %H:%M")
        return _("Registration opens on %(date)s.") % {"date": opens}
    if event.registration_closes and now >= event.registration_closes:
        return _("Registration is closed.")
    return None


def ineligible_reason(event, teacher):
    """Why ``teacher`` may not register for ``event`` (its audience restriction), or None."""
    if not event.registration_restricted:
        return None
    subjects = {subject.pk for subject in event.subjects.all()}
    if subjects and not teacher.subjects.filter(pk__in=subjects).exists():
        return _("This event is for teachers of other areas.")
    kinds = event.audience_institution_kinds
    if kinds and (teacher.institution is None or teacher.institution.kind not in kinds):
        return _("This event is for teachers of other kinds of institutions.")
    return None


def roles_to_choose(event):
    """The audience roles a teacher chooses one of to register: those of a restricted event
    (none when it is open to all or names no role). Reads the roles prefetched, if they are."""
    if not event.registration_restricted:
        return []
    return list(event.audience_roles.all())


def places_left(capacity, taken):
    """Free places of ``capacity`` with ``taken`` held (confirmed or offered), or None when
    the event has no limit."""
    if capacity is None:
        return None
    return max(capacity - taken, 0)


def _locked(event):
    return Event.objects.select_for_update().get(pk=event.pk)


def _locked_registration(event, registration):
    """The registration's row, locked (not the joined rows), with what its e-mail needs."""
    rows = event.registrations.select_related("teacher__account__user")
    return rows.select_for_update(of=("self",)).get(pk=registration.pk)


def _email_of(teacher):
    account = getattr(teacher, "account", None)
    if account is not None and account.user.email:
        return account.user.email
    return teacher.email


# The messages that carry the event's calendar file, to add it to the teacher's calendar.
WITH_CALENDAR = {"confirmed", "reminder"}


def _send(kind, registration, base_url):
    """Queue the ``kind`` e-mail (templates/events/email/) to the registered teacher."""
    address = _email_of(registration.teacher)
    if not address:
        return
    event = registration.event
    context = {
        "centre": Centre.current(),
        "registration": registration,
        "event": event,
        "teacher": registration.teacher,
        "event_url": base_url + event.get_absolute_url(),
        "accept_url": base_url + registration.get_accept_url(),
        "me_url": base_url + reverse("accounts:me"),
    }
    subject = render_to_string(f"events/email/{kind}_subject.txt", context)
    body = render_to_string(f"events/email/{kind}_body.txt", context)
    message = EmailMessage(" ".join(subject.split()), body, to=[address])
    if kind in WITH_CALENDAR:
        calendar = build_calendar([event], base_url, event.title)
        message.attach(f"{event.slug}.ics", calendar, "text/calendar")
    message.send()


def _confirm(registration, now, user=None):
    registration.status = Status.CONFIRMED
    registration.position = None
    registration.offer_expires_at = None
    registration.confirmed_at = now
    registration._history_user = user
    registration.save()
    # On the register, not ticked yet: the methodist ticks who came.
    Attendance.objects.get_or_create(
        event_id=registration.event_id,
        teacher_id=registration.teacher_id,
        defaults={"source": Attendance.Source.REGISTERED, "attended": False},
    )


def _off_register(registration):
    Attendance.objects.filter(
        event_id=registration.event_id,
        teacher_id=registration.teacher_id,
        source=Attendance.Source.REGISTERED,
        attended=False,
    ).delete()


def _expire(event, now, user=None):
    """Offers of ``event`` past their deadline end; returns how many."""
    expired = list(event.registrations.filter(status=Status.OFFERED, offer_expires_at__lte=now))
    for registration in expired:
        registration.status = Status.EXPIRED
        registration._history_user = user
        registration.save()
    return len(expired)


def _fill(event, now, base_url, user=None):
    """Offer the free places to the first on the waiting list (the event is locked)."""
    if event.capacity is None:
        free = None
    else:
        free = event.capacity - event.registrations.holding_places().count()
        if free <= 0:
            return []
    waiting = event.registrations.waiting().select_related("teacher__account__user", "event")
    if free is not None:
        waiting = waiting[:free]
    offered = []
    for registration in waiting:
        registration.status = Status.OFFERED
        registration.offered_at = now
        registration.offer_expires_at = now + dt.timedelta(hours=event.offer_hours)
        registration.position = None
        registration._history_user = user
        registration.save()
        _send("offer", registration, base_url)
        offered.append(registration)
    return offered


def refresh(event, base_url=None, user=None):
    """Expire the event's overdue offers and offer the places free now (after a cancellation,
    a higher capacity or the timer). Returns the registrations offered a place."""
    base_url = base_url or settings.SITE_URL
    now = timezone.now()
    with transaction.atomic():
        event = _locked(event)
        _expire(event, now, user)
        if not event.registration_enabled:
            return []
        return _fill(event, now, base_url, user)


def register(event, teacher, base_url, role=None):
    """Register ``teacher`` (in ``role``, one of a restricted event's audience roles, when it
    asks for one: see ``roles_to_choose``): a confirmed place, or the end of the waiting list
    when full."""
    now = timezone.now()
    with transaction.atomic():
        event = _locked(event)
        if _expire(event, now):
            _fill(event, now, base_url)  # the next on the list first
        reason = closed_reason(event, now)
        if reason is None:
            return _register(event, teacher, now, base_url, role)
    # Outside the block, so that the offers expired above stay expired.
    raise RegistrationError(reason)


def _register(event, teacher, now, base_url, role=None):
    """The registration itself, the event locked and open."""
    registration = event.registrations.filter(teacher=teacher).first()
    if registration is not None and registration.status not in Registration.ENDED:
        return registration
    if registration is None:
        registration = Registration(event=event, teacher=teacher)
    registration.event = event
    registration.role = role
    taken = event.registrations.holding_places().count()
    last = event.registrations.filter(status=Status.WAITING).aggregate(n=Max("position"))["n"]
    # Nobody passes the waiting list: a place free while some wait is being offered to them.
    if event.capacity is not None and (taken >= event.capacity or last is not None):
        registration.status = Status.WAITING
        registration.position = (last or 0) + 1
        registration.offered_at = registration.offer_expires_at = None
        registration.save()
    else:
        _confirm(registration, now)
        _send("confirmed", registration, base_url)
    return registration


def cancel(registration, base_url, user=None, tell=True):
    """The teacher gives up their place (or their place on the list), told by e-mail unless
    ``tell`` is false; a freed place is offered to the first on the waiting list."""
    now = timezone.now()
    with transaction.atomic():
        event = _locked(registration.event)
        registration = _locked_registration(event, registration)
        if registration.status in Registration.ENDED:
            return registration
        if event.start <= now:
            raise RegistrationError(
                _("The event has started: the registration cannot be cancelled.")
            )
        held_place = registration.status in Registration.HOLDING_PLACES
        registration.status = Status.CANCELLED
        registration.position = None
        registration.offer_expires_at = None
        registration._history_user = user
        registration.save()
        if held_place:
            _off_register(registration)
        if tell:
            _send("cancelled", registration, base_url)
        _expire(event, now)
        _fill(event, now, base_url)
        return registration


def accept_offer(registration, base_url):
    """The teacher takes the place offered, while the offer is open."""
    now = timezone.now()
    with transaction.atomic():
        event = _locked(registration.event)
        registration = _locked_registration(event, registration)
        if registration.status == Status.CONFIRMED:
            return registration
        if registration.status == Status.OFFERED and registration.offer_expires_at > now:
            _confirm(registration, now)
            _send("confirmed", registration, base_url)
            return registration
        # Too late: the place passes to the next (kept: the error is raised after the block).
        _expire(event, now)
        _fill(event, now, base_url)
    raise RegistrationError(_("This offer is no longer open."))


def move_in(registration, user, base_url):
    """A methodist confirms a registration by hand, beyond the places if need be: the action
    says so, and the capacity is not checked."""
    now = timezone.now()
    with transaction.atomic():
        event = _locked(registration.event)
        registration = _locked_registration(event, registration)
        if registration.status == Status.CONFIRMED:
            return False
        _confirm(registration, now, user)
        _send("confirmed", registration, base_url)
        return True


def move(registration, step, user):
    """Swap a waiting registration with its neighbour on the list (``step`` -1 up, +1 down)."""
    with transaction.atomic():
        event = _locked(registration.event)
        waiting = list(event.registrations.waiting())
        pks = [row.pk for row in waiting]
        if registration.pk not in pks:
            return False
        index = pks.index(registration.pk)
        other = index + step
        if not 0 <= other < len(waiting):
            return False
        # Renumber the list 1…n with the two swapped, saving only the rows that change.
        waiting[index], waiting[other] = waiting[other], waiting[index]
        for number, row in enumerate(waiting, start=1):
            if row.position != number:
                row.position = number
                row._history_user = user
                row.save(update_fields=["position", "updated"])
        return True


def expire_offers(base_url=None):
    """Every event with an overdue offer: expire it and offer the place to the next one.
    Idempotent; returns the number of events seen to."""
    events = Event.objects.filter(
        registrations__status=Status.OFFERED, registrations__offer_expires_at__lte=timezone.now()
    ).distinct()
    count = 0
    for event in events:
        refresh(event, base_url)
        count += 1
    return count


def send_reminders(base_url=None):
    """The day before: every teacher with a confirmed place at an event starting within the
    next 24 hours gets a reminder with the event's calendar file, once. Run by the scheduler
    (events/tasks.py) every quarter of an hour; returns how many were sent."""
    base_url = base_url or settings.SITE_URL
    now = timezone.now()
    due = (
        Registration.objects.filter(
            status=Status.CONFIRMED,
            reminded_at__isnull=True,
            event__start__gt=now,
            event__start__lte=now + dt.timedelta(days=1),
        )
        .exclude(event__status=Event.Status.CANCELLED)
        .select_related("event__venue", "teacher__account__user")
    )
    sent = 0
    for registration in due:
        with transaction.atomic():
            # Claimed row by row, so that two schedulers never remind twice.
            claimed = Registration.objects.filter(
                pk=registration.pk, reminded_at__isnull=True
            ).update(reminded_at=now)
            if claimed:
                _send("reminder", registration, base_url)
                sent += 1
    return sent


def event_cancelled(event, base_url=None):
    """Tell everyone registered (a place, an offer or the waiting list) that ``event`` is
    cancelled. Called when a methodist saves the event as cancelled; returns how many."""
    base_url = base_url or settings.SITE_URL
    told = 0
    with transaction.atomic():
        rows = event.registrations.active().select_related("event", "teacher__account__user")
        for registration in rows:
            _send("event_cancelled", registration, base_url)
            told += 1
    return told


def cancel_upcoming(teacher, base_url=None):
    """Before the teacher's account is deleted: their places, offers and waiting-list places
    for the events not started yet are cancelled, each freed place offered to the waiting
    list. Past registrations stay: the figures count them."""
    base_url = base_url or settings.SITE_URL
    upcoming = teacher.registrations.active().filter(event__start__gt=timezone.now())
    for registration in upcoming.select_related("event"):
        # An event that started meanwhile keeps the registration: it is past now.
        with contextlib.suppress(RegistrationError):
            # Nothing is sent to an address whose owner is deleting it.
            cancel(registration, base_url, tell=False)


def own_section(teacher):
    """The teacher's registrations on their page (/me/): upcoming places, the waiting list
    and open offers, and the past events they were registered for. One query."""
    now = timezone.now()
    rows = (
        Registration.objects.filter(teacher=teacher)
        .exclude(status__in=Registration.ENDED)
        .select_related("event")
        .order_by("event__start", "pk")
    )
    upcoming, past = [], []
    for row in rows:
        if (row.event.end or row.event.start) >= now:
            upcoming.append(row)
        elif row.status == Status.CONFIRMED:
            past.append(row)
    if not upcoming and not past:
        return []
    return [
        {
            "template": "events/includes/me_registrations.html",
            "upcoming_registrations": upcoming,
            "past_registrations": past[::-1],
        }
    ]
