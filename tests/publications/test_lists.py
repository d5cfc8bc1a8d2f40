"""The manuals (and a manual's page), the teachers' publications elsewhere and the
best-practice catalogue: filtered, paged lists."""

import datetime as dt
import re

import pytest

from publications.models.common import Level
from tests.factories import InstitutionFactory, StaffMemberFactory, SubjectFactory, TeacherFactory
from tests.publications.factories import (
    ExternalPublicationFactory,
    ManualFactory,
    PracticeEntryFactory,
    PracticeMaterialFactory,
)
from tests.publications.pages import main_html

pytestmark = pytest.mark.django_db


def manual_titles(response):
    return re.findall(r'<h2 class="h5"><a href="[^"]+">([^<]*)</a>', main_html(response))


def publication_titles(response):
    return re.findall(r"<strong>([^<]*)</strong>", main_html(response))


def entry_topics(response):
    return re.findall(r'<li class="mb-3">\s*<a href="[^"]+">([^<]*)</a>', main_html(response))


@pytest.mark.parametrize("count", [1, 3])
def test_manual_list_shows_manuals_with_their_authors(client, django_assert_num_queries, count):
    for n in range(count):
        ManualFactory(
            title=f"Посібник {n}",
            year=2010 + n,
            teachers=[TeacherFactory(surname=f"Гребенюк{n}", first_name="Ольга", patronymic="")],
            staff_authors=[StaffMemberFactory(surname=f"Методист{n}", first_name="Ірина")],
            authoring_group="Творча група вчителів історії",
        )
    # the centre, the filters' choices, the number of manuals, the page, their authors
    with django_assert_num_queries(5):
        response = client.get("/publications/manuals/")
    assert manual_titles(response) == [f"Посібник {n}" for n in range(count - 1, -1, -1)]
    html = main_html(response)
    for n in range(count):
        assert f"Гребенюк{n} О.</a>, Методист{n} І.П., Творча група вчителів історії" in html


def test_manual_list_links_each_manual_to_its_page(client):
    manual = ManualFactory(title="Історія рідного міста", description="Для 5–7 класів.")
    response = client.get("/publications/manuals/")
    assert f'<a href="{manual.get_absolute_url()}">Історія рідного міста</a>' in main_html(response)
    page = client.get(manual.get_absolute_url())
    html = main_html(page)
    assert "<h1" in html and "Історія рідного міста" in html and "Для 5–7 класів." in html


def test_manual_list_filters_by_author_area_and_year(client):
    history = SubjectFactory(name="Історія")
    maths = SubjectFactory(name="Математика")
    by_teacher = ManualFactory(
        title="Від учителя", teachers=[TeacherFactory(surname="Гребенюк")], subject=maths
    )
    by_staff = ManualFactory(
        title="Від методиста", staff_authors=[StaffMemberFactory(surname="Гребенюк")], year=2012
    )
    ManualFactory(title="Інший", subject=history, year=2012)
    assert manual_titles(client.get("/publications/manuals/", {"author": "гребенюк"})) == [
        "Від методиста",
        "Від учителя",
    ]
    assert manual_titles(client.get("/publications/manuals/", {"area": maths.slug})) == [
        by_teacher.title
    ]
    by_year = client.get("/publications/manuals/", {"year": "2012", "author": "Гребенюк"})
    assert manual_titles(by_year) == [by_staff.title]


def test_manual_list_filters_by_institution_each_manual_once(client):
    school = InstitutionFactory()
    colleagues = TeacherFactory.create_batch(2, institution=school)
    ManualFactory(title="Обидва автори зі школи", teachers=colleagues, year=2018)
    ManualFactory(
        title="Один автор зі школи", teachers=[colleagues[0], TeacherFactory()], year=2017
    )
    ManualFactory(title="Інша школа", teachers=[TeacherFactory()])
    response = client.get("/publications/manuals/", {"institution": school.slug})
    assert manual_titles(response) == ["Обидва автори зі школи", "Один автор зі школи"]


def test_manual_list_without_matches_says_so(client):
    ManualFactory()
    html = main_html(client.get("/publications/manuals/", {"author": "Немає"}))
    assert "Жоден посібник не відповідає цим умовам." in html


