"""Rendered pieces of the event lists kept until any record changes: an event's list entry
and the filter form are the same for every visitor, and rendering them is most of a list
page's time (the lists' sections are kept whole too: views.event.render_list). Keys carry
the content version (bumped on every save), so an edit shows at once."""

from django.db.models import prefetch_related_objects

from imc_portal import fragments as shared
from imc_portal.fragments import attach_html


def fetch_areas(events):
    """``prepare=`` for the entries not in the cache: the lists read their events with
    ``EventQuerySet.for_list``, so only the areas are missing (one query for the page)."""
    prefetch_related_objects(events, "subjects")


def attach_item_html(events, level=2):
    """Set ``event.item_html`` on each event (read with ``for_list``)."""
    return attach_html(
        events, "events/includes/event_item.html", f"events:item:{level}", as_name="event",
        extra={"level": level}, attr="item_html", prepare=fetch_areas,
    )  # fmt: skip


def rendered_filter_form(request, filterset):
    return shared.rendered_filter_form(
        request, filterset, "events/includes/filter_form.html", "events"
    )
