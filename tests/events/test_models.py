import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from events.models import Event
from tests.events.factories import EventFactory, kyiv

pytestmark = pytest.mark.django_db


def test_event_end_before_start_refused_by_clean_and_database():
    event = EventFactory.build(start=kyiv(2030, 5, 2), end=kyiv(2030, 5, 1), venue=None)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "end" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        event.save()


def test_event_lasting_over_a_year_refused_and_a_long_course_still_upcoming():
    too_long = EventFactory.build(start=kyiv(2030, 1, 1), end=kyiv(2031, 1, 3), venue=None)
    with pytest.raises(ValidationError) as error:
        too_long.full_clean()
    assert error.value.message_dict["end"] == ["Захід не може тривати довше за рік."]
    course = EventFactory(start=kyiv(2030, 1, 1), end=kyiv(2030, 12, 30), venue=None)
    EventFactory(start=kyiv(2029, 1, 1), end=kyiv(2029, 1, 2), venue=None)
    assert list(Event.objects.upcoming(kyiv(2030, 12, 29))) == [course]


def test_online_event_needs_link():
    event = EventFactory.build(format=Event.Format.ONLINE, online_url="", venue=None)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "online_url" in error.value.message_dict


def test_event_slug_is_latin_with_date():
    event = EventFactory(title="Семінар «Урок»", start=kyiv(2030, 5, 2))
    assert event.slug == "seminar-urok-2030-05-02"
    assert EventFactory(title="Семінар «Урок»", start=kyiv(2030, 5, 2)).slug.endswith("-2")


def test_audience_institution_kinds_round_trip_and_exact_match():
    event = EventFactory(audience_institution_kinds=["preschool", "higher"])
    event.refresh_from_db()
    assert event.audience_institution_kinds == ["preschool", "higher"]
    assert list(Event.objects.filter(audience_institution_kinds__contains=",school,")) == []
    with pytest.raises(ValidationError):
        EventFactory.build(audience_institution_kinds=["castle"], venue=None).full_clean(
            exclude=["slug"]
        )


def test_event_history_is_recorded():
    event = EventFactory(title="Було")
    event.title = "Стало"
    event.save()
    assert [h.title for h in event.history.all()] == ["Стало", "Було"]
