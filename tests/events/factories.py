import datetime as dt

import factory
from django.utils import timezone

from events.models import (
    Attendance,
    AudienceRole,
    Event,
    Group,
    Material,
    Registration,
    Speaker,
)
from tests.factories import InstitutionFactory, TeacherFactory

# Codes of events.models.region: twelve oblasts and the city of Kyiv (UA-30).
TWELVE_OBLASTS_AND_KYIV = [
    "UA-05", "UA-07", "UA-18", "UA-32", "UA-46", "UA-53", "UA-56", "UA-59", "UA-61", "UA-68",
    "UA-71", "UA-74", "UA-30",
]  # fmt: skip


def kyiv(year, month, day, hour=10, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=timezone.get_current_timezone())


class AudienceRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AudienceRole
        django_get_or_create = ["name"]

    name = "Заступники директорів"


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    kind = Group.Kind.ASSOCIATION
    name = factory.Sequence(lambda n: f"Методичне об'єднання {n}")


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Семінар номер {n}")
    kind = Event.Kind.SEMINAR
    level = Event.Level.CITY
    is_published = True
    start = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=3))
    end = factory.LazyAttribute(lambda event: event.start + dt.timedelta(hours=3))
    venue = factory.SubFactory(InstitutionFactory)


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Доповідач {n}")
    affiliation = "автор підручників"


class MaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Material

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Матеріал {n}")
    url = "https://example.org/material"


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    event = factory.SubFactory(EventFactory)
    teacher = factory.SubFactory(TeacherFactory)
    attended = True
    source = Attendance.Source.LIST


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory, registration_enabled=True, capacity=10)
    teacher = factory.SubFactory(TeacherFactory)
    status = Registration.Status.CONFIRMED


def attend(event, teachers):
    """``teachers`` ticked on ``event``'s register, as the old list of participants was."""
    return [AttendanceFactory(event=event, teacher=teacher) for teacher in teachers]
