"""The events' figures of the director's summary that the seeds name: national conferences
and festivals held, oblast seminars hosted, and the regions the participants came from,
counted from event records, for many periods in one query, with the records behind them."""

import io

import pytest
from django.core.management import call_command
from django.utils import translation

from events import queries
from events import summary as events_summary
from events.models import Event, Region
from events.models.region import representatives_of
from imc_portal.models import Centre
from imc_portal.periods import Period
from imc_portal.summary import summarise
from tests.events.factories import TWELVE_OBLASTS_AND_KYIV, EventFactory, kyiv

pytestmark = pytest.mark.django_db

YEARS = [Period.calendar_year(year) for year in (2008, 2009, 2010)]
YEAR_2009 = YEARS[1]
CONFERENCE, FESTIVAL = Event.Kind.CONFERENCE, Event.Kind.FESTIVAL
NATIONAL, OBLAST = Event.Level.NATIONAL, Event.Level.OBLAST


def regions(*codes):
    return list(Region.objects.filter(code__in=codes))


def event(kind, level, month, year=2009, **fields):
    return EventFactory(kind=kind, level=level, start=kyiv(year, month, 10), **fields)


@pytest.fixture
def national():
    """Two national conferences and festivals in 2009, one in 2010, and events that do not
    count: another level, another kind, a cancelled one."""
    counted = [event(CONFERENCE, NATIONAL, 4), event(FESTIVAL, NATIONAL, 11)]
    later = event(CONFERENCE, NATIONAL, 3, year=2010)
    event(CONFERENCE, OBLAST, 5)
    event(Event.Kind.WEBINAR, NATIONAL, 6)
    event(FESTIVAL, NATIONAL, 7, status=Event.Status.CANCELLED)
    return counted, later


def test_national_conferences_and_festivals_per_period_in_one_query(
    national, django_assert_num_queries
):
    counted, later = national
    with django_assert_num_queries(1):
        assert queries.national_conferences_and_festivals(YEARS) == [0, 2, 1]
    assert queries.national_conferences_and_festivals_count(YEAR_2009) == 2
    ((_label, records),) = events_summary.national_records(YEAR_2009)
    assert list(records) == counted
    ((_label, records),) = events_summary.national_records(YEARS[2])
    assert list(records) == [later]


def test_oblast_seminars_per_period_in_one_query(django_assert_num_queries):
    counted = [
        event(Event.Kind.SEMINAR, OBLAST, 2),
        event(Event.Kind.SEMINAR_PRACTICUM, OBLAST, 3),
        event(Event.Kind.SEMINAR, OBLAST, 12),
    ]
    event(Event.Kind.SEMINAR, OBLAST, 1, year=2008)
    event(Event.Kind.SEMINAR, Event.Level.CITY, 4)
    event(CONFERENCE, OBLAST, 5)
    event(Event.Kind.SEMINAR, OBLAST, 6, status=Event.Status.CANCELLED)
    with django_assert_num_queries(1):
        assert queries.oblast_seminars(YEARS) == [1, 3, 0]
    assert queries.oblast_seminars_count(YEAR_2009) == 3
    ((_label, records),) = events_summary.oblast_seminar_records(YEAR_2009)
    assert list(records) == counted


@pytest.fixture
def regional():
    """Regions of 2009: Zhytomyr twice (counted once), Kyiv oblast, Kyiv city, Lviv; a
    cancelled event's Odesa does not count; Crimea in 2010. The events have several areas,
    which must not repeat a region."""
    first = event(FESTIVAL, NATIONAL, 11)
    first.regions.set(regions("UA-18", "UA-32", "UA-30"))
    second = event(Event.Kind.SEMINAR, OBLAST, 3)
    second.regions.set(regions("UA-18", "UA-46"))
    cancelled = event(CONFERENCE, NATIONAL, 5, status=Event.Status.CANCELLED)
    cancelled.regions.set(regions("UA-51"))
    later = event(CONFERENCE, NATIONAL, 3, year=2010)
    later.regions.set(regions("UA-43"))
    event(Event.Kind.SEMINAR, OBLAST, 6)  # no regions recorded
    return first, second, later


def test_regions_are_counted_once_a_period_in_one_query(regional, django_assert_num_queries):
    first, second, later = regional
    with django_assert_num_queries(1):
        assert queries.regions_represented(YEARS) == [0, 4, 1]
    assert queries.regions_represented_count(YEAR_2009) == 4
    (_label, counted), (_label2, events) = events_summary.region_records(YEAR_2009)
    assert list(counted) == regions("UA-18", "UA-32", "UA-46", "UA-30")
    assert list(events) == [second, first]
    assert counted.count() == queries.regions_represented_count(YEAR_2009)
    (_label, counted), (_label2, events) = events_summary.region_records(YEARS[2])
    assert list(counted) == regions("UA-43")
    assert list(events) == [later]


def test_the_fixed_list_of_regions_has_names_in_ukrainian():
    assert Region.objects.count() == 27
    assert Region.objects.filter(kind="oblast").count() == 24
    assert str(Region.objects.get(code="UA-18")) == "Житомирська область"
    assert [str(r) for r in Region.objects.filter(kind="city")] == [
        "місто Київ",
        "місто Севастополь",
    ]
    assert str(Region.objects.first()) == "Автономна Республіка Крим"
    with translation.override("en"):
        assert str(Region.objects.get(code="UA-18")) == "Zhytomyr Oblast"


