"""Subscriptions: an iCalendar feed and an Atom feed, filtered like the list."""

import datetime as dt

from django.contrib.syndication.views import Feed
from django.http import HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.filters import EventFilter
from events.ics import build_calendar, site_url
from events.models import Event
from imc_portal.page_cache import public_page

# "Upcoming and recent": a subscriber still sees last month's events and their changes.
# Bounded so a calendar app's poll costs the same in a busy year.
RECENT = dt.timedelta(days=30)
FEED_LIMIT = 100
FEED_QUERY = list(EventFilter.base_filters)


def feed_filter(request):
    events = (
        Event.objects.published()
        .finishing_after(timezone.now() - RECENT)
        .select_related("venue")
        .order_by("start", "pk")
    )
    return EventFilter(request.GET, queryset=events)


def bad_filters(filterset):
    errors = "; ".join(
        f"{name}: {' '.join(messages)}" for name, messages in filterset.errors.items()
    )
    return HttpResponseBadRequest(
        _("The feed's filters could not be read (%(errors)s).") % {"errors": errors},
        content_type="text/plain; charset=utf-8",
    )


@public_page(query=FEED_QUERY, changes_with_time=True)
def feed_ics(request):
    filterset = feed_filter(request)
    if filterset.errors:
        return bad_filters(filterset)
    body = build_calendar(
        filterset.qs[:FEED_LIMIT], site_url(request), _("Methodical centre events")
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="events.ics"'
    return response


class EventAtomFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("Methodical centre events")
    subtitle = gettext_lazy("Seminars, conferences, association meetings and courses.")

    def get_object(self, request, filterset):
        return filterset

    def link(self):
        return reverse("events:upcoming")

    def items(self, filterset):
        return filterset.qs[:FEED_LIMIT]

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


atom_feed = EventAtomFeed()


@public_page(query=FEED_QUERY, changes_with_time=True)
def feed_atom(request):
    filterset = feed_filter(request)
    if filterset.errors:
        return bad_filters(filterset)
    return atom_feed(request, filterset=filterset)
