"""Pages at scale: the paged archive and groups, the filter choices, the load data and the
benchmark's page list."""

import datetime as dt
import io
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.load_data import core as core_load_data
from bench.load_data import events as load_data
from bench.pages import events as bench
from bench.pages import teacher as teacher_bench
from events.models import Attendance, Event, Group, Material, Registration, Speaker
from tests.events.factories import EventFactory, GroupFactory
from tests.events.pages import listed as titles
from tests.factories import SubjectFactory, TeacherFactory

pytestmark = pytest.mark.django_db


def past_events(count):
    now = timezone.now()
    return [
        EventFactory(title=f"Минулий {n:03}", start=now - dt.timedelta(days=n + 1))
        for n in range(count)
    ]


def test_archive_pages_newest_first_with_the_total(client):
    past_events(45)
    first = client.get("/events/archive/")
    assert titles(first) == [f"Минулий {n:03}" for n in range(20)]
    assert "45 заходів" in first.content.decode()
    third = client.get("/events/archive/?page=3")
    assert titles(third) == [f"Минулий {n:03}" for n in range(40, 45)]
    body = third.content.decode()
    assert 'rel="prev" href="?page=2"' in body and 'rel="next"' not in body
    assert "Сторінка 3 з 3" in body
    assert client.get("/events/archive/?page=4").status_code == 404


def test_archive_keeps_filters_in_page_links(client):
    maths = SubjectFactory(name="Математика")
    for event in past_events(25):
        event.subjects.add(maths)
    body = client.get("/events/archive/?area=matematyka").content.decode()
    assert 'href="?area=matematyka&amp;page=2"' in body


@pytest.mark.parametrize("count", [1, 3])
def test_archive_deep_page_costs_fixed_queries(client, django_assert_num_queries, count):
    events = past_events(20 + count)
    # the centre, the filters' choices, the years with their events counted, the page, the
    # entries' areas
    with django_assert_num_queries(5):
        response = client.get("/events/archive/?page=2")
    assert titles(response) == [event.title for event in events[20:]]


def test_group_list_is_paged(client, django_assert_num_queries):
    for n in range(61):
        GroupFactory(name=f"Група {n:03}", order=n)
    # the centre; the number of groups, the page of them with their members counted
    with django_assert_num_queries(3):
        first = client.get("/groups/")
    names = [g.name for g in first.context["page_obj"]]
    assert names == [f"Група {n:03}" for n in range(60)]
    assert 'href="?page=2"' in first.content.decode()
    second = client.get("/groups/?page=2")
    assert [g.name for g in second.context["page_obj"]] == ["Група 060"]
    assert "Сторінка 2 з 2" in second.content.decode()
    for page in ("3", "0", "x", "9" * 40, "%00"):
        assert client.get(f"/groups/?page={page}").status_code == 404


def test_group_filter_becomes_hidden_with_many_groups(client):
    groups = [GroupFactory(name=f"МО {n:02}") for n in range(51)]
    EventFactory(title="Засідання МО 07", group=groups[7])
    EventFactory(title="Інша подія")
    response = client.get(f"/events/?group={groups[7].slug}")
    body = response.content.decode()
    assert titles(response) == ["Засідання МО 07"]
    assert f'type="hidden" name="group" value="{groups[7].slug}"' in body
    assert '<select name="group"' not in body
    assert "<strong>МО 07</strong>" in body


def test_group_filter_is_a_select_with_few_groups(client):
    GroupFactory(name="МО математиків")
    body = client.get("/events/").content.decode()
    assert '<select name="group"' in body
    assert "МО математиків" in body


def test_filter_choices_follow_a_new_area_at_once(client):
    client.get("/events/")
    SubjectFactory(name="Астрономія")
    assert "Астрономія" in client.get("/events/").content.decode()


@pytest.fixture
def small_load(monkeypatch):
    monkeypatch.setattr(load_data, "EVENTS", 60)
    monkeypatch.setattr(load_data, "GROUPS", 8)
    monkeypatch.setattr(load_data, "PLACES", 5)
    monkeypatch.setattr(load_data, "WAITING", 10)
    SubjectFactory(name="Математика")
    SubjectFactory(name="Історія")
    teachers = [TeacherFactory(slug=f"load-teacher-{n + 1}") for n in range(60)]
    core_load_data.bench_teacher_account(teachers[0])


def generate():
    out = io.StringIO()
    load_data.generate(random.Random("1:events.load_data"), range(2017, 2027), out)
    return out.getvalue()


def snapshot():
    return sorted(Event.objects.values_list("slug", "title", "start", "kind", "group__slug"))


