"""The home page's "next events" section."""

from events.fragments import attach_item_html
from events.models import Event

HOME_EVENTS = 5


def sections(request):
    events = attach_item_html(
        Event.objects.published().upcoming().select_related("venue", "group")[:HOME_EVENTS], 3
    )
    return [{"template": "events/includes/home_upcoming.html", "events": events}]
