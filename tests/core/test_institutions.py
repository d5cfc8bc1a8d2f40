import datetime as dt

import pytest
from django.utils import timezone

from imc_portal.institutions import SECTION_ROWS
from imc_portal.models import Institution
from tests.contests.factories import (
    ContestEntryFactory,
    ContestResultFactory,
    ManResultFactory,
    ManWorkFactory,
    OlympiadResultFactory,
    StudentFactory,
)
from tests.contests.pages import main_links, table_rows, text
from tests.events.factories import EventFactory
from tests.factories import InstitutionFactory, TeacherFactory
from tests.publications.factories import (
    ArticleFactory,
    ExternalPublicationFactory,
    ManualFactory,
    PracticeEntryFactory,
)

pytestmark = pytest.mark.django_db


def fill(school, count):
    """``count`` records of every kind the page shows, at ``school``."""
    teacher = TeacherFactory(institution=school, surname="Вчителька")
    now = timezone.now()
    for n in range(count):
        days = dt.timedelta(days=n + 1)
        EventFactory(venue=school, title=f"Майбутній семінар {n}", start=now + days)
        EventFactory(venue=school, title=f"Минулий семінар {n}", start=now - days)
        student = StudentFactory(institution=school, surname=f"Учениця{n}")
        OlympiadResultFactory(student=student, mentor=teacher)
        ManResultFactory(work__institution=school, work__title=f"Дослідження школи {n}")
        entry = ContestEntryFactory(teacher=teacher, nomination__name=f"Номінація {n}")
        ContestResultFactory(entry=entry)
        PracticeEntryFactory(author=teacher, institution=school, topic=f"Досвід школи {n}")
        ArticleFactory(teachers=[teacher], title=f"Стаття школи {n}")
        ManualFactory(teachers=[teacher], title=f"Посібник школи {n}")
        ExternalPublicationFactory(author=teacher, title=f"Публікація школи {n}")
    return teacher


@pytest.mark.parametrize("count", [1, 3, SECTION_ROWS + 2])
def test_institution_page_query_count_does_not_grow(client, django_assert_num_queries, count):
    school = InstitutionFactory(name="Ліцей № 5", short_name="Ліцей № 5")
    fill(school, count)
    # the centre, the institution, its teachers with public records, the events held there
    # (coming and past), its olympiad results, its МАН works, its teachers' contest entries,
    # its practice entries and its teachers' publications (one UNION ALL)
    with django_assert_num_queries(8):
        response = client.get(school.get_absolute_url())
    page = text(response)
    shown = min(count, SECTION_ROWS)
    for word in ("Майбутній семінар", "Минулий семінар", "Учениця", "Дослідження школи",
                 "Номінація", "Досвід школи", "Стаття школи", "Посібник школи",
                 "Публікація школи"):  # fmt: skip
        assert page.count(word) == shown, word
    assert page.count("<h1") == 1
    assert "<title>Ліцей № 5" in page


def test_institution_page_says_how_many_more_and_links_the_filtered_lists(client):
    school = InstitutionFactory(name="Ліцей № 5", short_name="Ліцей № 5", slug="lyceum-5")
    fill(school, SECTION_ROWS + 2)
    response = client.get("/en" + school.get_absolute_url())
    page = text(response)
    assert "and 2 earlier results" in page
    assert "and 2 earlier works" in page
    assert "and 2 earlier entries" in page
    assert "2 more in the catalogue" in page
    links = main_links(response)
    assert "/en/practice/?institution=lyceum-5" in links
    assert "/en/publications/manuals/?institution=lyceum-5" in links
    assert "/en/publications/articles/?institution=lyceum-5" in links
    assert any(link.startswith("/en/olympiads/2019/?") and "institution=lyceum-5" in link
               for link in links)  # fmt: skip
    assert any(link.startswith("/en/contests/") and link.endswith("?institution=lyceum-5")
               for link in links)  # fmt: skip


