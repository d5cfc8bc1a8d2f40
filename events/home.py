"""The home page's "next events" section."""

from django.utils.functional import SimpleLazyObject

from events.fragments import attach_item_html
from events.models import Event
from events.views.common import list_time

HOME_EVENTS = 5


def sections(request):
    """The next events, kept rendered for the minute (see ``list_time``) until a record
    changes: read only when the section is rendered."""
    now = list_time()
    events = SimpleLazyObject(
        lambda: attach_item_html(
            Event.objects.published().upcoming(now).for_list()[:HOME_EVENTS], 3
        )
    )
    return [
        {
            "cache": f"events-upcoming:{now.isoformat()}",
            "template": "events/includes/home_upcoming.html",
            "events": events,
        }
    ]
