from events.models.attendance import Attendance, AttendanceQuerySet
from events.models.event import Event, EventQuerySet, Speaker
from events.models.group import AudienceRole, Group, GroupQuerySet
from events.models.material import Material
from events.models.region import Region
from events.models.registration import Registration, RegistrationQuerySet

__all__ = [
    "Attendance",
    "AttendanceQuerySet",
    "AudienceRole",
    "Event",
    "EventQuerySet",
    "Group",
    "GroupQuerySet",
    "Material",
    "Region",
    "Registration",
    "RegistrationQuerySet",
    "Speaker",
]
