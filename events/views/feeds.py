"""Subscriptions: an iCalendar feed and an Atom feed, filtered like the list."""

import datetime as dt
import hashlib

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from events.filters import filtered_events
from events.ics import build_calendar
from events.models import Event
from imc_portal.page_cache import cached_until_change

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


def _kept_per_list(request, name, build):
    """``build()`` kept per content version, address and the events the feed lists: while
    no record changes, a poll costs one query (the events' keys)."""
    pks = list(feed_events(request).values_list("pk", flat=True))
    key = hashlib.sha1(
        repr((pks, request.build_absolute_uri(), get_language())).encode(),
        usedforsecurity=False,
    ).hexdigest()
    return cached_until_change(f"events:{name}:{key}", build)


def feed_ics(request):
    body = _kept_per_list(
        request,
        "ics",
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
    def build():
        response = EventAtomFeed()(request)
        return response.content, response["Content-Type"], response.get("Last-Modified")

    content, content_type, last_modified = _kept_per_list(request, "atom", build)
    response = HttpResponse(content, content_type=content_type)
    if last_modified:
        response["Last-Modified"] = last_modified
    return response
