import datetime as dt
import re

import pytest
from django.utils import timezone

from events.models import Event, Region
from tests.events.factories import (
    TWELVE_OBLASTS_AND_KYIV,
    AudienceRoleFactory,
    EventFactory,
    GroupFactory,
    MaterialFactory,
    SpeakerFactory,
    kyiv,
)
from tests.events.pages import listed
from tests.factories import CentreFactory, InstitutionFactory, StaffMemberFactory, SubjectFactory

pytestmark = pytest.mark.django_db


def test_upcoming_lists_soonest_first_without_past_events(client):
    now = timezone.now()
    EventFactory(title="Пізніше", start=now + dt.timedelta(days=9))
    EventFactory(title="Раніше", start=now + dt.timedelta(days=1))
    EventFactory(title="Минуле", start=now - dt.timedelta(days=3))
    response = client.get("/events/")
    assert listed(response) == ["Раніше", "Пізніше"]


def test_upcoming_shows_ukrainian_date(client):
    EventFactory(title="Семінар", start=kyiv(2099, 3, 5, 10, 30), end=None)
    body = client.get("/events/").content.decode()
    assert "5 березня 2099, 10:30" in body


def test_draft_event_hidden_from_public(client):
    draft = EventFactory(title="Чернетка семінару", is_published=False)
    assert listed(client.get("/events/")) == []
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(draft.get_ics_url()).status_code == 404
    assert b"BEGIN:VEVENT" not in client.get("/events/feed.ics").content


def test_draft_event_shown_to_staff_marked_as_draft(methodist_client, director_client):
    draft = EventFactory(title="Чернетка семінару", is_published=False)
    for staff_client in (methodist_client, director_client):
        assert listed(staff_client.get("/events/")) == ["Чернетка семінару"]
        body = staff_client.get(draft.get_absolute_url()).content.decode()
        assert "Чернетка семінару" in body
        assert "badge text-bg-secondary" in body


def test_staff_without_view_permission_does_not_see_drafts(client, django_user_model):
    EventFactory(title="Чернетка", is_published=False)
    user = django_user_model.objects.create_user("clerk", password="x", is_staff=True)
    client.force_login(user)
    assert listed(client.get("/events/")) == []


def test_cancelled_and_postponed_events_are_marked(client):
    cancelled = EventFactory(title="Скасований тренінг", status=Event.Status.CANCELLED)
    EventFactory(
        title="Перенесений круглий стіл",
        status=Event.Status.POSTPONED,
        status_note="Нову дату буде оголошено.",
    )
    body = client.get("/events/").content.decode()
    assert body.count("badge text-bg-danger") == 1
    assert body.count("badge text-bg-warning") == 1
    detail = client.get(cancelled.get_absolute_url()).content.decode()
    assert "alert-danger" in detail


def test_event_detail_shows_everything(client):
    maths = SubjectFactory(name="Інформатика")
    venue = InstitutionFactory(name="Ліцей № 2", address="вул. Соборна, 5")
    partner = InstitutionFactory(name="Академія педагогічних наук України")
    organiser = StaffMemberFactory(surname="Єрмоленко", first_name="Андрій", patronymic="")
    event = EventFactory(
        title="Навчальний семінар для вчителів інформатики",
        start=timezone.now() - dt.timedelta(days=30),
        venue=venue,
        level=Event.Level.OBLAST,
        pd_hours=6,
        participants_count=64,
        outcomes="Ухвалено резолюцію.",
        audience_institution_kinds=["school"],
    )
    event.subjects.set([maths])
    event.partners.set([partner])
    event.organisers.set([organiser])
    event.audience_roles.set([AudienceRoleFactory(name="Вчителі інформатики")])
    event.regions.set(Region.objects.filter(code__in=TWELVE_OBLASTS_AND_KYIV))
    SpeakerFactory(event=event, name="Завадський І. О.", affiliation="автор підручників")
    MaterialFactory(event=event, title="Програма семінару", url="https://example.org/p.pdf")
    body = client.get(event.get_absolute_url()).content.decode()
    for text in [
        f'<a href="{venue.get_absolute_url()}">Ліцей № 2</a>, вул. Соборна, 5',
        "Академія педагогічних наук України",
        "Єрмоленко Андрій",
        "Завадський І. О.</strong>, автор підручників",
        "Програма семінару",
        "64 учасники: представники 12 областей та міста Києва",
        "Ухвалено резолюцію.",
        "Вчителі інформатики",
        "Інформатика",
        event.get_ics_url(),
    ]:
        assert text in body, text
    assert body.count("<h1") == 1


