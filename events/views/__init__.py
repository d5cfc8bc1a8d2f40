from events.views.calendar import calendar_month
from events.views.event import (
    archive,
    archive_year,
    event_detail,
    event_ics,
    material_download,
    upcoming,
)
from events.views.feeds import feed_atom, feed_ics
from events.views.groups import group_detail, group_list

__all__ = [
    "archive",
    "archive_year",
    "calendar_month",
    "event_detail",
    "event_ics",
    "feed_atom",
    "feed_ics",
    "group_detail",
    "group_list",
    "material_download",
    "upcoming",
]
