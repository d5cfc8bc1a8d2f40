"""The director's summary: who may open it, how a period is chosen, what a figure shows
(this period, the one before, the change, the best of all time) and the records behind it."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from events import summary as events_summary
from events.models import Event, Group, Region
from events.queries import association_meetings
from imc_portal.models import Centre
from imc_portal.periods import Period
from imc_portal.summary import Figure, Section, Value, default_period, summarise
from tests.events.factories import EventFactory, GroupFactory, attend, kyiv
from tests.factories import CentreFactory, TeacherFactory

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_go_to_the_login_page(client):
    response = client.get("/summary/2009/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=/summary/2009/")


def test_people_without_staff_status_are_refused(client):
    client.force_login(User.objects.create_user("teacher", password="x"))
    for url in ("/summary/", "/summary/2009/", "/summary/2009/events/meetings/"):
        assert client.get(url).status_code == 403, url


def test_director_and_methodist_open_the_summary(director_client, methodist_client):
    for staff in (director_client, methodist_client):
        response = staff.get("/summary/2009/")
        assert response.status_code == 200
        assert "Зведення: 2009" in response.content.decode()


def test_summary_pages_are_never_kept(director_client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    director_client.get("/summary/2009/")
    assert not director_client.get("/summary/2009/").has_header("X-Page-Cache")


def test_default_is_the_last_completed_academic_year(director_client):
    assert default_period(dt.date(2026, 8, 31)) == Period.academic_year(2024)
    assert default_period(dt.date(2026, 9, 1)) == Period.academic_year(2025)
    response = director_client.get("/summary/")
    assert response["Location"] == f"/summary/{default_period().slug}/"


@pytest.mark.parametrize(
    ("query", "address"),
    [
        ("period=2009", "/summary/2009/"),
        ("period=2019-2020", "/summary/2019-2020/"),
        ("period=2019/2020", "/summary/2019-2020/"),
        ("from=2009-10-01&to=2009-12-31", "/summary/2009-10-01--2009-12-31/"),
    ],
)
def test_the_chosen_period_has_its_own_address(director_client, query, address):
    response = director_client.get(f"/summary/?{query}")
    assert response["Location"] == address
    assert director_client.get(address).status_code == 200


@pytest.mark.parametrize(
    "query",
    ["from=2009-12-31&to=2009-01-01", "from=2009-02-30&to=2009-03-01", "from=x&to=", "from=%00"],
)
def test_a_range_that_cannot_be_read_is_a_400_with_its_error(director_client, query):
    response = director_client.get(f"/summary/?{query}")
    assert response.status_code == 400
    assert 'class="small text-danger"' in response.content.decode() or (
        "alert alert-danger" in response.content.decode()
    )


@pytest.mark.parametrize(
    "url", ["/summary/1800/", "/summary/2019-2021/", "/summary/2009-13-01--2009-12-31/"]
)
def test_a_period_that_does_not_exist_is_404(director_client, url):
    assert director_client.get(url).status_code == 404
    assert director_client.get("/summary/?period=nonsense").status_code == 404


def test_periods_compare_with_the_one_before_of_the_same_kind():
    assert Period.calendar_year(2009).previous() == Period.calendar_year(2008)
    assert Period.academic_year(2019).previous() == Period.academic_year(2018)
    autumn = Period.between(dt.date(2009, 10, 1), dt.date(2009, 12, 31))
    assert (autumn.previous().start, autumn.previous().end) == (
        dt.date(2009, 7, 1),  # as many days, the day before
        dt.date(2009, 9, 30),
    )
    assert [p.slug for p in Period.calendar_year(2009).series(3)] == ["2007", "2008", "2009"]


def test_a_value_knows_its_change_and_its_best_period():
    periods = Period.calendar_year(2010).series(4)
    value = Value("works", "works", periods, [12, 37, 30, 37], show_record=True)
    assert (value.current, value.previous, value.change) == (37, 30, 7)
    assert value.change_percent == 23
    assert value.best == (Period.calendar_year(2008), 37)  # the earliest of a tie
    assert not value.is_record
    first = Value("works", "works", periods, [1, 2, 3, 9], show_record=True)
    assert first.is_record
    share = Value("share", "share", periods[-2:], [50, 60], share=True)
    assert share.change == 10 and share.change_percent is None


def meetings(count, year=2009):
    group = GroupFactory()
    for n in range(count):
        EventFactory(group=group, kind=Event.Kind.MEETING, start=kyiv(year, 3, n + 1))


def test_events_section_counts_this_year_the_year_before_and_the_record(director_client):
    CentreFactory(founded_year=1995)
    meetings(3, 2009)
    meetings(2, 2008)
    meetings(5, 2006)
    EventFactory(kind=Event.Kind.MEETING, group=GroupFactory(), start=kyiv(2009, 5, 5),
                 status=Event.Status.CANCELLED)  # fmt: skip
    (events,) = summarise(Period.calendar_year(2009), Centre.current(),
                          sections=[events_summary.section()])  # fmt: skip
    value = events["meetings"]
    assert (value.current, value.previous, value.change) == (3, 2, 1)
    assert value.best == (Period.calendar_year(2006), 5)
    assert value.periods[0].slug == "1995"  # back to the centre's founding
    assert (
        len(
            summarise(
                Period.calendar_year(2009),
                Centre(founded_year=2008),
                sections=[events_summary.section()],
            )[0]["meetings"].periods
        )
        == 10
    )
    kinds = {v.key: v.current for v in events["kinds"]}
    assert kinds == {"kinds:meeting": 3}
    html = director_client.get("/summary/2009/").content.decode()
    row = re.search(r"засідання міських методичних об.єднань</th>(.*?)</tr>", html, re.S | re.I)[1]
    cells = [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    ]
    assert cells[:4] == ["3", "2", "+1 (+50 %)", "5 (2006)"]
    assert "Протягом 2009 року проведено 3 засідання міських методичних об’єднань." in html
    # A breakdown's rows come under its own heading.
    assert re.search(r'<th colspan="6" scope="rowgroup"[^>]*>Заходи за видами</th>', html)


def test_the_records_behind_a_figure_are_exactly_those_it_counts(director_client):
    meetings(4, 2009)
    meetings(1, 2010)
    html = director_client.get("/summary/2009/events/meetings/").content.decode()
    links = re.findall(r'<li><a href="/admin/events/event/(\d+)/change/">', html)
    assert len(links) == 4
    kind = director_client.get("/summary/2009/events/kinds:meeting/").content.decode()
    assert len(re.findall(r'href="/admin/events/event/\d+/change/"', kind)) == 4
    assert director_client.get("/summary/2009/events/nothing/").status_code == 404


def test_teacher_figures_list_the_teachers_and_the_events_with_a_number_only(director_client):
    course = EventFactory(kind=Event.Kind.COURSE, start=kyiv(2009, 4, 1))
    attend(course, [TeacherFactory(), TeacherFactory()])
    EventFactory(kind=Event.Kind.COURSE, start=kyiv(2009, 5, 1), counted_teacher_participants=7)
    (events,) = summarise(Period.calendar_year(2009), Centre.current(),
                          sections=[events_summary.section()])  # fmt: skip
    assert events["courses"].current == 9
    html = director_client.get("/summary/2009/events/courses/").content.decode()
    assert len(re.findall(r'href="/admin/imc_portal/teacher/\d+/change/"', html)) == 2
    assert len(re.findall(r'href="/admin/events/event/\d+/change/"', html)) == 1


@pytest.mark.parametrize("count", [1, 3])
def test_events_section_runs_a_fixed_number_of_queries(django_assert_num_queries, count):
    for year in (2008, 2009):
        meetings(count, year)
        course = EventFactory(kind=Event.Kind.COURSE, start=kyiv(year, 4, 1))
        attend(course, [TeacherFactory() for _ in range(count)])
        festival = EventFactory(
            kind=Event.Kind.FESTIVAL, level=Event.Level.NATIONAL, start=kyiv(year, 5, 1)
        )
        festival.regions.set(Region.objects.all()[:count])
    centre = Centre.current()
    # meetings, course teachers (listed, counted), seminar-form teachers (listed,
    # counted), participants, national forums, oblast seminars, regions, events by kind,
    # events by level
    with django_assert_num_queries(11):
        summarise(Period.calendar_year(2009), centre, sections=[events_summary.section()])


def test_a_range_shows_the_range_before_and_no_record(director_client):
    meetings(2, 2009)
    (events,) = summarise(
        Period.between(dt.date(2009, 3, 1), dt.date(2009, 3, 31)), Centre.current(),
        sections=[events_summary.section()],
    )  # fmt: skip
    assert len(events["meetings"].periods) == 2
    assert events["meetings"].best is None
    html = director_client.get("/summary/2009-03-01--2009-03-31/").content.decode()
    assert "1 березня 2009 – 31 березня 2009" in html


def test_the_english_summary_speaks_english(director_client):
    meetings(1)
    html = director_client.get("/en/summary/2009/").content.decode()
    assert '<html lang="en">' in html
    assert "Summary: 2009" in html
    assert "1 meeting of the city" in html


def test_a_section_without_a_record_figure_shows_no_best(director_client):
    def values(periods):
        return [timezone.now().year] * len(periods)

    section = Section("probe", "Probe", [Figure("year", "year", values)])
    (probe,) = summarise(Period.calendar_year(2009), Centre.current(), sections=[section])
    assert probe["year"].best is None


def test_staff_find_the_summary_and_the_records_in_the_menu(director_client):
    html = director_client.get("/").content.decode()
    assert 'href="/summary/">Зведення</a>' in html and 'href="/admin/">Облік</a>' in html
    assert "/summary/" not in Client().get("/").content.decode()


def test_a_moment_at_a_boundary_counts_in_its_own_year_in_a_series_or_not():
    group = GroupFactory(kind=Group.Kind.ASSOCIATION)
    for moment in (kyiv(2008, 12, 31, 23, 59), kyiv(2009, 1, 1, 0, 0), kyiv(2010, 1, 1, 0, 0)):
        EventFactory(group=group, kind=Event.Kind.MEETING, start=moment)
    series = Period.calendar_year(2010).series(3)  # 2008, 2009, 2010 follow each other
    assert association_meetings(series) == [1, 1, 1]
    apart = [Period.calendar_year(2008), Period.calendar_year(2010)]
    assert association_meetings(apart) == [1, 1]
    assert association_meetings([Period.calendar_year(2009)]) == [1]


def test_academic_years_part_on_the_first_of_september_however_long_the_series():
    group = GroupFactory(kind=Group.Kind.ASSOCIATION)
    for moment in (kyiv(2009, 8, 31, 23, 59), kyiv(2009, 9, 1, 0, 0), kyiv(1960, 1, 15)):
        EventFactory(group=group, kind=Event.Kind.MEETING, start=moment)
    series = Period.academic_year(2009).series(51)  # 1959/1960 to 2009/2010
    found = association_meetings(series)
    assert (found[0], found[-2], found[-1], sum(found)) == (1, 1, 1, 3)
    ends = [Period.academic_year(2008), Period.academic_year(2009)]
    assert association_meetings(ends) == [1, 1]
    # A range and the range before it part on their own days.
    before, chosen = Period.between(dt.date(2009, 3, 1), dt.date(2009, 8, 31)).series(2)
    assert association_meetings([before, chosen]) == [0, 1]
