"""The home page's "next events" section."""

from events.fragments import attach_item_html
from events.models import Event
from events.views.common import LIST_FIELDS

HOME_EVENTS = 5


def sections(request):
    events = attach_item_html(
        Event.objects.published().upcoming().only(*LIST_FIELDS)[:HOME_EVENTS], 3
    )
    return [{"template": "events/includes/home_upcoming.html", "events": events}]