def test_institution_page_lists_only_teachers_with_public_records(client):
    school = InstitutionFactory()
    author = TeacherFactory(
        institution=school, surname="Гребенюк", email="private@example.org", phone="+380501112233",
        note="Службова примітка",
    )  # fmt: skip
    PracticeEntryFactory(author=author, institution=school)
    hidden = TeacherFactory(institution=school, surname="Безрезультатна")
    PracticeEntryFactory(author=hidden, institution=school, is_published=False)
    TeacherFactory(institution=school, surname="Тиха")
    response = client.get(school.get_absolute_url())
    page = text(response)
    assert f'<a href="{author.get_absolute_url()}">{author.full_name}</a>' in page
    for absent in ("Безрезультатна", "Тиха", "private@example.org", "+380501112233", "Службова"):
        assert absent not in page


def test_institution_page_shows_only_allow_listed_student_fields(client, settings):
    school = InstitutionFactory()
    student = StudentFactory(
        institution=school, surname="Гнатюк", first_name="Марко", patronymic="Петрович",
        note="алергія",
    )  # fmt: skip
    OlympiadResultFactory(student=student, grade=11, stage=3)
    settings.PUBLIC_STUDENT_NAMES = "initial"
    response = client.get(school.get_absolute_url())
    assert ["2019", "Математика", "III (обласний) етап", "Гнатюк М.", "11", "диплом I ступеня"] in (
        table_rows(response)
    )
    for absent in ("Марко", "Петрович", "алергія"):
        assert absent not in text(response)


def test_institution_page_hides_drafts_and_unpublished_results(client):
    school = InstitutionFactory()
    EventFactory(venue=school, title="Чернетка семінару", is_published=False)
    OlympiadResultFactory(student__institution=school, olympiad__is_published=False)
    ManWorkFactory(institution=school, title="Прихована робота", is_published=False)
    ExternalPublicationFactory(author__institution=school, title="Прихована", is_published=False)
    page = text(client.get(school.get_absolute_url()))
    for absent in ("Чернетка семінару", "Математика", "Прихована робота", "Прихована"):
        assert absent not in page
    assert "Портал ще не має відкритих записів про цей заклад." in page


def test_institution_page_splits_coming_and_past_events(client):
    school = InstitutionFactory()
    now = timezone.now()
    soon = EventFactory(venue=school, title="Скоро", start=now + dt.timedelta(days=1))
    later = EventFactory(venue=school, title="Пізніше", start=now + dt.timedelta(days=9))
    hour = dt.timedelta(hours=1)
    under_way = EventFactory(venue=school, title="Триває", start=now - hour, end=now + hour)
    old = EventFactory(venue=school, title="Давно", start=now - dt.timedelta(days=30))
    recent = EventFactory(venue=school, title="Нещодавно", start=now - dt.timedelta(days=2))
    EventFactory(title="Деінде")  # another venue
    response = client.get(school.get_absolute_url())
    section = next(s for s in response.context["sections"] if "upcoming" in s)
    assert section["upcoming"] == [under_way, soon, later]
    assert section["past"] == [recent, old]
    assert "Деінде" not in text(response)


def test_unknown_institution_is_404(client):
    assert client.get("/institutions/nowhere/").status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_institution_list_groups_by_kind(client, django_assert_num_queries, count):
    schools = [InstitutionFactory(name=f"Школа {n}") for n in range(count)]
    preschool = InstitutionFactory(name="ЗДО № 1", kind=Institution.Kind.PRESCHOOL)
    # the centre, the institutions
    with django_assert_num_queries(2):
        response = client.get("/institutions/")
    page = text(response)
    assert page.index("Заклад загальної середньої освіти") < page.index(schools[0].name)
    assert page.index(schools[-1].name) < page.index(preschool.name)
    for institution in [*schools, preschool]:
        assert f'<a href="{institution.get_absolute_url()}">{institution.name}</a>' in page


def test_teacher_and_event_pages_link_the_institution(client):
    school = InstitutionFactory()
    teacher = TeacherFactory(institution=school)
    event = EventFactory(venue=school)
    link = f'<a href="{school.get_absolute_url()}">{school.name}</a>'
    assert link in text(client.get(teacher.get_absolute_url()))
    assert link in text(client.get(event.get_absolute_url()))


def test_search_finds_institutions_by_name(client):
    InstitutionFactory(name="Сумська гімназія № 1", short_name="Гімназія № 1")
    response = client.get("/search/", {"q": "гімназія"})
    assert "Сумська гімназія № 1" in text(response)
