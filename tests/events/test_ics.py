import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from events.models import Event
from tests.events.factories import EventFactory, kyiv
from tests.factories import InstitutionFactory, SubjectFactory

pytestmark = pytest.mark.django_db
KYIV = ZoneInfo("Europe/Kyiv")


def parse(response):
    return Calendar.from_ical(response.content)


def test_event_ics_parses_back_with_times_in_kyiv(client):
    venue = InstitutionFactory(name="Гімназія № 1", address="вул. Соборна, 4")
    # 29 March 2099 is after the switch to summer time (last Sunday of March): UTC+3.
    event = EventFactory(
        title="Семінар «Тест»", start=kyiv(2099, 3, 30, 10), end=kyiv(2099, 3, 30, 13), venue=venue
    )
    response = client.get(event.get_ics_url())
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'
    calendar = parse(response)
    (item,) = calendar.walk("VEVENT")
    assert str(item["summary"]) == "Семінар «Тест»"
    assert item.decoded("dtstart") == dt.datetime(2099, 3, 30, 10, tzinfo=KYIV)
    assert item.decoded("dtend") == dt.datetime(2099, 3, 30, 13, tzinfo=KYIV)
    assert item["dtstart"].params["TZID"] == "Europe/Kyiv"
    assert item.decoded("dtstart").utcoffset() == dt.timedelta(hours=3)
    assert str(item["location"]) == "Гімназія № 1, вул. Соборна, 4"
    assert str(item["status"]) == "CONFIRMED"
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["tzid"]) == "Europe/Kyiv"


def test_event_ics_winter_time_and_default_end(client):
    event = EventFactory(start=kyiv(2099, 1, 15, 9, 30), end=None, venue=None, address="Парк")
    (item,) = parse(client.get(event.get_ics_url())).walk("VEVENT")
    assert item.decoded("dtstart").utcoffset() == dt.timedelta(hours=2)
    assert item.decoded("dtend") == dt.datetime(2099, 1, 15, 10, 30, tzinfo=KYIV)
    assert str(item["location"]) == "Парк"


def test_event_ics_across_summer_time_change(client):
    # Sat 25 Oct 2098 18:00 (UTC+3) to Sun 26 Oct 10:00 (UTC+2): the clocks go back between.
    event = EventFactory(start=kyiv(2098, 10, 25, 18), end=kyiv(2098, 10, 26, 10))
    (item,) = parse(client.get(event.get_ics_url())).walk("VEVENT")
    start, end = item.decoded("dtstart"), item.decoded("dtend")
    assert start.utcoffset() == dt.timedelta(hours=3)
    assert end.utcoffset() == dt.timedelta(hours=2)
    # Wall-clock 16 hours apart, really 17.
    assert end.astimezone(dt.UTC) - start.astimezone(dt.UTC) == dt.timedelta(hours=17)


def test_cancelled_event_is_cancelled_in_ics(client):
    event = EventFactory(status=Event.Status.CANCELLED)
    (item,) = parse(client.get(event.get_ics_url())).walk("VEVENT")
    assert str(item["status"]) == "CANCELLED"


def test_feed_ics_filters_by_area(client):
    maths = SubjectFactory(name="Математика")
    a = EventFactory(title="Для математиків")
    a.subjects.set([maths])
    EventFactory(title="Для всіх")
    EventFactory(title="Давнє", start=kyiv(2009, 4, 23))
    all_titles = sorted(
        str(e["summary"]) for e in parse(client.get("/events/feed.ics")).walk("VEVENT")
    )
    assert all_titles == ["Для всіх", "Для математиків"]
    maths_only = parse(client.get("/events/feed.ics?area=matematyka")).walk("VEVENT")
    assert [str(e["summary"]) for e in maths_only] == ["Для математиків"]


def test_atom_feed_lists_published_events_with_status(client):
    EventFactory(title="Скасований семінар", status=Event.Status.CANCELLED)
    EventFactory(title="Прихований", is_published=False)
    response = client.get("/events/feed/")
    body = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "Скасований семінар" in body
    assert "Прихований" not in body


@pytest.mark.parametrize("url", ["/events/feed/", "/events/feed.ics"])
def test_feeds_show_edits_and_new_events_at_once(client, url):
    event = EventFactory(title="Перший семінар")
    assert "Перший семінар" in client.get(url).content.decode()
    event.title = "Перейменований семінар"
    event.save()
    EventFactory(title="Новий семінар")
    body = client.get(url).content.decode()
    assert "Перейменований семінар" in body and "Новий семінар" in body
    assert "Перший семінар" not in body


def test_atom_feed_is_kept_per_filter(client):
    maths = SubjectFactory(name="Математика")
    EventFactory(title="Для математиків").subjects.set([maths])
    EventFactory(title="Для всіх")
    assert "Для всіх" in client.get("/events/feed/").content.decode()
    body = client.get("/events/feed/?area=matematyka").content.decode()
    assert "Для математиків" in body and "Для всіх" not in body
