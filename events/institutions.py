"""An institution's public page: the published events held there, the coming ones (soonest
first) and the latest past ones, read in one query with how many there are of each."""

from django.db.models import BooleanField, Case, Count, DateTimeField, F, Q, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from events.models import Event
from imc_portal.institutions import SECTION_ROWS


def events_held_at(institution, now=None):
    """(upcoming, past): at most SECTION_ROWS of each, each event with ``total``, the
    number of its kind (upcoming or past)."""
    now = now or timezone.now()
    upcoming = Q(start__gte=now) | Q(end__gte=now)  # not over yet, as Event.upcoming()
    is_upcoming = Case(
        When(upcoming, then=Value(True)), default=Value(False), output_field=BooleanField()
    )
    # The coming events by their start, soonest first; the past ones (no such start, so all
    # equal) by their start, the latest first.
    upcoming_start = Case(When(upcoming, then=F("start")), output_field=DateTimeField())
    events = (
        Event.objects.published()
        .filter(venue=institution)
        .annotate(is_upcoming=is_upcoming)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("is_upcoming"),
                order_by=[upcoming_start.asc(), F("start").desc()],
            ),
            total=Window(Count("pk"), partition_by=F("is_upcoming")),
        )
        .filter(rank__lte=SECTION_ROWS)
        .only("title", "slug", "kind", "status", "is_published", "start", "end")
        .order_by("-is_upcoming", "rank")
    )
    found = {True: [], False: []}
    for event in events:
        found[event.is_upcoming].append(event)
    return found[True], found[False]


def sections(institution):
    upcoming, past = events_held_at(institution)
    if not upcoming and not past:
        return []
    return [
        {
            "template": "events/includes/institution_events.html",
            "upcoming": upcoming,
            "upcoming_more": upcoming[0].total - len(upcoming) if upcoming else 0,
            "past": past,
            "past_more": past[0].total - len(past) if past else 0,
        }
    ]
