import datetime as dt
import html
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from events.models import Event, Group
from tests.events.factories import EventFactory, GroupFactory, MaterialFactory
from tests.factories import StaffMemberFactory, SubjectFactory, TeacherFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def association():
    maths = SubjectFactory(name="Математика")
    head = TeacherFactory(surname="Бондаренко", first_name="Олена", patronymic="Іванівна")
    group = GroupFactory(
        name="Міське МО вчителів математики",
        subject=maths,
        head=head,
        curator=StaffMemberFactory(surname="Гуменюк", first_name="Тетяна", patronymic=""),
        focus="Формувальне оцінювання.",
        focus_year=2025,
    )
    group.members.set([head, TeacherFactory(surname="Ткаченко"), TeacherFactory(surname="Мороз")])
    now = timezone.now()
    EventFactory(title="Наступне засідання", group=group, kind=Event.Kind.MEETING)
    past = EventFactory(title="Минуле засідання", group=group, start=now - dt.timedelta(days=20))
    MaterialFactory(event=past, title="Протокол засідання")
    EventFactory(title="Чернетка засідання", group=group, is_published=False)
    EventFactory(title="Засідання іншого МО", group=GroupFactory())
    return group


def test_group_passport_lists_its_meetings(client, association):
    response = client.get(association.get_absolute_url())
    body = response.content.decode()
    assert [e.title for e in response.context["upcoming"]] == ["Наступне засідання"]
    assert [e.title for e in response.context["past"]] == ["Минуле засідання"]
    assert "Протокол засідання" in body
    assert "Засідання іншого МО" not in body
    assert "Чернетка засідання" not in body
    assert "Бондаренко Олена Іванівна" in body
    assert "Гуменюк Тетяна" in body
    assert "Формувальне оцінювання." in body and "2025/2026" in body
    assert response.context["group"].member_count == 3


def test_group_passport_shows_an_edit_at_once(client, association):
    assert "3 учасники" in client.get(association.get_absolute_url()).content.decode()
    association.members.add(TeacherFactory())
    association.supervisor = "Професор Ковальчук"
    association.save()
    body = client.get(association.get_absolute_url()).content.decode()
    assert "4 учасники" in body and "Професор Ковальчук" in body


def test_group_member_names_for_staff_only(methodist_client, association):
    anonymous = Client()
    assert "Ткаченко" not in anonymous.get(association.get_absolute_url()).content.decode()
    assert anonymous.get(association.get_absolute_url()).context["members"] is None
    body = methodist_client.get(association.get_absolute_url()).content.decode()
    assert "Ткаченко" in body and "Мороз" in body
    # And the way to the members' attendance of the year, which only staff read.
    attendance = reverse("admin:events_group_attendance", args=[association.pk])
    assert f'href="{attendance}"' in body
    assert attendance not in anonymous.get(association.get_absolute_url()).content.decode()


def test_group_list_by_kind(client, association):
    GroupFactory(name="Клуб дошкільної еліти", kind=Group.Kind.CLUB)
    GroupFactory(name="Прихована група", is_public=False)
    body = client.get("/groups/").content.decode()
    headings = [
        html.unescape(h) for h in re.findall(r'<h2 id="groups-\d+" class="h4">([^<]+)</h2>', body)
    ]
    assert headings == ["Методичне об'єднання", "Клуб"]
    associations, clubs = body.split('id="groups-2"')
    assert "Міське МО вчителів математики" in associations
    assert "Клуб дошкільної еліти" in clubs
    assert "Прихована група" not in body


def test_hidden_group_is_404(client):
    group = GroupFactory(is_public=False)
    assert client.get(group.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_group_pages_query_count_does_not_grow(client, django_assert_num_queries, count):
    group = GroupFactory()
    for n in range(count):
        GroupFactory()
        group.members.add(TeacherFactory())
        EventFactory(group=group)
        past = EventFactory(group=group, start=timezone.now() - dt.timedelta(days=n + 1))
        MaterialFactory(event=past)
    # the centre, the number of groups, the page of them with their members counted
    with django_assert_num_queries(3):
        listing = client.get("/groups/").content.decode()
    assert listing.count('<li class="mb-2">') == count + 1
    # the centre, the group with its members counted, the upcoming meetings and their areas,
    # the past meetings, their materials and their number
    with django_assert_num_queries(7):
        html = client.get(group.get_absolute_url()).content.decode()
    assert html.count('<article class="border-bottom py-2"') == count
    assert html.count(">Матеріал ") == count
    assert html.count('class="event-item') == count