def test_load_data_makes_linked_rows_once_and_deterministically(small_load):
    report = generate()
    assert "8 groups, 60 events (20 meetings)" in report
    assert Event.objects.filter(kind=Event.Kind.MEETING, group__isnull=False).count() == 20
    assert Group.members.through.objects.count() >= 8 * 12
    big = Event.objects.get(slug=load_data.BIG_EVENT)
    assert big.speakers.count() == 30 and big.materials.count() == 20
    shared = Material.objects.exclude(file="").order_by().values_list("file", flat=True).distinct()
    assert list(shared) == [load_data.SHARED_PDF]
    assert Attendance.objects.attended().exists()
    registering = Event.objects.get(slug=load_data.REGISTRATION_EVENT)
    assert registering.registration_enabled and registering.capacity == 5
    rows = registering.registrations.order_by("status", "position")
    assert [row.status for row in rows].count(Registration.Status.CONFIRMED) == 5
    last = rows.filter(status=Registration.Status.WAITING).last()
    assert (last.position, last.teacher.account.user.username) == (11, "bench-teacher")
    assert registering.attendances.filter(attended=False).count() == 5
    counts = (Event.objects.count(), Speaker.objects.count(), Material.objects.count())
    first = snapshot()
    assert "already present" in generate()
    assert (Event.objects.count(), Speaker.objects.count(), Material.objects.count()) == counts
    Event.objects.all().delete()
    Group.objects.all().delete()
    generate()
    assert snapshot() == first


def test_bench_lists_every_page_type_and_each_answers(client, small_load):
    generate()
    pages = dict(bench.pages())
    for name in [
        "events: upcoming",
        "events: upcoming, last page",
        "events: filtered by area",
        "events: archive",
        "events: archive, oldest year",
        "events: archive, biggest year, last page",
        "events: calendar month",
        "events: event (most speakers)",
        "events: event .ics",
        "events: feed.ics",
        "events: Atom feed",
        "events: groups",
        "events: group (most meetings)",
    ]:
        assert client.get(pages[name]).status_code == 200, name
    assert pages["events: event (most speakers)"] == f"/events/{load_data.BIG_EVENT}/"
    registering = f"/events/{load_data.REGISTRATION_EVENT}/"
    assert pages["events: event with registration (most registrations)"] == registering
    assert "Місць немає: можна стати у список очікування." in client.get(registering).text


def test_bench_signs_in_as_the_teacher_last_on_the_waiting_list(client, small_load):
    generate()
    [(name, path, queries, _ms)] = teacher_bench.pages()
    assert (name, path) == (
        "events: event with registration, teacher",
        f"/events/{load_data.REGISTRATION_EVENT}/",
    )
    client.force_login(teacher_bench.teacher_user())
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        html = client.get(path).content.decode()
    assert "Ви №11 у списку очікування." in html
    assert len(captured) == queries == 11


def test_list_entry_and_filter_form_show_an_edit_at_once(client):
    event = past_events(1)[0]
    assert "Минулий 000" in client.get("/events/archive/").content.decode()
    event.title = "Перейменований захід"
    event.save()
    body = client.get("/events/archive/").content.decode()
    assert "Перейменований захід" in body
    assert "Минулий 000" not in body
    event.subjects.add(SubjectFactory(name="Астрономія"))
    body = client.get("/events/archive/").content.decode()
    assert ">Астрономія</span>" in body
    assert '<option value="astronomiia">Астрономія</option>' in body.replace("\n", "")


def test_filter_form_keeps_what_each_visitor_chose(client):
    SubjectFactory(name="Математика")
    SubjectFactory(name="Історія")
    first = client.get("/events/?area=matematyka").content.decode()
    second = client.get("/events/?area=istoriia").content.decode()
    assert '<option value="matematyka" selected>' in first
    assert '<option value="istoriia" selected>' in second
    assert '<option value="matematyka" selected>' not in second
    assert ">обрано 1</span>" in first
    bad = client.get("/events/?date_from=nonsense").content.decode()
    assert "text-danger" in bad
    assert "text-danger" not in client.get("/events/").content.decode()


def test_upcoming_keeps_a_long_course_under_way(client):
    now = timezone.now()
    EventFactory(
        title="Довгі курси", start=now - dt.timedelta(days=120), end=now + dt.timedelta(days=5)
    )
    EventFactory(
        title="Завершені курси", start=now - dt.timedelta(days=200), end=now - dt.timedelta(days=1)
    )
    EventFactory(title="Завтрашній семінар", start=now + dt.timedelta(days=1), end=None)
    assert titles(client.get("/events/")) == ["Довгі курси", "Завтрашній семінар"]
