"""Deleting people keeps the record straight: a student, teacher or staff member who is still
listed on a МАН work, a project team, an article, a manual, an event or a group cannot be
deleted (the admin names what lists them); nothing loses an author or a participant
silently. Somebody listed nowhere is deleted as before."""

import pytest
from django.contrib.admin.models import LogEntry
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils.html import escape, format_html

from contests.models import ManWork, Project, Student
from events.models import Event, Group
from imc_portal.models import Teacher
from publications.models import Article, Manual
from staff.models import StaffMember
from tests.contests.factories import ManWorkFactory, ProjectFactory, StudentFactory
from tests.events.factories import AttendanceFactory, EventFactory, GroupFactory
from tests.factories import InstitutionFactory, StaffMemberFactory, TeacherFactory
from tests.publications.factories import ArticleFactory, ManualFactory

pytestmark = pytest.mark.django_db

# Every many-to-many link from a record to people, and a factory of such a record.
LINKS = [
    (ManWork.students, ManWorkFactory),
    (Project.team, ProjectFactory),
    (Article.teachers, ArticleFactory),
    (Article.staff_authors, ArticleFactory),
    (Manual.teachers, ManualFactory),
    (Manual.staff_authors, ManualFactory),
    (Event.organisers, EventFactory),
    (Group.members, GroupFactory),
]
LINK_IDS = [f"{d.field.model.__name__}.{d.field.name}" for d, _factory in LINKS]
PEOPLE = {Student: StudentFactory, Teacher: TeacherFactory, StaffMember: StaffMemberFactory}


def _linked(descriptor, holder_factory):
    """A person listed, through ``descriptor``, on a new record (the only one listed)."""
    person = PEOPLE[descriptor.field.related_model](surname="Довженко", first_name="Олександр")
    holder = holder_factory()
    getattr(holder, descriptor.field.name).set([person])
    return person, holder


def _admin_url(obj, view):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_{view}", args=[obj.pk])


def test_every_link_to_people_is_covered():
    people_links = {
        f"{relation.related_model.__name__}.{relation.field.name}"
        for person in PEOPLE
        for relation in person._meta.related_objects
        if relation.many_to_many
    }
    # Links from people to subjects (a teacher's areas) are the person's own, not a listing.
    assert people_links == set(LINK_IDS)


@pytest.mark.parametrize(("descriptor", "holder_factory"), LINKS, ids=LINK_IDS)
def test_a_listed_person_is_not_deleted_from_the_admin(
    methodist_client, descriptor, holder_factory
):
    person, holder = _linked(descriptor, holder_factory)
    url = _admin_url(person, "delete")
    page = methodist_client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Не вдається видалити" in html
    assert format_html('<a href="{}">{}</a>', _admin_url(holder, "change"), holder) in html
    response = methodist_client.post(url, {"post": "yes"})
    assert response.status_code == 200  # the same refusal again, nothing deleted
    assert type(person).objects.filter(pk=person.pk).exists()
    assert list(getattr(holder, descriptor.field.name).all()) == [person]
    assert not LogEntry.objects.exists()


@pytest.mark.parametrize(("descriptor", "holder_factory"), LINKS, ids=LINK_IDS)
def test_a_listed_person_is_not_deleted_by_the_bulk_action(
    methodist_client, descriptor, holder_factory
):
    person, holder = _linked(descriptor, holder_factory)
    changelist = reverse(f"admin:{person._meta.app_label}_{person._meta.model_name}_changelist")
    data = {"action": "delete_selected", "_selected_action": [person.pk], "post": "yes"}
    response = methodist_client.post(changelist, data)
    assert response.status_code == 200
    assert escape(str(holder)) in response.content.decode()
    assert response.context["protected"]
    assert type(person).objects.filter(pk=person.pk).exists()
    assert list(getattr(holder, descriptor.field.name).all()) == [person]


def test_deleting_in_code_names_the_records_that_list_the_person():
    student = StudentFactory()
    work = ManWorkFactory(students=[student])
    project = ProjectFactory(team=[student])
    with pytest.raises(ProtectedError) as refused:
        student.delete()
    assert set(refused.value.protected_objects) == {work, project}
    assert list(work.students.all()) == [student]


def test_a_person_listed_nowhere_is_deleted(methodist_client):
    institution = InstitutionFactory()
    people = [StudentFactory(institution=institution), TeacherFactory(), StaffMemberFactory()]
    for person in people:
        response = methodist_client.post(_admin_url(person, "delete"), {"post": "yes"})
        assert response.status_code == 302
        assert not type(person).objects.filter(pk=person.pk).exists()


def test_deleting_a_record_still_takes_its_links_with_it(methodist_client):
    teacher = TeacherFactory()
    article = ArticleFactory(teachers=[teacher])
    assert methodist_client.post(_admin_url(article, "delete"), {"post": "yes"}).status_code == 302
    assert not Article.teachers.through.objects.exists()
    # Once nothing lists the teacher, the teacher can go.
    assert methodist_client.post(_admin_url(teacher, "delete"), {"post": "yes"}).status_code == 302
    assert not Teacher.objects.filter(pk=teacher.pk).exists()


def test_a_teacher_on_a_register_is_not_deleted(methodist_client):
    # The register's rows point at the teacher with a PROTECT key: a counted attendee is
    # never lost silently.
    row = AttendanceFactory(teacher__surname="Довженко", teacher__first_name="Олександр")
    url = _admin_url(row.teacher, "delete")
    page = methodist_client.get(url)
    assert "Не вдається видалити" in page.content.decode()
    assert escape(str(row)) in page.content.decode()
    assert methodist_client.post(url, {"post": "yes"}).status_code == 200
    assert Teacher.objects.filter(pk=row.teacher.pk).exists()
    with pytest.raises(ProtectedError):
        row.teacher.delete()