def test_archive_lists_past_events_by_year(client):
    EventFactory(title="Конференція 2009", start=kyiv(2009, 4, 23))
    EventFactory(title="Фестиваль 2010", start=kyiv(2010, 11, 19))
    EventFactory(title="Майбутній", start=timezone.now() + dt.timedelta(days=2))
    assert listed(client.get("/events/archive/")) == ["Фестиваль 2010", "Конференція 2009"]
    response = client.get("/events/archive/2009/")
    assert listed(response) == ["Конференція 2009"]
    assert listed(client.get("/events/archive/2009/?kind=festival")) == []


def test_archive_links_every_year_since_the_centre_was_founded(client):
    this_year = timezone.localdate().year
    body = client.get("/events/archive/?kind=seminar").content.decode()
    years = [int(y) for y in re.findall(r'href="/events/archive/(\d{4})/\?kind=seminar"', body)]
    assert years == list(range(this_year, this_year - 10, -1))  # no record: ten years
    CentreFactory(founded_year=2004)
    body = client.get("/events/archive/2009/").content.decode()
    years = [int(y) for y in re.findall(r'href="/events/archive/(\d{4})/"', body)]
    assert years == [y for y in range(this_year, 2003, -1) if y != 2009]
    assert '<strong aria-current="page">2009</strong>' in body


@pytest.mark.parametrize("url", ["/events/archive/0/", "/events/archive/99999/"])
def test_archive_year_out_of_range_is_404(client, url):
    assert client.get(url).status_code == 404


def test_home_shows_next_events(client):
    EventFactory(title="Найближчий семінар")
    EventFactory(title="Прихована чернетка", is_published=False)
    body = client.get("/").content.decode()
    assert "Найближчий семінар" in body
    assert "Прихована чернетка" not in body


def test_search_finds_published_events_and_groups(client):
    EventFactory(title="Семінар з геометрії")
    EventFactory(title="Чернетка з геометрії", is_published=False)
    GroupFactory(name="Творча група з геометрії")
    body = client.get("/search/?q=геометрії").content.decode()
    assert "Семінар з геометрії" in body
    assert "Творча група з геометрії" in body
    assert "Чернетка з геометрії" not in body


def _events(count, **kwargs):
    subject = SubjectFactory(name="Математика")
    events = []
    for n in range(count):
        event = EventFactory(group=GroupFactory(), **kwargs)
        event.subjects.set([subject, SubjectFactory(name=f"Предмет {n}")])
        events.append(event)
    return events


@pytest.mark.parametrize("count", [1, 3])
def test_upcoming_query_count_does_not_grow(client, django_assert_num_queries, count):
    _events(count)
    # the centre, the filters' choices, the number of events, the page, the entries' areas
    with django_assert_num_queries(5):
        response = client.get("/events/?area=matematyka")
    assert len(listed(response)) == count


@pytest.mark.parametrize("count", [1, 3])
def test_archive_year_query_count_does_not_grow(client, django_assert_num_queries, count):
    _events(count, start=kyiv(2009, 5, 5))
    # the centre, the filters' choices, the years with their events counted (the list's
    # total), the page, the entries' areas
    with django_assert_num_queries(5):
        response = client.get("/events/archive/2009/")
    assert len(listed(response)) == count


