"""The seed 000 figures, computed from the demo records by the functions the director's
summary uses."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from events import queries
from events.models import Event, Group
from imc_portal.periods import Period
from tests.events.factories import EventFactory, GroupFactory, attend, kyiv
from tests.factories import TeacherFactory

YEAR_2009 = Period.calendar_year(2009)
AUTUMN_2009 = Period(dt.date(2009, 10, 1), dt.date(2009, 12, 31))


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())


@pytest.mark.django_db
def test_seed_more_than_130_association_meetings_in_2009(demo):
    assert queries.association_meetings_count(YEAR_2009) > 130
    by_kind = {row["kind"]: row["events"] for row in queries.events_by_kind(YEAR_2009)}
    assert by_kind[Event.Kind.MEETING] >= queries.association_meetings_count(YEAR_2009)
    months = {
        timezone.localtime(start).month
        for start in Event.objects.in_period(YEAR_2009)
        .filter(group__kind=Group.Kind.ASSOCIATION)
        .values_list("start", flat=True)
    }
    assert len(months) >= 8


@pytest.mark.django_db
def test_seed_teacher_figures_78_18_and_260(demo):
    assert queries.course_teachers_count(YEAR_2009) == 78
    assert queries.course_teachers_count(AUTUMN_2009) == 18
    assert queries.seminar_form_teachers_count(YEAR_2009) == 260


@pytest.mark.django_db
def test_seed_oblast_seminars_and_national_events(demo):
    oblast = list(queries.events_of(Period.years(2009, 2010), level=Event.Level.OBLAST))
    assert len(oblast) == 9
    assert any("Завадськ" in s.name for e in oblast for s in e.speakers.all())
    national = list(queries.events_of(Period.years(2009, 2010), level=Event.Level.NATIONAL))
    assert sorted(e.kind for e in national) == ["conference", "conference", "festival"]
    festival = next(e for e in national if e.kind == Event.Kind.FESTIVAL)
    assert festival.regions.count() == 13
    assert festival.participants_regions == "представники 12 областей та міста Києва"
    conference = next(e for e in national if "духовно-моральних" in e.title)
    assert "угоду" in conference.outcomes
    assert conference.partners.filter(name__contains="Острозька академія").exists()
    names = set(Group.objects.values_list("name", flat=True))
    for name in [
        "Творча група вчителів української літератури",
        "Школа молодого педагога",
        "Школа педагогічної майстерності",
        "Клуб дошкільної еліти",
        "Клуб творчого спілкування",
        "Школа «Обдарована дитина»",
        "Школа керівників та резерву керівників шкіл",
    ]:
        assert name in names
    assert "Фасоля" in Group.objects.get(name__contains="української літератури").supervisor


@pytest.mark.django_db
def test_demo_has_upcoming_events_and_is_idempotent(demo):
    assert Event.objects.published().upcoming().count() >= 10
    counts = (Event.objects.count(), Group.objects.count(), Group.members.through.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert counts == (
        Event.objects.count(),
        Group.objects.count(),
        Group.members.through.objects.count(),
    )
    # 2009/2010 takes September 2009 – August 2010: the autumn courses are in it.
    assert queries.course_teachers_count(Period.academic_year(2009)) == 18 + 24


@pytest.mark.django_db
def test_teacher_counts_are_distinct_and_use_counts_without_lists():
    teachers = [TeacherFactory() for _ in range(3)]
    first = EventFactory(kind=Event.Kind.COURSE, start=kyiv(2020, 2, 1))
    attend(first, teachers[:2])
    second = EventFactory(kind=Event.Kind.COURSE, start=kyiv(2020, 3, 1))
    attend(second, teachers[1:])
    EventFactory(kind=Event.Kind.COURSE, start=kyiv(2020, 4, 1), counted_teacher_participants=5)
    listed_and_counted = EventFactory(
        kind=Event.Kind.COURSE, start=kyiv(2020, 5, 1), counted_teacher_participants=50
    )
    attend(listed_and_counted, teachers[:1])
    EventFactory(
        kind=Event.Kind.COURSE,
        start=kyiv(2020, 6, 1),
        counted_teacher_participants=7,
        status=Event.Status.CANCELLED,
    )
    assert queries.course_teachers_count(Period.calendar_year(2020)) == 3 + 5
    assert queries.seminar_form_teachers_count(Period.calendar_year(2020)) == 0


@pytest.mark.django_db
def test_period_boundaries_use_kyiv_time():
    group = GroupFactory()
    EventFactory(group=group, start=kyiv(2021, 1, 1, 0, 30))
    EventFactory(group=group, start=kyiv(2020, 12, 31, 23, 30))
    assert queries.association_meetings_count(Period.calendar_year(2021)) == 1
    assert queries.participants_total(Period.calendar_year(2021)) == 0
