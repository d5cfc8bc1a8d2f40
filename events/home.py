"""The home page's "next events" section."""

from events.models import Event

HOME_EVENTS = 5


def upcoming_section(request):
    events = Event.objects.published().upcoming().for_list()[:HOME_EVENTS]
    return [{"template": "events/includes/home_upcoming.html", "events": events}]