def test_list_pages_are_numbered_and_keep_the_filters(client):
    area = SubjectFactory(name="Географія")
    for n in range(45):
        ManualFactory(title=f"Посібник {n:02}", year=2010, subject=area)
    ManualFactory(title="Інший напрям", year=2030)
    newest_first = [f"Посібник {n:02}" for n in range(44, -1, -1)]
    first = client.get("/publications/manuals/", {"area": area.slug})
    assert manual_titles(first) == newest_first[:20]
    html = main_html(first)
    assert f'href="?area={area.slug}&amp;page=2"' in html and "Сторінка 1 з 3" in html
    third = client.get("/publications/manuals/", {"area": area.slug, "page": "3"})
    assert manual_titles(third) == newest_first[40:]
    assert f'href="?area={area.slug}&amp;page=2"' in main_html(third)
    assert client.get("/publications/manuals/", {"area": area.slug, "page": "4"}).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_manual_page_shows_the_manual_with_its_authors(client, django_assert_num_queries, count):
    manual = ManualFactory(
        title="Історія рідного міста",
        description="Навчальний посібник для 5–7 класів.",
        authoring_group="Творча група",
        subject=SubjectFactory(name="Історія"),
    )
    for n in range(count):  # one by one: the authors' order is the order they were added
        manual.teachers.add(TeacherFactory(surname=f"Автор{n}", first_name="Ганна"))
        manual.staff_authors.add(StaffMemberFactory(surname=f"Методист{n}"))
    # the centre, the manual with its area, its authors
    with django_assert_num_queries(3):
        response = client.get(manual.get_absolute_url())
    html = re.sub(r"\s+</p>", "</p>", main_html(response))
    authors = ", ".join(
        [f'<a href="/teachers/avtor{n}-hanna-ivanivna/">Автор{n} Г.І.</a>' for n in range(count)]
        + [f"Методист{n} І.П." for n in range(count)]
        + ["Творча група"]
    )
    assert f'<p class="lead">{authors}</p>' in html
    assert "Навчальний посібник для 5–7 класів." in html and "Історія" in html


def test_manual_page_of_a_hidden_manual_is_not_found(client):
    manual = ManualFactory(is_published=False)
    assert client.get(manual.get_absolute_url()).status_code == 404
    assert client.get("/publications/manuals/no-such-manual/").status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_article_list_shows_publications_elsewhere(client, django_assert_num_queries, count):
    for n in range(count):
        ExternalPublicationFactory(
            title=f"Стаття {n}",
            year=2016 + n,
            author=TeacherFactory(
                surname=f"Петренко{n}", institution=InstitutionFactory(short_name=f"Ліцей № {n}")
            ),
            subject=SubjectFactory(name=f"Напрям {n}"),
        )
    # the centre, the filters' choices, the number of publications, the page with areas,
    # its authors with institutions
    with django_assert_num_queries(5):
        response = client.get("/publications/articles/")
    assert publication_titles(response) == [f"Стаття {n}" for n in range(count - 1, -1, -1)]
    html = main_html(response)
    for n in range(count):
        assert f"всеукраїнський · Напрям {n} · Ліцей № {n}" in html
        assert f"Петренко{n} О.І.</a>" in html
    assert html.count("// Журнал «Початкова освіта» (Шкільний світ), ") == count


def test_article_list_filters_by_area_year_institution_level(client):
    school = InstitutionFactory()
    teacher = TeacherFactory(institution=school)
    area = SubjectFactory(name="Математика")
    ExternalPublicationFactory(title="Шукана", author=teacher, subject=area, year=2017)
    ExternalPublicationFactory(title="Інша школа", subject=area, year=2017)
    ExternalPublicationFactory(title="Інший рік", author=teacher, subject=area, year=2016)
    ExternalPublicationFactory(
        title="Інший рівень", author=teacher, subject=area, year=2017, level=Level.OBLAST
    )
    query = {"area": area.slug, "year": "2017", "institution": school.slug, "level": "national"}
    assert publication_titles(client.get("/publications/articles/", query)) == ["Шукана"]
    by_author = client.get("/publications/articles/", {"author": teacher.surname.lower()})
    assert publication_titles(by_author) == ["Інший рівень", "Шукана", "Інший рік"]


@pytest.mark.parametrize("count", [1, 3])
def test_practice_list_shows_entries_and_their_number(client, django_assert_num_queries, count):
    for n in range(count):
        PracticeEntryFactory(
            topic=f"Досвід {n}",
            city_decision_date=dt.date(2015, 3, 1 + n),
            author=TeacherFactory(surname=f"Ковальчук{n}"),
            institution=InstitutionFactory(short_name=f"Гімназія № {n + 10}"),
        )
    # the centre, the filters' choices, the number of entries, the page with institutions
    # and areas, its authors
    with django_assert_num_queries(5):
        response = client.get("/practice/")
    assert entry_topics(response) == [f"Досвід {n}" for n in range(count - 1, -1, -1)]
    html = main_html(response)
    assert {1: "1 запис", 3: "3 записи"}[count] in html
    for n in range(count):
        assert f"Ковальчук{n} О.І.</a>, Гімназія № {n + 10} · Історія · міський, 2015" in html


