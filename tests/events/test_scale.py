"""Pages at scale: keyset archive, bounded group pages, cached choices, the load data and
the benchmark's page list."""

import datetime as dt
import io
import random
import re

import pytest
from django.utils import timezone

from events import bench, load_data
from events.models import Event, Group, Material, Speaker
from tests.events.factories import EventFactory, GroupFactory
from tests.events.pages import listed as titles
from tests.events.pages import pager_cursor
from tests.factories import SubjectFactory, TeacherFactory

pytestmark = pytest.mark.django_db


def past_events(count):
    now = timezone.now()
    return [
        EventFactory(title=f"Минулий {n:03}", start=now - dt.timedelta(days=n + 1))
        for n in range(count)
    ]


def test_archive_pages_by_keyset_newest_first_and_back(client):
    past_events(45)
    first = client.get("/events/archive/")
    assert titles(first) == [f"Минулий {n:03}" for n in range(20)]
    older = re.search(r'href="\?before=([\d-]+)"', first.content.decode())[1]
    second = client.get(f"/events/archive/?before={older}")
    assert titles(second) == [f"Минулий {n:03}" for n in range(20, 40)]
    third = client.get(f"/events/archive/?before={pager_cursor(second, 'before')}")
    assert titles(third) == [f"Минулий {n:03}" for n in range(40, 45)]
    assert pager_cursor(third, "before") == ""
    back = client.get(f"/events/archive/?after={pager_cursor(third, 'after')}")
    assert titles(back) == titles(second)
    assert pager_cursor(back, "after") == pager_cursor(second, "after")


def test_archive_keyset_keeps_filters_in_links(client):
    maths = SubjectFactory(name="Математика")
    for event in past_events(25):
        event.subjects.add(maths)
    body = client.get("/events/archive/?area=matematyka").content.decode()
    assert re.search(r'href="\?area=matematyka&amp;before=[\d-]+"', body)


@pytest.mark.parametrize("cursor", ["garbage", "%00", "99999999999999999999-1", "1" * 500])
def test_archive_ignores_a_bad_cursor(client, cursor):
    past_events(3)
    response = client.get(f"/events/archive/?before={cursor}&after={cursor}")
    assert response.status_code == 200
    assert titles(response) == ["Минулий 000", "Минулий 001", "Минулий 002"]


@pytest.mark.parametrize("count", [1, 3])
def test_archive_deep_page_costs_fixed_queries(client, django_assert_num_queries, count):
    events = past_events(20 + count)
    client.get("/events/archive/")  # fills the cached centre, choices, years and entries
    # the page of events is kept rendered (per minute) until a record changes
    with django_assert_num_queries(0):
        response = client.get("/events/archive/")
    cursor = pager_cursor(response, "before")
    # a deep page, first visited: its events and their areas
    with django_assert_num_queries(2):
        response = client.get(f"/events/archive/?before={cursor}")
    with django_assert_num_queries(0):
        client.get(f"/events/archive/?before={cursor}")
    assert titles(response) == [event.title for event in events[20:]]


def test_group_list_is_paged_without_counting(
    client, django_assert_max_num_queries, django_assert_num_queries
):
    for n in range(61):
        GroupFactory(name=f"Група {n:03}", order=n)
    with django_assert_max_num_queries(4):  # the centre; the page: groups, entries, members
        first = client.get("/groups/")
    names = [g.name for s in first.context["sections"] for g in s["groups"]]
    assert names == [f"Група {n:03}" for n in range(60)]
    assert 'href="?page=2"' in first.content.decode()
    with django_assert_num_queries(0):  # then kept rendered until a record changes
        assert client.get("/groups/").content == first.content
    second = client.get("/groups/?page=2")
    assert [g.name for g in second.context["sections"][0]["groups"]] == ["Група 060"]
    assert "Сторінка 2" in second.content.decode()
    for page in ("3", "0", "x", "9" * 40):
        assert client.get(f"/groups/?page={page}").status_code == 404
    nul = client.get("/groups/?page=%00").content.decode()
    assert "Група 000" in nul and "Група 060" not in nul


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
    SubjectFactory(name="Математика")
    SubjectFactory(name="Історія")
    for n in range(60):
        TeacherFactory(slug=f"load-teacher-{n + 1}")


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
    assert Event.teacher_participants.through.objects.exists()
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


def test_uncached_list_fetches_entries_and_areas_once(client, django_assert_num_queries):
    maths = SubjectFactory(name="Математика")
    for event in past_events(3):
        event.subjects.add(maths)
    client.get("/events/archive/?q=x")  # the centre, choices and years
    # the page of events, then the areas of the entries not yet rendered
    with django_assert_num_queries(2):
        body = client.get("/events/archive/").content.decode()
    assert body.count(">Математика</span>") == 3


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
    assert '<option value="astronomiia">Астрономія</option>' in body


def test_filter_form_keeps_what_each_visitor_chose(client):
    SubjectFactory(name="Математика")
    SubjectFactory(name="Історія")
    first = client.get("/events/?area=matematyka").content.decode()
    second = client.get("/events/?area=istoriia").content.decode()
    assert '<option value="matematyka" selected>' in first
    assert '<option value="istoriia" selected>' in second
    assert '<option value="matematyka" selected>' not in second
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
