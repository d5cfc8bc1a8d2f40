"""iCalendar output: one event ("Add to calendar") or a subscription feed."""

import datetime as dt
import hashlib

from django.utils import timezone
from django.utils.translation import get_language
from icalendar import Calendar, Timezone
from icalendar import Event as CalendarEvent

from imc_portal.page_cache import (
    cached_until_change,
    content_version,
    get_many_versioned,
    set_many_versioned,
)

# Calendars need an end; when none is recorded, the event takes this long.
DEFAULT_DURATION = dt.timedelta(hours=1)
PRODID = "-//IMC portal//Events//UK"
END = b"END:VCALENDAR\r\n"


def build_calendar(events, request, name):
    """The calendar file. Serialising with icalendar is slow, so each event's VEVENT (and
    the envelope with its VTIMEZONE) is kept until a record changes."""
    host = request.get_host().split(":")[0] or "localhost"
    events = list(events)
    head, tail = _envelope(name, with_timezone=bool(events))
    prefix = f"events:vevent:{content_version()}:{get_language()}:{request.scheme}:{host}"
    keys = {f"{prefix}:{event.pk}": event for event in events}
    found = get_many_versioned(list(keys))
    missing = {
        key: calendar_event(event, request, host).to_ical()
        for key, event in keys.items()
        if key not in found
    }
    if missing:
        set_many_versioned(missing)
        found.update(missing)
    return head + b"".join(found[key] for key in keys) + tail


def _envelope(name, with_timezone):
    """The calendar's own lines, split where the events go."""

    def build():
        calendar = Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", timezone.get_current_timezone_name())
        if with_timezone:
            # Europe/Kyiv goes into the file as a VTIMEZONE with its summer-time rules.
            calendar.add_component(Timezone.from_tzid(timezone.get_current_timezone_name()))
        body = calendar.to_ical()
        return body[: -len(END)], END

    digest = hashlib.sha1(str(name).encode(), usedforsecurity=False).hexdigest()
    return cached_until_change(f"events:ics-envelope:{digest}:{with_timezone}", build)


def calendar_event(event, request, host):
    start = timezone.localtime(event.start)
    end = timezone.localtime(event.end) if event.end else start + DEFAULT_DURATION
    item = CalendarEvent()
    item.add("uid", f"event-{event.pk}@{host}")
    item.add("dtstamp", event.updated)
    item.add("last-modified", event.updated)
    item.add("summary", event.title)
    item.add("dtstart", start)
    item.add("dtend", end)
    item.add("url", request.build_absolute_uri(event.get_absolute_url()))
    if location := event.location_text:
        item.add("location", location)
    description = [event.get_kind_display(), event.get_level_display()]
    if event.online_url:
        description.append(event.online_url)
    if event.description:
        description.append(event.description)
    item.add("description", "\n".join(str(part) for part in description))
    if event.is_cancelled:
        item.add("status", "CANCELLED")
    elif event.is_postponed:
        item.add("status", "TENTATIVE")
    else:
        item.add("status", "CONFIRMED")
    return item
