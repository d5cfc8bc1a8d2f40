import datetime as dt
from decimal import Decimal

import pytest

from staff.models import StaffMember
from staff.queries import by_role, staff_by_role
from tests.factories import (
    AwardFactory,
    AwardKindFactory,
    CentreFactory,
    DepartmentFactory,
    DistinctionFactory,
    StaffMemberFactory,
    SubjectFactory,
)

pytestmark = pytest.mark.django_db
Role = StaffMember.Role


def test_about_lists_director_departments_and_cards(client):
    CentreFactory(description="Центр засновано в 2004 році.")
    department = DepartmentFactory(name="Відділ дошкільної освіти")
    StaffMemberFactory(surname="Литвин", role=Role.DIRECTOR, department=None, position="директор")
    StaffMemberFactory(surname="Кулик", role=Role.HEAD, department=department)
    member = StaffMemberFactory(surname="Мазур", department=department)
    member.subjects.add(SubjectFactory(name="Дошкільна освіта"))
    html = client.get("/about/").content.decode()
    assert "Центр засновано в 2004 році." in html
    assert "Керівництво" in html and "Литвин Ірина Петрівна" in html
    assert "Відділ дошкільної освіти" in html
    assert html.index("Кулик") < html.index("Мазур")  # the head comes first
    assert "Курує: Дошкільна освіта" in html
    assert f'href="{member.get_absolute_url()}"' in html


def test_about_figures_count_people_and_posts_by_role(client):
    for rate in ("1.00", "1.00", "0.75"):
        StaffMemberFactory(rate=Decimal(rate))
    StaffMemberFactory(role=Role.PSYCHOLOGIST)
    StaffMemberFactory(role=Role.TECHNICIAN, is_public=False)
    StaffMemberFactory(role=Role.TECHNICIAN, is_public=False)
    StaffMemberFactory(rate=Decimal("1.00"), employed_until=dt.date(2020, 1, 1))  # left
    html = client.get("/about/").content.decode()
    assert "3 методисти (2,75 ставки)" in html
    assert "1 практичний психолог" in html
    assert "2 техніки" in html


def test_about_counts_award_holders_by_kind(client):
    honoured = AwardKindFactory(name="Заслужений учитель України", order=1)
    badge = AwardKindFactory(name="Відмінник освіти України", order=2)
    first, second = StaffMemberFactory(), StaffMemberFactory()
    AwardFactory(member=first, kind=honoured)
    AwardFactory(member=first, kind=badge, year=2010)
    AwardFactory(member=first, kind=badge, year=2012)  # counted once per person
    AwardFactory(member=second, kind=badge)
    AwardFactory(member=StaffMemberFactory(employed_until=dt.date(2015, 1, 1)), kind=honoured)
    html = client.get("/about/").content.decode()
    assert "«Заслужений учитель України» — 1" in html
    assert "«Відмінник освіти України» — 2" in html
    assert html.index("Заслужений") < html.index("Відмінник")


def test_about_shows_centre_distinctions(client):
    DistinctionFactory(title="Золота медаль виставки «Сучасні заклади освіти»", year=2018)
    html = client.get("/about/").content.decode()
    assert "Золота медаль виставки «Сучасні заклади освіти», 2018" in html


def test_about_hides_private_and_former_staff(client):
    StaffMemberFactory(surname="Прихований", is_public=False)
    StaffMemberFactory(surname="Звільнений", employed_until=dt.date(2019, 6, 30))
    StaffMemberFactory(surname="Майбутній", employed_from=dt.date.today() + dt.timedelta(days=5))
    html = client.get("/about/").content.decode()
    for surname in ("Прихований", "Звільнений", "Майбутній"):
        assert surname not in html


@pytest.mark.parametrize("members", [1, 3])
def test_about_query_count_does_not_grow_with_staff(client, django_assert_num_queries, members):
    CentreFactory()
    DistinctionFactory()
    for _ in range(members):
        member = StaffMemberFactory()
        member.subjects.add(SubjectFactory())
        AwardFactory(member=member)
    # the centre, the staff employed today (the cards and the figures), their areas, the
    # award holders counted, the distinctions
    with django_assert_num_queries(5):
        response = client.get("/about/")
    assert response.content.decode().count("staff-card") == members


def test_member_page_shows_public_card_and_awards(client):
    member = StaffMemberFactory(
        surname="Бойко",
        first_name="Олена",
        patronymic="Миколаївна",
        room="105",
        email="boiko@example.org",
    )
    AwardFactory(member=member, kind=AwardKindFactory(name="Софія Русова"), year=2016)
    response = client.get(f"/about/staff/{member.slug}/")
    html = response.content.decode()
    assert member.slug == "boiko-olena-mykolaivna"
    assert '<h1 class="h2">Бойко Олена Миколаївна</h1>' in html
    assert "«Софія Русова», 2016" in html
    assert 'href="mailto:boiko@example.org"' in html


@pytest.mark.parametrize("awards", [1, 3])
def test_member_page_query_count(client, django_assert_num_queries, awards):
    member = StaffMemberFactory()
    for year in range(awards):
        AwardFactory(member=member, year=2010 + year)
    with django_assert_num_queries(4):
        client.get(member.get_absolute_url())


def test_hidden_or_former_member_page_is_404(client):
    hidden = StaffMemberFactory(is_public=False)
    former = StaffMemberFactory(employed_until=dt.date(2019, 1, 1))
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(former.get_absolute_url()).status_code == 404


def test_about_shows_an_edit_at_once_in_both_languages(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    member = StaffMemberFactory(surname="Перший")
    for url in ("/about/", "/en/about/"):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"
    english = client.get("/en/about/").content.decode()
    assert "1 methodist" in english and "1 методист" not in english
    assert f'href="/en/about/staff/{member.slug}/"' in english
    StaffMemberFactory(surname="Другий")
    member.surname = "Перейменований"
    member.save()
    for url in ("/about/", "/en/about/"):
        body = client.get(url).content.decode()
        assert "Другий" in body and "Перейменований" in body and "Перший" not in body


def test_about_keeps_department_order_with_heads_first_in_each(client):
    first = DepartmentFactory(name="Перший відділ", order=1)
    second = DepartmentFactory(name="Другий відділ", order=2)
    StaffMemberFactory(surname="Методистка", department=first)
    StaffMemberFactory(surname="Рядова", department=second)
    StaffMemberFactory(surname="Завідувачка", role=Role.HEAD, department=second)
    StaffMemberFactory(surname="Бібліотекарка", role=Role.LIBRARIAN, department=None)
    html = client.get("/about/").content.decode()
    order = [html.index(text) for text in (
        "Перший відділ", "Методистка", "Другий відділ", "Завідувачка", "Рядова",
        "Інші працівники", "Бібліотекарка",
    )]  # fmt: skip
    assert order == sorted(order)


def test_figures_of_the_staff_read_match_those_counted_by_the_database():
    for rate in ("1.00", "0.50", "0.75"):
        StaffMemberFactory(rate=Decimal(rate))
    StaffMemberFactory(role=Role.TECHNICIAN, is_public=False)
    StaffMemberFactory(role=Role.DIRECTOR)
    StaffMemberFactory(employed_until=dt.date(2020, 1, 1))
    read = by_role(StaffMember.objects.current())
    assert read == staff_by_role()
    assert [(row["role"], row["people"], row["posts"]) for row in read] == [
        (Role.DIRECTOR, 1, Decimal("1.00")),
        (Role.METHODIST, 3, Decimal("2.25")),
        (Role.TECHNICIAN, 1, Decimal("1.00")),
    ]
