"""Rendered pieces of the event lists kept until any record changes: an event's list entry
and the filter form are the same for every visitor, and rendering them is most of a list
page's time. Keys carry the content version (bumped on every save), so an edit shows at once."""

import hashlib

from django.template.loader import render_to_string

from events.filters import Unfiltered
from events.models import Event
from imc_portal.fragments import attach_html, cached_html


def full_events(events):
    """The events again with every column, their venue, group and areas: for the entries
    not in the cache, when the list fetched only what it pages and keys by."""
    events = list(events)
    found = (
        Event.objects.with_finish()
        .select_related("venue", "group")
        .prefetch_related("subjects")
        .in_bulk([event.pk for event in events])
    )
    return [found[event.pk] for event in events]


def attach_item_html(events, level=2):
    """Set ``event.item_html`` on each event; the events not in the cache are fetched whole
    (the lists read only ``LIST_FIELDS``)."""
    return attach_html(
        events, "events/includes/event_item.html", f"events:item:{level}", as_name="event",
        extra={"level": level}, attr="item_html", load=full_events,
    )  # fmt: skip


def filter_form_key(filterset, path):
    """A cache key for the rendered filter form, or "" when it shows errors (not kept)."""
    if isinstance(filterset, Unfiltered):
        values = []  # the empty form: no need to build it to know its key
    elif filterset.form.errors:
        return ""
    else:
        data = filterset.form.data
        values = [(name, data.getlist(name)) for name in filterset.form.fields]
    digest = hashlib.sha1(repr((path, values)).encode(), usedforsecurity=False).hexdigest()
    return f"events:form:{digest}"


def rendered_filter_form(request, filterset):
    def render():
        return render_to_string(
            "events/includes/filter_form.html", {"filter": filterset, "request": request}
        )

    key = filter_form_key(filterset, request.path)
    return cached_html(key, render) if key else render()
