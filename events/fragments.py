"""Rendered pieces of the event lists kept until any record changes: an event's list entry
and the filter form are the same for every visitor, and rendering them is most of a list
page's time (the lists' sections are kept whole too: views.event.render_list). Keys carry
the content version (bumped on every save), so an edit shows at once."""

from events.models import Event
from imc_portal import fragments as shared
from imc_portal.fragments import attach_html, loader


def full_events(events):
    """The events again with every column, their venue, group and areas: for the entries
    not in the cache, when the list fetched only what it pages and keys by."""
    whole = Event.objects.with_finish().select_related("venue", "group")
    return loader(whole.prefetch_related("subjects"))(events)


def attach_item_html(events, level=2):
    """Set ``event.item_html`` on each event; the events not in the cache are fetched whole
    (the lists read only ``LIST_FIELDS``)."""
    return attach_html(
        events, "events/includes/event_item.html", f"events:item:{level}", as_name="event",
        extra={"level": level}, attr="item_html", load=full_events,
    )  # fmt: skip


def rendered_filter_form(request, filterset):
    return shared.rendered_filter_form(
        request, filterset, "events/includes/filter_form.html", "events"
    )
