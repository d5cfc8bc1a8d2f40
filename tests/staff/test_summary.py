"""The staff's section of the director's summary: people and posts on the period's last
day, award holders, awards received, the records behind each figure and the report's text."""

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command

from imc_portal.models import Centre
from imc_portal.periods import Period
from imc_portal.summary import summarise
from staff import queries
from staff import summary as staff_summary
from staff.models import Award, StaffMember
from tests.factories import (
    AwardFactory,
    AwardKindFactory,
    CentreFactory,
    DepartmentFactory,
    StaffMemberFactory,
)

pytestmark = pytest.mark.django_db

Role = StaffMember.Role
Y2009, Y2010 = Period.calendar_year(2009), Period.calendar_year(2010)
AY2009 = Period.academic_year(2009)  # 1 September 2009 – 31 August 2010
RANGE = Period.between(dt.date(2009, 1, 1), dt.date(2009, 6, 30))
PERIODS = [Y2009, Y2010, AY2009, RANGE]


def staff_section(period):
    (section,) = summarise(period, Centre.current(), sections=[staff_summary.section()])
    return section


def current(section, key):
    return {value.key.split(":")[1]: value.current for value in section[key]}


@pytest.fixture
def people():
    """Staff whose employment starts and ends inside the periods."""
    first, second = DepartmentFactory(), DepartmentFactory()
    return {
        "always": StaffMemberFactory(department=first, rate=Decimal("0.75")),
        "until_2010_05": StaffMemberFactory(department=second, employed_until=dt.date(2010, 5, 31)),
        "from_2009_07": StaffMemberFactory(department=first, employed_from=dt.date(2009, 7, 1)),
        "from_2010_09": StaffMemberFactory(
            department=second, role=Role.PSYCHOLOGIST, employed_from=dt.date(2010, 9, 1)
        ),
        "librarian": StaffMemberFactory(department=None, role=Role.LIBRARIAN),
    }


def test_staff_figures_count_those_employed_on_each_periods_last_day(people):
    # 31.12.2009: always, until_2010_05, from_2009_07; 31.12.2010: always, from_2009_07,
    # the psychologist; 31.08.2010: always, from_2009_07; 30.06.2009: always, until_2010_05.
    assert queries.methodists(PERIODS) == [3, 2, 2, 2]
    assert queries.methodist_posts(PERIODS) == [
        Decimal("2.75"), Decimal("1.75"), Decimal("1.75"), Decimal("1.75")
    ]  # fmt: skip
    assert queries.departments(PERIODS) == [2, 2, 1, 2]
    assert queries.people_by_role(PERIODS) == [
        (Role.METHODIST, "методист", [3, 2, 2, 2]),
        (Role.PSYCHOLOGIST, "практичний психолог", [0, 1, 0, 0]),
        (Role.LIBRARIAN, "бібліотекар", [1, 1, 1, 1]),
    ]
    posts = {role: values for role, _label, values in queries.posts_by_role(PERIODS)}
    assert posts[Role.METHODIST] == [Decimal("2.75")] + [Decimal("1.75")] * 3
    # The single-period figure of the "About" page agrees on any day.
    for period in PERIODS:
        rows = {row["role"]: row["people"] for row in queries.staff_by_role(period.end)}
        assert rows[Role.METHODIST] == queries.methodists([period])[0]


def test_staff_records_are_exactly_the_counted_people(people):
    for period in PERIODS:
        ((_title, methodists),) = staff_summary.methodists_records(period)
        assert methodists.count() == queries.methodists([period])[0]
        assert sum(member.rate for member in methodists) == queries.methodist_posts([period])[0]
        ((_title, departments),) = staff_summary.departments_records(period)
        assert departments.count() == queries.departments([period])[0]
        for role, _label, values in queries.people_by_role([period]):
            ((_title, members),) = staff_summary.role_records(period, role)
            assert list(members.values_list("role", flat=True)) == [role] * values[0]
    ((_title, methodists),) = staff_summary.methodists_records(Y2010)
    assert set(methodists) == {people["always"], people["from_2009_07"]}


def test_award_holders_count_awards_held_by_then_and_awards_received_in_the_period():
    honoured = AwardKindFactory(name="Заслужений учитель України", level="state", order=1)
    badge = AwardKindFactory(name="Відмінник освіти України", order=2)
    member, other = StaffMemberFactory(), StaffMemberFactory()
    gone = StaffMemberFactory(employed_until=dt.date(2010, 6, 30))
    AwardFactory(member=member, kind=honoured, year=2009)
    AwardFactory(member=member, kind=badge, year=2008)
    AwardFactory(member=member, kind=badge, year=2010)  # the same badge again: one holder
    AwardFactory(member=other, kind=badge, year=2010)
    AwardFactory(member=gone, kind=badge, year=2009)
    # Held on the last day: employed then, the award's year not after the period's.
    holders = queries.award_holders_by_kind(PERIODS)
    assert holders == [
        (str(honoured.pk), "«Заслужений учитель України» (державна нагорода)", [1, 1, 1, 1]),
        (str(badge.pk), "«Відмінник освіти України» (відомча відзнака)", [2, 2, 2, 2]),
    ]
    # By the year of the award: 2009 in the calendar year, 2010 in the academic year
    # 2009/2010 (its 1 July falls there), none in the first half of 2009.
    assert [queries.awards_received([period])[0] for period in PERIODS] == [2, 2, 2, 0]
    # A series of periods (which never overlap) in one query.
    assert queries.awards_received(AY2009.series(3)) == [1, 2, 2]  # 2008, 2009, 2010
    for period in PERIODS:
        ((_title, awards),) = staff_summary.awards_records(period)
        assert awards.count() == queries.awards_received([period])[0]
        for kind, _label, values in queries.award_holders_by_kind([period]):
            ((_title, members),) = staff_summary.award_holders_records(period, kind)
            assert members.count() == values[0]
    ((_title, awards),) = staff_summary.awards_records(Y2010)
    assert set(awards) == set(Award.objects.filter(year=2010))
    ((_title, members),) = staff_summary.award_holders_records(Y2010, str(badge.pk))
    assert set(members) == {member, other}  # the one gone by 31.12.2010 is not counted


