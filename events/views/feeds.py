"""Subscriptions: an iCalendar feed and an Atom feed, filtered like the list."""

import datetime as dt

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.filters import filtered_events
from events.ics import build_calendar
from events.models import Event
from imc_portal import feeds

# "Upcoming and recent": a subscriber still sees last month's events and their changes.
# Bounded so a calendar app's poll costs the same in a busy year.
RECENT = dt.timedelta(days=30)
FEED_LIMIT = 100


def feed_events(request):
    since = timezone.now() - RECENT
    events = (
        Event.objects.published()
        .finishing_after(since)
        .select_related("venue")
        .order_by("start", "pk")
    )
    return filtered_events(request, events).qs[:FEED_LIMIT]


def listed(request):
    """The keys of the events the feed lists: while no record changes, a poll costs this
    one query."""
    return list(feed_events(request).values_list("pk", flat=True))


def feed_ics(request):
    body = feeds.kept(
        request,
        "events:ics",
        listed(request),
        lambda: build_calendar(feed_events(request), request, _("Methodical centre events")),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="events.ics"'
    return response


class EventAtomFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("Methodical centre events")
    subtitle = gettext_lazy("Seminars, conferences, association meetings and courses.")

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return None

    def link(self):
        return reverse("events:upcoming")

    def items(self):
        return feed_events(self.request)

    def item_title(self, item):
        status = ""
        if item.is_cancelled:
            status = _("Cancelled") + ": "
        elif item.is_postponed:
            status = _("Postponed") + ": "
        return f"{status}{item.title}"

    def item_description(self, item):
        when = timezone.localtime(item.start).strftime("%d.%m.%Y %H:%M")
        parts = [when, str(item.get_kind_display()), item.location_text, item.description]
        return "\n".join(part for part in parts if part)

    def item_pubdate(self, item):
        return item.created

    def item_updateddate(self, item):
        return item.updated


def feed_atom(request):
    return feeds.kept_feed(request, "events:atom", listed(request), EventAtomFeed())
