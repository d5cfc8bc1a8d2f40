"""The events app's public page types for `manage.py bench` and the accessibility scan,
picked from the database: the biggest year, the busiest area, the longest programme."""

from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone

from events.models import Event, Group
from events.views.common import PAGE_SIZE
from imc_portal.models import Subject

# Pages of one record: the goal for their SQL is 8 queries, for a list 5.
RECORD_PAGES = {
    "events: event (most speakers)",
    "events: event with registration (most registrations)",
    "events: event .ics",
    "events: group (most meetings)",
}


def registration_event():
    """The upcoming event taking registrations that has the most of them."""
    return (
        Event.objects.published()
        .filter(registration_enabled=True, start__gt=timezone.now())
        .annotate(n=Count("registrations"))
        .order_by("-n", "slug")
        .first()
    )


def pages():
    published = Event.objects.published()
    past = published.past()
    years = list(
        past.annotate(year=ExtractYear("start"))
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("-n", "year")
    )
    biggest = years[0] if years else None
    oldest = min((row["year"] for row in years), default=timezone.localdate().year)
    upcoming_pages = max(1, -(-published.upcoming().count() // PAGE_SIZE))
    area = (
        Subject.objects.filter(events__is_published=True)
        .annotate(n=Count("events"))
        .order_by("-n", "slug")
        .first()
    )
    event = (
        published.annotate(n=Count("speakers", distinct=True) + Count("materials", distinct=True))
        .order_by("-n", "slug")
        .first()
    )
    group = Group.objects.published().annotate(n=Count("meetings")).order_by("-n", "slug").first()
    today = timezone.localdate()
    archive = reverse("events:archive")
    result = [
        ("events: upcoming", reverse("events:upcoming")),
        ("events: upcoming, last page", f"{reverse('events:upcoming')}?page={upcoming_pages}"),
        ("events: archive", archive),
        ("events: archive, oldest year", reverse("events:archive_year", args=[oldest])),
        (
            "events: calendar month",
            reverse("events:calendar_month", args=[today.year, today.month]),
        ),
        ("events: feed.ics", reverse("events:feed_ics")),
        ("events: Atom feed", reverse("events:feed_atom")),
        ("events: groups", reverse("events:group_list")),
    ]
    if biggest:
        deep = max(1, -(-biggest["n"] // PAGE_SIZE))
        year_url = reverse("events:archive_year", args=[biggest["year"]])
        result.append(("events: archive, biggest year, last page", f"{year_url}?page={deep}"))
    if area:
        result.append(
            ("events: filtered by area", f"{reverse('events:upcoming')}?area={area.slug}")
        )
    if event:
        result.append(("events: event (most speakers)", event.get_absolute_url()))
        result.append(("events: event .ics", event.get_ics_url()))
    if registering := registration_event():
        result.append(
            ("events: event with registration (most registrations)", registering.get_absolute_url())
        )
    if group:
        result.append(("events: group (most meetings)", group.get_absolute_url()))
    return result
