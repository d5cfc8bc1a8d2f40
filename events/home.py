"""The home page's "next events" section."""

from events.models import Event

HOME_EVENTS = 5


def sections(request):
    events = (
        Event.objects.published()
        .upcoming()
        .select_related("venue", "group")
        .prefetch_related("subjects")[:HOME_EVENTS]
    )
    return [{"template": "events/includes/home_upcoming.html", "events": events}]
