"""Rendered pieces of the event lists kept until any record changes: an event's list entry
and the filter form are the same for every visitor, and rendering them is most of a list
page's time. Keys carry the content version (bumped on every save), so an edit shows at once."""

import hashlib

from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.utils.translation import get_language

from imc_portal.page_cache import content_version

TIMEOUT = 3600


def attach_item_html(events, level=2):
    """Set ``event.item_html`` on each event: cached entries in one round trip, the missing
    ones rendered (their areas fetched in one query) and stored."""
    prefix = f"events:item:{content_version()}:{get_language()}:{level}"
    keys = {f"{prefix}:{event.pk}": event for event in events}
    found = cache.get_many(list(keys))
    missing = [event for key, event in keys.items() if key not in found]
    if missing:
        prefetch_related_objects(missing, "subjects")
        rendered = {
            f"{prefix}:{event.pk}": render_to_string(
                "events/includes/event_item.html", {"event": event, "level": level}
            )
            for event in missing
        }
        cache.set_many(rendered, TIMEOUT)
        found.update(rendered)
    for key, event in keys.items():
        event.item_html = found[key]
    return events


def filter_form_key(filterset, path):
    """A cache key for the rendered filter form, or "" when it shows errors (not kept)."""
    if filterset.form.errors:
        return ""
    data = filterset.form.data
    values = [(name, data.getlist(name)) for name in filterset.form.fields]
    digest = hashlib.sha1(repr((path, values)).encode(), usedforsecurity=False).hexdigest()
    return f"events:form:{content_version()}:{get_language()}:{digest}"


def rendered_filter_form(request, filterset):
    def render():
        return render_to_string(
            "events/includes/filter_form.html", {"filter": filterset, "request": request}
        )

    key = filter_form_key(filterset, request.path)
    if not key:
        return render()
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, TIMEOUT)
    return html