def test_practice_list_total_counts_the_filtered_list_on_every_page(client):
    teacher = TeacherFactory(surname="Ковальчук")
    for n in range(23):
        PracticeEntryFactory(author=teacher, city_decision_date=dt.date(2015, 1, 1 + n))
    PracticeEntryFactory.create_batch(2)  # other authors
    PracticeEntryFactory(author=teacher, is_published=False)
    first = client.get("/practice/", {"author": "Ковальчук"})
    second = client.get("/practice/", {"author": "Ковальчук", "page": "2"})
    assert len(entry_topics(first)) == 20 and len(entry_topics(second)) == 3
    for response in (first, second):
        assert "23 записи" in main_html(response)
    assert "25 записів" in main_html(client.get("/practice/"))


def test_practice_list_without_matches_shows_no_total(client):
    PracticeEntryFactory()
    html = main_html(client.get("/practice/", {"author": "Немає-такого"}))
    assert "Жоден досвід не відповідає цим умовам." in html and "запис" not in html


def test_practice_list_orders_by_first_inclusion(client):
    PracticeEntryFactory(
        topic="Лише обласний",
        city_decision_date=None,
        level=Level.OBLAST,
        oblast_decision_date=dt.date(2017, 6, 1),
        oblast_decision_number="5",
    )
    PracticeEntryFactory(topic="Старший", city_decision_date=dt.date(2016, 1, 1))
    PracticeEntryFactory(topic="Новіший", city_decision_date=dt.date(2018, 1, 1))
    assert entry_topics(client.get("/practice/")) == ["Новіший", "Лише обласний", "Старший"]


def test_practice_list_filters(client):
    moved = PracticeEntryFactory(
        topic="Обласний",
        level=Level.OBLAST,
        oblast_decision_date=dt.date(2016, 5, 1),
        oblast_decision_number="7",
    )
    city = PracticeEntryFactory(topic="Міський", city_decision_date=dt.date(2018, 2, 1))
    assert entry_topics(client.get("/practice/", {"level": "oblast"})) == ["Обласний"]
    assert entry_topics(client.get("/practice/", {"year": "2016"})) == ["Обласний"]
    assert entry_topics(client.get("/practice/", {"year": "2018"})) == ["Міський"]
    assert entry_topics(client.get("/practice/", {"author": city.author.surname})) == ["Міський"]
    by_school = client.get("/practice/", {"institution": moved.institution.slug})
    assert entry_topics(by_school) == ["Обласний"]


def test_filter_choices_come_in_each_model_order_by_slug(client):
    SubjectFactory(name="Фізика", order=2)
    SubjectFactory(name="Біологія", order=2)
    SubjectFactory(name="Математика", order=1)
    InstitutionFactory(kind="preschool", short_name="", name="ЗДО № 5")
    InstitutionFactory(kind="school", short_name="Ліцей № 1", name="Ліцей № 1 міста")
    InstitutionFactory(kind="school", short_name="Гімназія № 9", name="Гімназія № 9 міста")
    html = main_html(client.get("/practice/", {"area": "matematyka"}))
    assert html.index(">Математика<") < html.index(">Біологія<") < html.index(">Фізика<")
    assert html.index(">ЗДО № 5<") < html.index(">Гімназія № 9<") < html.index(">Ліцей № 1<")
    assert '<option value="matematyka" selected>Математика</option>' in html
    assert '<option value="fizyka">Фізика</option>' in html


@pytest.mark.parametrize("count", [1, 3])
def test_practice_entry_shows_its_catalogues_and_materials(
    client, django_assert_num_queries, count
):
    entry = PracticeEntryFactory(
        level=Level.OBLAST,
        oblast_decision_number="118",
        oblast_decision_date=dt.date(2016, 5, 10),
        description="Опис досвіду роботи.",
    )
    for n in range(count):
        PracticeMaterialFactory(entry=entry, title=f"Конспекти уроків {n}", order=n)
    # the centre, the entry with its author, institution and area, its materials
    with django_assert_num_queries(3):
        response = client.get(entry.get_absolute_url())
    html = main_html(response)
    assert "рішення № 2 від 20 березня 2015" in html
    assert "рішення № 118 від 10 травня 2016" in html
    assert re.findall(r">(Конспекти уроків \d)</a>", html) == [
        f"Конспекти уроків {n}" for n in range(count)
    ]
    assert "Опис досвіду роботи." in html
    description = f"{entry.topic}. {entry.author.full_name}, {entry.institution.name}"
    assert f'<meta name="description" content="{description}">' in response.content.decode()


def test_practice_entry_hidden_is_not_found(client):
    entry = PracticeEntryFactory(is_published=False)
    assert client.get(entry.get_absolute_url()).status_code == 404
