from events.views.calendar import calendar_month
from events.views.event import (
    archive,
    event_detail,
    event_ics,
    material_download,
    upcoming,
)
from events.views.feeds import feed_atom, feed_ics
from events.views.groups import group_detail, group_list
from events.views.registration import accept as registration_accept
from events.views.registration import cancel as registration_cancel
from events.views.registration import my_calendar, register

__all__ = [
    "archive",
    "calendar_month",
    "event_detail",
    "event_ics",
    "feed_atom",
    "feed_ics",
    "group_detail",
    "group_list",
    "material_download",
    "my_calendar",
    "register",
    "registration_accept",
    "registration_cancel",
    "upcoming",
]
