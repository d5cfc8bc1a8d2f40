import pytest

from tests.events.factories import EventFactory, kyiv

pytestmark = pytest.mark.django_db


def days_with(response, title):
    return [
        cell["date"].isoformat()
        for week in response.context["weeks"]
        for cell in week
        if cell["in_month"] and any(e.title == title for e in cell["events"])
    ]


def test_calendar_month_boundaries_in_kyiv_time(client):
    # 00:30 on 1 March in Kyiv is still February in UTC; 23:30 on 31 March is April in UTC.
    EventFactory(title="Ранок першого", start=kyiv(2030, 3, 1, 0, 30), end=None)
    EventFactory(title="Ніч останнього", start=kyiv(2030, 3, 31, 23, 30), end=None)
    EventFactory(title="Лютневий", start=kyiv(2030, 2, 28, 23, 0), end=None)
    EventFactory(title="Квітневий", start=kyiv(2030, 4, 1, 0, 0), end=None)
    response = client.get("/events/calendar/2030/3/")
    assert days_with(response, "Ранок першого") == ["2030-03-01"]
    assert days_with(response, "Ніч останнього") == ["2030-03-31"]
    assert days_with(response, "Лютневий") == []
    assert days_with(response, "Квітневий") == []
    assert days_with(client.get("/events/calendar/2030/2/"), "Лютневий") == ["2030-02-28"]


def test_calendar_multi_day_event_spans_months(client):
    EventFactory(title="Курси", start=kyiv(2030, 1, 30, 10), end=kyiv(2030, 2, 2, 15))
    assert days_with(client.get("/events/calendar/2030/1/"), "Курси") == [
        "2030-01-30",
        "2030-01-31",
    ]
    assert days_with(client.get("/events/calendar/2030/2/"), "Курси") == [
        "2030-02-01",
        "2030-02-02",
    ]


def test_calendar_on_summer_time_change_day(client):
    # 31 March 2030: clocks go forward at 03:00; an event at 04:00 is on that day.
    EventFactory(title="Після переведення", start=kyiv(2030, 3, 31, 4, 0), end=None)
    response = client.get("/events/calendar/2030/3/")
    assert days_with(response, "Після переведення") == ["2030-03-31"]
    assert "04:00 Після переведення" in response.content.decode()


def test_calendar_is_an_accessible_table_with_month_links(client):
    response = client.get("/events/calendar/2030/12/")
    body = response.content.decode()
    assert "<caption>" in body and 'scope="col"' in body
    assert 'href="/events/calendar/2030/11/"' in body
    assert 'href="/events/calendar/2031/1/"' in body
    assert body.count("<h1") == 1


def test_calendar_keeps_filters_in_month_links(client):
    body = client.get("/events/calendar/2030/12/?kind=webinar").content.decode()
    assert 'href="/events/calendar/2031/1/?kind=webinar"' in body


@pytest.mark.parametrize(
    "url", ["/events/calendar/2030/13/", "/events/calendar/2030/0/", "/events/calendar/0/1/"]
)
def test_calendar_invalid_month_is_404(client, url):
    assert client.get(url).status_code == 404


def test_calendar_default_is_current_month(client):
    response = client.get("/events/calendar/")
    assert response.status_code == 200
    assert response.context["month"].day == 1


def test_calendar_shows_an_edit_and_a_new_event_at_once(client):
    event = EventFactory(title="Перша назва", start=kyiv(2030, 3, 10, 10), end=None)
    assert "Перша назва" in client.get("/events/calendar/2030/3/").content.decode()
    event.title = "Нова назва"
    event.save()
    EventFactory(title="Доданий захід", start=kyiv(2030, 3, 12, 10), end=None)
    html = client.get("/events/calendar/2030/3/").content.decode()
    assert "Нова назва" in html
    assert "Перша назва" not in html
    assert "Доданий захід" in html