@pytest.mark.parametrize(
    ("codes", "text"),
    [
        (TWELVE_OBLASTS_AND_KYIV, "представники 12 областей та міста Києва"),
        (["UA-18"], "представники 1 області"),
        (["UA-18", "UA-32"], "представники 2 областей"),
        (["UA-30"], "представники міста Києва"),
        (
            ["UA-18", "UA-46", "UA-43", "UA-30", "UA-40"],
            "представники 2 областей, Автономної Республіки Крим, міста Києва та міста Севастополя",
        ),
        ([], ""),
    ],
)
def test_representatives_of_the_regions_in_words(codes, text):
    assert representatives_of(regions(*codes)) == text


def test_representatives_in_every_plural_form():
    oblasts = list(Region.objects.filter(kind="oblast"))
    assert representatives_of(oblasts[:21]) == "представники 21 області"
    assert representatives_of(oblasts) == "представники 24 областей"
    with translation.override("en"):
        assert representatives_of(regions(*TWELVE_OBLASTS_AND_KYIV)) == (
            "representatives of 12 oblasts and the city of Kyiv"
        )
        assert representatives_of(oblasts[:1]) == "representatives of 1 oblast"


def test_summary_sentences_say_the_forums_regions_and_seminars(national, regional):
    event(Event.Kind.SEMINAR, OBLAST, 9)
    (events,) = summarise(YEAR_2009, Centre.current(), sections=[events_summary.section()])
    assert events["national_forums"].current == 3  # two, and the regional fixture's festival
    assert events["oblast_seminars"].current == 3  # one, and the regional fixture's
    assert events["regions"].current == 4
    assert events.sentences[-1] == (
        "Проведено 3 науково-практичні заходи всеукраїнського рівня (конференції та "
        "фестивалі); учасниками заходів стали представники 3 областей та міста Києва. "
        "Організовано та проведено 3 обласні семінари."
    )


def test_summary_sentence_without_regions_leaves_them_out():
    event(Event.Kind.SEMINAR, OBLAST, 9)
    (events,) = summarise(YEAR_2009, Centre.current(), sections=[events_summary.section()])
    assert events.sentences[-1] == (
        "Проведено 0 науково-практичних заходів всеукраїнського рівня (конференції та "
        "фестивалі). Організовано та проведено 1 обласний семінар."
    )


def test_region_records_page_links_each_region_for_the_director(director_client, regional):
    html = director_client.get("/summary/2009/events/regions/").content.decode()
    for code in ("UA-18", "UA-32", "UA-46", "UA-30"):
        region = Region.objects.get(code=code)
        assert f'/admin/events/region/{region.pk}/change/">{region}</a>' in html
    assert "Одеська область" not in html
    region = Region.objects.get(code="UA-18")
    page = director_client.get(f"/admin/events/region/{region.pk}/change/")
    assert page.status_code == 200
    assert "Житомирська область" in page.content.decode()


def test_event_form_picks_regions_from_the_list(methodist_client):
    html = methodist_client.get("/admin/events/event/add/").content.decode()
    assert 'name="regions"' in html
    assert "selectfilter" in html.lower()
    assert "Житомирська область" in html
    found = methodist_client.get("/admin/events/region/", {"q": "житомир"})
    assert [str(r) for r in found.context["cl"].result_list] == ["Житомирська область"]
    assert methodist_client.get("/admin/events/region/add/").status_code == 403


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())


def test_seed_figures_from_the_demo(demo, director_client):
    """Seed 000: in 2009 a national conference and the festival "учасниками якого стали
    представники 12 областей та міста Києва" (over 2009–2010 the two conferences and the
    festival), and nine oblast seminars."""
    both_years = Period.years(2009, 2010)
    assert queries.national_conferences_and_festivals_count(YEAR_2009) == 2
    assert queries.national_conferences_and_festivals_count(both_years) == 3
    assert queries.oblast_seminars([YEAR_2009, Period.calendar_year(2010)]) == [9, 0]
    assert queries.regions_represented_count(YEAR_2009) == 13
    assert representatives_of(queries.regions_of(YEAR_2009)) == (
        "представники 12 областей та міста Києва"
    )
    html = director_client.get("/summary/2009/").content.decode()
    assert "учасниками заходів стали представники 12 областей та міста Києва" in html
    assert "Організовано та проведено 9 обласних семінарів." in html
    assert "Проведено 2 науково-практичні заходи всеукраїнського рівня" in html
    festival = Event.objects.get(title__startswith="Фестиваль творчих педагогічних ідей")
    page = director_client.get(festival.get_absolute_url()).content.decode()
    assert "146 учасників: представники 12 областей та міста Києва" in page


@pytest.mark.parametrize(
    "codes", [TWELVE_OBLASTS_AND_KYIV, ["UA-43", "UA-40"], ["UA-18", "UA-30", "UA-40"], []]
)
def test_event_page_says_the_regions_from_one_query(codes, django_assert_num_queries):
    festival = event(FESTIVAL, NATIONAL, 11)
    festival.regions.set(regions(*codes))
    with django_assert_num_queries(1):
        annotated = Event.objects.with_representatives().get(pk=festival.pk)
        text = annotated.participants_regions
    assert text == representatives_of(regions(*codes))
    assert text == Event.objects.get(pk=festival.pk).participants_regions