@pytest.mark.parametrize(
    ("count", "departments", "methodists", "awards", "holders"),
    [
        (1, "1 відділ, очолюваний завідувачем", "1 методист (1 ставка)", "1 нагороду",
         "1 працівник центру має"),
        (2, "2 відділи, очолювані завідувачами", "2 методисти (2 ставки)", "2 нагороди",
         "2 працівники центру мають"),
        (5, "5 відділів, очолюваних завідувачами", "5 методистів (5 ставок)", "5 нагород",
         "5 працівників центру мають"),
        (22, "22 відділи, очолювані завідувачами", "22 методисти (22 ставки)", "22 нагороди",
         "22 працівники центру мають"),
    ],
)  # fmt: skip
def test_staff_sentences_agree_with_their_numbers(count, departments, methodists, awards, holders):
    kind = AwardKindFactory()
    for _n in range(count):
        AwardFactory(member=StaffMemberFactory(), kind=kind, year=2009)
    text = " ".join(staff_section(Y2009).sentences)
    assert f"Станом на 31 грудня 2009 року структура центру включає {departments}." in text
    assert f"Методичний супровід діяльності закладів освіти здійснюють {methodists}." in text
    assert f"Протягом 2009 року працівники центру отримали {awards}." in text
    assert f"{holders} нагороду «Відмінник освіти України» (відомча відзнака)." in text


def test_a_fraction_of_posts_takes_the_genitive_singular():
    StaffMemberFactory(rate=Decimal("0.75"))
    StaffMemberFactory(role=Role.TECHNICIAN)
    text = " ".join(staff_section(Y2009).sentences)
    assert "здійснюють 1 методист (0,75 ставки)." in text
    assert "Забезпечують якісну роботу закладу 1 технік." in text


def test_seed_001_staff_figures_from_the_demo(director_client):
    call_command("load_demo", stdout=io.StringIO())
    for period in (Period.calendar_year(2019), Period.years(2014, 2018)):
        section = staff_section(period)
        assert section["departments"].current == 2
        assert section["methodists"].current == 14
        assert section["methodist_posts"].current == Decimal("13.75")
        people = current(section, "roles")
        assert (people["psychologist"], people["librarian"]) == (1, 1)
        assert (people["technician"], people["technical_worker"]) == (2, 1)
        assert list(current(section, "award_holders").values()) == [2, 8, 1, 2]
        text = " ".join(section.sentences)
        assert "структура центру включає 2 відділи, очолювані завідувачами" in text
        assert (
            "здійснюють 14 методистів (13,75 ставки), 1 практичний психолог та 1 бібліотекар"
        ) in text
        assert "Забезпечують якісну роботу закладу 2 техніки та 1 техпрацівник." in text
        assert (
            "2 працівники центру мають нагороду «Заслужений учитель України» (державна "
            "нагорода), 8 — «Відмінник освіти України» (відомча відзнака), 1 — «Софія Русова» "
            "(відомча відзнака), 2 — «Премія імені А. С. Макаренка» (обласна відзнака)."
        ) in text
    # Awards received: the badges of 2010, none in 2009.
    assert staff_section(Y2010)["awards_received"].current == 8
    assert staff_section(Y2009)["awards_received"].current == 0
    html = director_client.get("/summary/2009/").content.decode()
    assert '<h2 id="summary-staff" class="h3">Працівники центру</h2>' in html
    assert "14 методистів (13,75 ставки)" in html
    records = director_client.get("/summary/2019/staff/methodists/").content.decode()
    assert len(re.findall(r'href="/admin/staff/staffmember/\d+/change/"', records)) == 14
    awards = director_client.get("/summary/2010/staff/awards_received/").content.decode()
    assert len(re.findall(r'href="/admin/staff/award/\d+/change/"', awards)) == 8
    assert "Бойко Олена Миколаївна: Відмінник освіти України (2010)" in awards


@pytest.mark.parametrize("count", [1, 3])
def test_staff_section_runs_one_query_a_figure(django_assert_num_queries, count):
    CentreFactory(founded_year=1995)
    kind = AwardKindFactory()
    for year in (2008, 2009):
        for _n in range(count):
            AwardFactory(member=StaffMemberFactory(role=Role.PSYCHOLOGIST), kind=kind, year=year)
    centre = Centre.current()
    # departments, methodists, their posts, people by role, posts by role, award holders,
    # awards received: for the 15 years back to the founding
    with django_assert_num_queries(7):
        (section,) = summarise(Y2009, centre, sections=[staff_summary.section()])
        assert section.sentences
