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


@pytest.mark.parametrize(
    "query", ["", "а", "x" * 1000, "об'єднання\x00", "'; DROP TABLE imc_portal_teacher; --", "%"]
)
def test_search_survives_any_input(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert response.context["query"] == query.replace("\x00", "").strip()[:200]


def test_search_query_with_nul_in_raw_url_is_not_an_error(client):
    response = client.get("/search/?q=%00%00abc")
    assert response.status_code == 200
    assert "abc" in response.content.decode()


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
    # then, until a record changes, the teacher only: the sections are kept rendered
    with django_assert_num_queries(1):
        assert client.get(teacher.get_absolute_url()).content.decode() == html


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
    client.get("/search/")  # fills the cached centre
    # the search index: the first hits of every section, then their rows
    with django_assert_num_queries(2):
        response = client.get("/search/", {"q": "бібліотекарів"})
    # then none while no record changes: the results are kept
    with django_assert_num_queries(0):
        assert client.get("/search/", {"q": "бібліотекарів"}).content == response.content
    html = response.content.decode()
    assert html.count("Семінар для бібліотекарів") == count
    assert html.count("Новини бібліотекарів") == count
