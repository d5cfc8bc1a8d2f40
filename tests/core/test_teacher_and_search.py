import pytest

from tests.factories import InstitutionFactory, TeacherFactory

pytestmark = pytest.mark.django_db


def test_teacher_page_shows_only_name_and_institution(client):
    teacher = TeacherFactory(
        surname="Гребенюк", first_name="Алла", patronymic="Петрівна",
        institution=InstitutionFactory(name="Сумська гімназія № 1"),
        email="private@example.org", phone="+380501112233", note="Службова примітка",
    )  # fmt: skip
    html = client.get(teacher.get_absolute_url()).content.decode()
    assert '<h1 class="h2">Гребенюк Алла Петрівна</h1>' in html
    assert "Сумська гімназія № 1" in html
    for private in ("private@example.org", "+380501112233", "Службова примітка", "категор"):
        assert private not in html


def test_unknown_teacher_is_404(client):
    assert client.get("/teachers/nobody/").status_code == 404


@pytest.mark.parametrize("query", ["", "а", "'; DROP TABLE imc_portal_teacher; --", "%"])
def test_search_survives_any_input(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert response.context["query"] == query.strip()


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        ("%00%00abc", "Символи Null не дозволені."),
        ("об%27єднання%00", "Символи Null не дозволені."),
        ("x" * 201, "Переконайтеся, що це значення містить не більше ніж 200 символів"),
    ],
)
def test_search_refuses_nul_bytes_and_long_queries_with_a_400(client, raw, error):
    response = client.get(f"/search/?q={raw}")
    assert response.status_code == 400
    body = response.content.decode()
    assert error in body
    assert response.context["sections"] == []


def test_text_filter_matches_apostrophe_variants_and_all_terms():
    from imc_portal.models import Institution
    from imc_portal.site_search import text_filter

    wanted = InstitutionFactory(name="Центр «Об’єднання» міста")
    InstitutionFactory(name="Об'єднання села")
    InstitutionFactory(name="Інший заклад")
    found = text_filter(Institution.objects.all(), ["name"], "об'єднання міста")
    assert list(found) == [wanted]
    assert not text_filter(Institution.objects.all(), ["name"], "о").exists()


@pytest.mark.parametrize("count", [1, 3])
def test_teacher_page_query_count_does_not_grow(client, django_assert_num_queries, count):
    from tests.contests.factories import ContestEntryFactory, ContestResultFactory
    from tests.publications.factories import ArticleFactory, PracticeEntryFactory

    teacher = TeacherFactory()
    entry = ContestEntryFactory(teacher=teacher)
    for n in range(count):
        ContestResultFactory(entry=entry, stage=n + 1)
        ArticleFactory(teachers=[teacher], title=f"Стаття {n}")
        PracticeEntryFactory(author=teacher, topic=f"Досвід {n}")
    # the centre, the teacher, the contests' sections (entries, their results, mentored
    # olympiad results counted, МАН works) and the publications' (practice entries, then
    # articles, manuals and publications elsewhere in one query)
    with django_assert_num_queries(8):
        html = client.get(teacher.get_absolute_url()).content.decode()
    assert html.count("Стаття ") == count
    assert html.count("Досвід ") == count


def test_teacher_page_shows_a_new_record_at_once(client):
    from tests.publications.factories import PracticeEntryFactory

    teacher = TeacherFactory()
    assert "Нова розробка" not in client.get(teacher.get_absolute_url()).content.decode()
    PracticeEntryFactory(author=teacher, topic="Нова розробка")
    assert "Нова розробка" in client.get(teacher.get_absolute_url()).content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_search_page_query_count_does_not_grow(client, django_assert_num_queries, count):
    from tests.events.factories import EventFactory
    from tests.publications.factories import NewsFactory

    for n in range(count):
        EventFactory(title=f"Семінар для бібліотекарів {n}")
        NewsFactory(title=f"Новини бібліотекарів {n}")
    # the centre; the search index: the first hits of every section, then their rows
    with django_assert_num_queries(3):
        response = client.get("/search/", {"q": "бібліотекарів"})
    html = response.content.decode()
    assert html.count("Семінар для бібліотекарів") == count
    assert html.count("Новини бібліотекарів") == count