@pytest.mark.parametrize("count", [1, 3])
def test_calendar_query_count_does_not_grow(client, django_assert_num_queries, count):
    _events(count, start=kyiv(2030, 5, 5))
    # the centre, the filters' choices, the month's events
    with django_assert_num_queries(3):
        response = client.get("/events/calendar/2030/5/")
    assert response.context["has_events"]
    assert len(re.findall(r'<li><a href="/events/[^"/]+/">', response.content.decode())) == count


@pytest.mark.parametrize("count", [1, 3])
def test_event_detail_query_count_does_not_grow(client, django_assert_num_queries, count):
    event = EventFactory()
    for n in range(count):
        SpeakerFactory(event=event)
        MaterialFactory(event=event)
        event.partners.add(InstitutionFactory())
        event.organisers.add(StaffMemberFactory())
        event.subjects.add(SubjectFactory(name=f"Предмет {n}"))
        event.regions.add(Region.objects.filter(kind="oblast")[n])
    # the centre, the event (with its regions in words), its six kinds of related rows
    with django_assert_num_queries(8):
        html = client.get(event.get_absolute_url()).content.decode()
    assert html.count("<li><strong>") == count  # speakers
    assert html.count(">Матеріал ") == count


@pytest.mark.parametrize("count", [1, 3])
def test_feeds_query_count_does_not_grow(client, django_assert_num_queries, count):
    _events(count)
    # each feed: the filters' choices, the events
    with django_assert_num_queries(2):
        ics = client.get("/events/feed.ics")
    assert ics.content.decode().count("BEGIN:VEVENT") == count
    with django_assert_num_queries(2):
        response = client.get("/events/feed/")
    assert response.content.decode().count("<entry>") == count


@pytest.mark.parametrize("count", [1, 3])
def test_home_query_count_does_not_grow(client, django_assert_num_queries, count):
    _events(count)
    # the centre, the next events and their areas, the contests' latest results (no
    # olympiad year, no winners: 2) and the latest news
    with django_assert_num_queries(6):
        response = client.get("/")
    assert response.content.decode().count("event-item") == count


@pytest.mark.parametrize("count", [1, 3])
def test_event_ics_query_count_does_not_grow(client, django_assert_num_queries, count):
    event = EventFactory()
    for _ in range(count):
        SpeakerFactory(event=event)
    with django_assert_num_queries(1):
        response = client.get(f"{event.get_absolute_url()}ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert event.title in response.content.decode()


def test_event_page_shows_its_results_once_over(client, monkeypatch):
    start = timezone.now() + dt.timedelta(hours=1)
    event = EventFactory(start=start, end=start + dt.timedelta(hours=2), participants_count=37)
    assert "37 учасників" not in client.get(event.get_absolute_url()).content.decode()
    later = start + dt.timedelta(hours=3)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "37 учасників" in client.get(event.get_absolute_url()).content.decode()


def test_numbered_pages_show_the_whole_lists_total(client):
    soon = timezone.now() + dt.timedelta(days=1)
    for n in range(45):
        EventFactory(title=f"Захід {n:02}", start=soon + dt.timedelta(hours=n))
    first, third = client.get("/events/"), client.get("/events/?page=3")
    assert listed(first) == [f"Захід {n:02}" for n in range(20)]
    assert listed(third) == [f"Захід {n:02}" for n in range(40, 45)]
    for response in (first, third):  # the total, not the rows on the page
        assert "45 заходів" in response.content.decode()
    assert 'href="?page=2"' in third.content.decode()
    for page in ("4", "0", "abc", "2.5", "9" * 30, "%00"):
        assert client.get(f"/events/?page={page}").status_code == 404, page


def test_an_empty_list_is_a_page_not_a_404(client):
    response = client.get("/events/?page=1")
    assert response.status_code == 200
    assert listed(response) == []
