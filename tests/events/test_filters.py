import datetime as dt

import pytest
from django.utils import timezone

from events.models import Event
from tests.events.factories import AudienceRoleFactory, EventFactory, GroupFactory
from tests.events.pages import listed as titles
from tests.factories import SubjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    maths, history = SubjectFactory(name="Математика"), SubjectFactory(name="Історія")
    deputies = AudienceRoleFactory(name="Заступники директорів")
    group = GroupFactory(name="МО вчителів математики")
    soon = timezone.now() + dt.timedelta(days=2)
    a = EventFactory(title="Алгебра і початки аналізу", start=soon, level=Event.Level.CITY)
    a.subjects.set([maths])
    b = EventFactory(
        title="Історія міста",
        start=soon + dt.timedelta(days=1),
        kind=Event.Kind.WEBINAR,
        format=Event.Format.ONLINE,
        online_url="https://meet.example.org/x",
        level=Event.Level.OBLAST,
        description="Місто, краєзнавство і джерела",
    )
    b.subjects.set([history])
    c = EventFactory(
        title="Геометрія для заступників",
        start=soon + dt.timedelta(days=10),
        level=Event.Level.OBLAST,
        group=group,
        audience_institution_kinds=["preschool"],
    )
    c.subjects.set([maths, history])
    c.audience_roles.set([deputies])
    return {"a": a, "b": b, "c": c, "maths": maths, "history": history, "group": group}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Алгебра і початки аналізу", "Історія міста", "Геометрія для заступників"]),
        ("area=matematyka", ["Алгебра і початки аналізу", "Геометрія для заступників"]),
        ("kind=webinar", ["Історія міста"]),
        ("level=oblast", ["Історія міста", "Геометрія для заступників"]),
        ("format=online", ["Історія міста"]),
        ("audience=role-zastupnyky-dyrektoriv", ["Геометрія для заступників"]),
        ("audience=kind-preschool", ["Геометрія для заступників"]),
        ("audience=kind-school", []),
        ("q=краєзнавство", ["Історія міста"]),
        ("q=Геометрія", ["Геометрія для заступників"]),
    ],
)
def test_upcoming_filter_alone(client, catalogue, query, expected):
    response = client.get(f"/events/?{query}")
    assert titles(response) == expected


def test_upcoming_filter_by_group_and_dates(client, catalogue):
    group_slug = catalogue["group"].slug
    assert titles(client.get(f"/events/?group={group_slug}")) == ["Геометрія для заступників"]
    day = timezone.localtime(catalogue["b"].start).date()
    response = client.get(f"/events/?date_from={day}&date_to={day}")
    assert titles(response) == ["Історія міста"]


def test_upcoming_filters_combined(client, catalogue):
    response = client.get("/events/?area=istoriia&level=oblast&kind=seminar")
    assert titles(response) == ["Геометрія для заступників"]
    response = client.get("/events/?area=istoriia&level=oblast&q=міста")
    assert titles(response) == ["Історія міста"]


def test_upcoming_filter_area_matching_twice_lists_event_once(client, catalogue):
    response = client.get("/events/?area=matematyka&audience=role-zastupnyky-dyrektoriv")
    assert titles(response) == ["Геометрія для заступників"]
    assert "1 захід" in response.content.decode()


def test_upcoming_filters_stay_in_pagination_links(client, catalogue):
    for n in range(21):
        event = EventFactory(title=f"Математика {n:02}")
        event.subjects.set([catalogue["maths"]])
    response = client.get("/events/?area=matematyka")
    body = response.content.decode()
    assert "?area=matematyka&amp;page=2" in body
    second = client.get("/events/?area=matematyka&page=2")
    assert len(titles(second)) == 3


def test_upcoming_empty_result_offers_to_clear_filters(client, catalogue):
    response = client.get("/events/?kind=festival")
    body = response.content.decode()
    assert titles(response) == []
    assert "No events match these filters." in body or "Жоден захід" in body
    assert 'href="/events/"' in body


BAD_FILTERS = [
    "area=no-such-area",
    "kind=party",
    "level=galactic",
    "audience=role-nobody",
    "audience=kind-castle",
    "group=missing",
    "date_from=2024-13-45",
    "date_to=yesterday",
    "date_from=99999-01-01",
    "q=%00",
    "date_from=%002024-01-01",
    "group=a%00b",
    "area=%00matematyka",
    "q=" + "я" * 1000,
    "area=" + "x" * 1000,
]


@pytest.mark.parametrize("query", BAD_FILTERS)
def test_upcoming_bad_filter_value_is_a_400_with_the_error_shown(client, catalogue, query):
    response = client.get(f"/events/?{query}")
    body = response.content.decode()
    assert response.status_code == 400
    assert titles(response) == []
    assert "Деякі фільтри не вдалося прочитати" in body
    assert '<details class="list-filters mb-3" open>' in body
    assert 'class="small text-danger"' in body


def test_bad_filter_error_is_translated(client, catalogue):
    body = client.get("/en/events/?kind=party").content.decode()
    assert "Some filters could not be read" in body
    assert "Select a valid choice" in body


@pytest.mark.parametrize("page", ["0", "abc", "999", "-1", "1" * 1000, "%00", "%C2%B2", "2.5"])
def test_upcoming_bad_page_is_404(client, catalogue, page):
    assert client.get(f"/events/?page={page}").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/events/",
        "/events/archive/",
        "/events/archive/2009/",
        "/events/calendar/",
        "/events/calendar/2030/3/",
        "/events/feed.ics",
        "/events/feed/",
        "/en/events/",
    ],
)
@pytest.mark.parametrize(
    "query",
    [
        "area=%00&kind=%00&level=%00&format=%00&audience=%00&group=%00&q=%00"
        "&date_from=%00&date_to=%00",
        "area=" + "ы" * 1000 + "&group=" + "z" * 1000 + "&audience=role-" + "x" * 1000,
        "date_from=99999-01-01&date_to=0000-00-00",
    ],
)
def test_public_event_pages_answer_bad_query_strings_with_400(client, catalogue, path, query):
    assert client.get(f"{path}?{query}").status_code == 400


def test_feed_with_bad_filters_says_why_in_plain_text(client, catalogue):
    response = client.get("/en/events/feed.ics?kind=party")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "kind: Select a valid choice" in response.content.decode()


@pytest.mark.parametrize("path", ["/groups/", "/events/{slug}/", "/events/{slug}/ics"])
def test_pages_without_filters_ignore_unknown_parameters(client, catalogue, path):
    url = path.format(slug=catalogue["a"].slug)
    response = client.get(f"{url}?x=%00&utm_source=viber")
    assert response.status_code == 200


@pytest.mark.parametrize("slug", ["%00", "a" * 1000, "no-such-event"])
def test_unknown_event_slug_is_404(client, slug):
    assert client.get(f"/events/{slug}/").status_code == 404
    assert client.get(f"/groups/{slug}/").status_code == 404
