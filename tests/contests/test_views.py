import html
import re

import pytest
from django.urls import reverse
from django.utils import translation

from contests.models import ContestEntry, ManOutcome, OlympiadResult
from tests.contests.factories import (
    ContestEditionFactory,
    ContestEntryFactory,
    ContestResultFactory,
    ManResultFactory,
    ManWorkFactory,
    OlympiadFactory,
    OlympiadResultFactory,
    ProjectFactory,
    ProjectFestivalFactory,
    StudentFactory,
)

pytestmark = pytest.mark.django_db


def contest_entries(count):
    edition = ContestEditionFactory()
    for _ in range(count):
        result = ContestResultFactory(entry__nomination__edition=edition, stage=1)
        ContestResultFactory(entry=result.entry, stage=2, outcome="winner")
    return edition


def listed_entries(response):
    """The teachers' names in the order the edition's tables list them."""
    page = response.content.decode()
    return [
        html.unescape(name) for name in re.findall(r'<tr><td><a href="[^"]+">([^<]+)</a>', page)
    ]


@pytest.mark.parametrize("count", [1, 3])
def test_contest_edition_query_count_does_not_grow(client, django_assert_num_queries, count):
    edition = contest_entries(count)
    # edition, nominations, entries; the rows not rendered yet: people, results; the
    # school list; the Centre.
    with django_assert_num_queries(7):
        response = client.get(edition.get_absolute_url())
    assert len(listed_entries(response)) == count
    # then the edition only: its nominations are kept rendered until a record changes
    with django_assert_num_queries(1):
        assert client.get(edition.get_absolute_url()).content == response.content
    ContestEntryFactory(nomination=edition.nominations.get(), teacher__surname="Новенька")
    assert "Новенька" in client.get(edition.get_absolute_url()).content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_contest_index_query_count_does_not_grow(client, django_assert_num_queries, count):
    contest_entries(count)
    with django_assert_num_queries(3):
        response = client.get(reverse("contests:index"))
    assert "Учитель року" in response.content.decode()


def test_contest_edition_lists_winners_first():
    edition = ContestEditionFactory()
    loser = ContestResultFactory(entry__nomination__edition=edition, stage=1, outcome="participant")
    winner = ContestResultFactory(entry__nomination__edition=edition, stage=1, outcome="winner")
    ContestResultFactory(entry=winner.entry, stage=2, outcome="laureate", place=2)
    from django.test import Client

    response = Client().get(edition.get_absolute_url())
    names = [winner.entry.teacher.full_name, loser.entry.teacher.full_name]
    assert listed_entries(response) == names


def test_contest_edition_filter_stage_and_result_combine(client):
    edition = ContestEditionFactory()
    stage_two_winner = ContestResultFactory(
        entry__nomination__edition=edition, stage=2, outcome="winner"
    )
    ContestResultFactory(entry__nomination__edition=edition, stage=2, outcome="participant")
    ContestResultFactory(entry__nomination__edition=edition, stage=1, outcome="winner")
    response = client.get(edition.get_absolute_url(), {"stage": "2", "result": "winner"})
    assert listed_entries(response) == [stage_two_winner.entry.teacher.full_name]


def test_unpublished_edition_is_not_found(client):
    edition = ContestEditionFactory(is_published=False)
    assert client.get(edition.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_olympiad_year_query_count_does_not_grow(client, django_assert_num_queries, count):
    results = [OlympiadResultFactory(stage=3) for _ in range(count)]
    url = reverse("contests:olympiad_year", args=[2019])
    # the year's figures, the institutions to filter by, the page's rows (read whole with
    # their student, institution and mentor), the institutions' figures, the centre
    with django_assert_num_queries(5):
        response = client.get(url)
    assert len(response.context["results"]) == count
    page = response.content.decode()
    for result in results:
        assert (
            f"<tr><td>{result.get_stage_display()}</td><td>{result.student.public_name}</td>"
            f"<td>10</td><td>{result.institution.short_name or result.institution.name}</td>"
            f"<td><strong>{result.get_result_display()}</strong></td><td>50,00</td>"
            f'<td><a href="{result.mentor.get_absolute_url()}">{result.mentor.short_name}</a>'
            "</td></tr>"
        ) in page
    # then nothing: the year's results are kept rendered until a record changes
    with django_assert_num_queries(0):
        assert client.get(url).content == response.content
    OlympiadResultFactory(stage=3, olympiad=OlympiadResult.objects.first().olympiad,
                          student__surname="Новенький")  # fmt: skip
    assert "Новенький" in client.get(url).content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_olympiad_index_query_count_does_not_grow(client, django_assert_num_queries, count):
    for _ in range(count):
        OlympiadResultFactory(stage=3)
    with django_assert_num_queries(2):
        response = client.get(reverse("contests:olympiad_index"))
    assert response.context["years"][0]["year"] == 2019


def test_olympiad_year_shows_only_allow_listed_student_fields(client, settings):
    student = StudentFactory(
        surname="Гнатюк", first_name="Марко", patronymic="Петрович", note="алергія"
    )
    OlympiadResultFactory(student=student, grade=11, result="1")
    settings.PUBLIC_STUDENT_NAMES = "full"
    page = client.get(reverse("contests:olympiad_year", args=[2019])).content.decode()
    assert "Гнатюк Марко" in page
    assert "Петрович" not in page
    assert "алергія" not in page
    settings.PUBLIC_STUDENT_NAMES = "initial"
    page = client.get(reverse("contests:olympiad_year", args=[2019])).content.decode()
    assert "Гнатюк М." in page
    assert "Марко" not in page


def test_olympiad_year_filters_by_subject_stage_and_result(client):
    winner = OlympiadResultFactory(stage=3, result="1")
    OlympiadResultFactory(stage=3, result="participant")
    OlympiadResultFactory(stage=2, result="1")
    OlympiadResultFactory(stage=3, result="1", olympiad=OlympiadFactory(subject__name="Фізика"))
    response = client.get(
        reverse("contests:olympiad_year", args=[2019]),
        {"subject": winner.olympiad.subject.slug, "stage": "3", "result": "winners"},
    )
    assert list(response.context["results"]) == [winner]
    assert response.context["institutions"][0]["winners"] == 1


def test_olympiad_year_statistics_show_team_share(client):
    OlympiadResultFactory(stage=3, result="1")
    OlympiadResultFactory(stage=3, result="participant")
    page = client.get(reverse("contests:olympiad_year", args=[2019])).content.decode()
    assert "50,0" in page or "50.0" in page


@pytest.mark.parametrize(
    "params",
    [
        {"subject": "\x00"},
        {"stage": "x" * 1000},
        {"institution": "no-such-school", "result": "%00"},
        {"kind": "\x00tournament", "stage": "99"},
    ],
)
def test_olympiad_year_bad_filters_are_ignored(client, params):
    result = OlympiadResultFactory()
    response = client.get(reverse("contests:olympiad_year", args=[2019]), params)
    assert response.status_code == 200
    assert list(response.context["results"]) == [result]


def test_year_pages_without_records_are_not_found(client):
    assert client.get(reverse("contests:olympiad_year", args=[1999])).status_code == 404
    assert client.get(reverse("contests:man_year", args=[1999])).status_code == 404
    assert client.get(reverse("contests:projects_year", args=[1999])).status_code == 404
    assert client.get("/olympiads/abc/").status_code == 404
    for year in ["0", "99999", "9" * 30]:
        assert client.get(f"/olympiads/{year}/").status_code == 404
        assert client.get(f"/man/{year}/").status_code == 404
        assert client.get(f"/projects/{year}/").status_code == 404
        assert client.get(f"/contests/uchytel-roku/{year}/").status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_man_year_query_count_does_not_grow(client, django_assert_num_queries, count):
    works = [ManResultFactory(work__year=2009).work for _ in range(count)]
    url = reverse("contests:man_year", args=[2009])
    # the figures, the institutions to filter by, the works (read whole with their
    # institution, supervisor and result per stage), their students, the centre
    with django_assert_num_queries(5):
        response = client.get(url)
    assert len(response.context["works"]) == count
    page = response.content.decode()
    assert page.count("<tr><td>") == count
    for work in works:
        students = ", ".join(student.public_name for student in work.students.all())
        assert students
        assert (
            f"<tr><td>{work.title}</td><td>{students}</td><td>10</td>"
            f"<td>{work.institution.short_name or work.institution.name}</td>"
            f'<td><a href="{work.supervisor.get_absolute_url()}">{work.supervisor.short_name}'
            f"</a></td><td>{ManOutcome.FIRST.label}</td><td>—</td><td>—</td></tr>"
        ) in page
    # then nothing: the works are kept rendered until a record changes
    with django_assert_num_queries(0):
        assert client.get(url).content == response.content


def test_man_index_marks_the_all_time_record(client):
    for _ in range(3):
        ManWorkFactory(year=2009)
    ManWorkFactory(year=2010)
    response = client.get(reverse("contests:man_index"))
    assert response.context["record"] == {"year": 2009, "works": 3}
    assert "table-success" in response.content.decode()


def test_man_year_filters_by_section_and_result(client):
    kept = ManResultFactory(work__year=2009, outcome="1")
    ManResultFactory(work__year=2009, outcome="participant")
    response = client.get(
        reverse("contests:man_year", args=[2009]),
        {"section": kept.work.section.slug, "result": "winners"},
    )
    assert response.context["works"] == [kept.work]


@pytest.mark.parametrize("count", [1, 3])
def test_projects_year_query_count_does_not_grow(client, django_assert_num_queries, count):
    festival = ProjectFestivalFactory()
    for _ in range(count):
        ProjectFactory(festival=festival)
    with django_assert_num_queries(5):
        response = client.get(festival.get_absolute_url())
    assert len(response.context["projects"]) == count
    # then the festival only: its projects are kept rendered until a record changes
    with django_assert_num_queries(1):
        assert client.get(festival.get_absolute_url()).content == response.content
    ProjectFactory(festival=festival, title="Новий проєкт")
    assert "Новий проєкт" in client.get(festival.get_absolute_url()).content.decode()


def test_projects_year_shows_team_and_funding(client, settings):
    settings.PUBLIC_STUDENT_NAMES = "initial"
    student = StudentFactory(surname="Осадчий", first_name="Богдан")
    project = ProjectFactory(team=[student], city_funded=True)
    page = client.get(project.festival.get_absolute_url()).content.decode()
    assert "Осадчий Б." in page
    assert "Богдан" not in page
    assert project.title in page


def test_teacher_page_shows_contest_history_across_stages(client):
    entry = ContestEntryFactory()
    ContestResultFactory(entry=entry, stage=1, outcome="winner", place=1)
    ContestResultFactory(entry=entry, stage=2, outcome="winner", place=1)
    page = client.get(entry.teacher.get_absolute_url()).content.decode()
    assert "Учитель року" in page
    assert page.count("переможець") == 2


def test_teacher_page_shows_mentoring_without_student_names(client):
    result = OlympiadResultFactory(student__surname="Секретний")
    page = client.get(result.mentor.get_absolute_url()).content.decode()
    assert "Математика" in page
    assert "Секретний" not in page


def test_search_finds_editions_and_olympiads_but_not_students(client):
    ContestEntryFactory()
    OlympiadResultFactory(student__surname="Учнівський")
    page = client.get(reverse("search"), {"q": "Учитель"}).content.decode()
    assert "«Учитель року» 2016" in page
    assert "Математика 2019" in client.get(reverse("search"), {"q": "Математика"}).content.decode()
    assert client.get(reverse("search"), {"q": "Учнівський"}).context["total"] == 0


def test_contest_index_is_reachable_from_navigation(client):
    ContestEntryFactory()
    page = client.get("/").content.decode()
    assert reverse("contests:index") in page


def test_olympiad_year_lists_one_subject_and_its_winners_by_default(client):
    maths = OlympiadResultFactory(stage=3, result="1", student__surname="Переможець")
    OlympiadResultFactory(stage=3, result="participant", student__surname="Учасниця")
    physics = OlympiadResultFactory(
        stage=3, result="2", olympiad=OlympiadFactory(subject__name="Фізика", subject__order=9)
    )
    url = reverse("contests:olympiad_year", args=[2019])
    response = client.get(url)
    assert response.context["subject"] == maths.olympiad.subject.slug
    assert list(response.context["results"]) == [maths]
    page = response.content.decode()
    assert "Учасниця" not in page
    # The figures stay complete: every subject, every participant.
    assert [row["subject"] for row in response.context["olympiads"]] == ["Математика", "Фізика"]
    assert response.context["figures"][0]["participants"] == 3
    everyone = client.get(url, {"result": "all"})
    assert [r.student.surname for r in everyone.context["results"]] == ["Переможець", "Учасниця"]
    other = client.get(url, {"subject": physics.olympiad.subject.slug})
    assert list(other.context["results"]) == [physics]
    assert other.context["institutions"] == [
        {
            "institution__name": physics.institution.name,
            "institution__short_name": physics.institution.short_name,
            "participants": 1,
            "winners": 1,
        }
    ]


def test_olympiad_year_highest_stage_first_and_bounded_pages(client, settings):
    olympiad = OlympiadFactory()
    team = OlympiadResultFactory(olympiad=olympiad, stage=4, result="3")
    for n in range(50):
        OlympiadResultFactory(olympiad=olympiad, stage=2, result="1", score=n)
    url = reverse("contests:olympiad_year", args=[2019])
    first = client.get(url)
    assert len(first.context["results"]) == 50
    assert first.context["results"][0] == team
    assert first.context["next_page"] == 2
    second = client.get(url, {"page": "2"})
    assert len(second.context["results"]) == 1
    assert second.context["previous_page"] == 1 and second.context["next_page"] is None
    assert 'rel="prev"' in second.content.decode()
    assert client.get(url, {"page": "3"}).status_code == 404
    for odd in ["0", "-1", "x", "\x00", "9" * 1000, "٣"]:
        response = client.get(url, {"page": odd})
        assert response.status_code == 200
        assert response.context["page"] == 1


def test_olympiad_figures_are_cached_until_a_record_changes(client, django_assert_num_queries):
    OlympiadResultFactory(stage=3)
    url = reverse("contests:olympiad_index")
    client.get(url)
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response.context["years"][0]["cells"][1]["participants"] == 1
    OlympiadResultFactory(stage=3)
    response = client.get(url)
    assert response.context["years"][0]["cells"][1]["participants"] == 2


def test_man_year_lists_one_section_at_a_time(client):
    maths = ManWorkFactory(year=2009, title="Числа")
    history = ManWorkFactory(year=2009, title="Літопис", section__name="Історія", section__order=5)
    ManResultFactory(work=history, outcome="participant")
    url = reverse("contests:man_year", args=[2009])
    response = client.get(url)
    assert response.context["works"] == [maths]
    assert response.context["count"] == 2
    page = response.content.decode()
    assert "Історія" in page and "Літопис" not in page
    other = client.get(url, {"section": history.section.slug})
    assert other.context["works"] == [history]
    assert "<td>учасник</td>" in other.content.decode()
    ignored = client.get(url, {"section": "no-such\x00section"}).content.decode()
    assert "Числа" in ignored and "Літопис" not in ignored


def test_result_pages_link_people_to_their_teacher_pages(client):
    entry = ContestEntryFactory()
    ContestResultFactory(entry=entry, outcome="winner")
    page = client.get("/en" + entry.nomination.edition.get_absolute_url()).content.decode()
    assert f'href="/en/teachers/{entry.teacher.slug}/"' in page
    result = OlympiadResultFactory()
    page = client.get(reverse("contests:olympiad_year", args=[2019])).content.decode()
    assert f'href="{result.mentor.get_absolute_url()}"' in page
    work = ManResultFactory().work
    page = client.get(reverse("contests:man_year", args=[2009])).content.decode()
    assert f'href="{work.supervisor.get_absolute_url()}"' in page


@pytest.mark.parametrize("count", [1, 3])
def test_result_pages_steady_query_counts(client, django_assert_num_queries, count):
    """Once the Centre, the school list, the figures and the rendered results are cached
    (until a record changes), a page costs at most the query of the edition or festival
    its address names."""
    for _ in range(count):
        OlympiadResultFactory(stage=3)
        ManResultFactory(work__year=2009)
        ProjectFactory()
    edition = contest_entries(count)
    pages = {
        reverse("contests:olympiad_year", args=[2019]): 0,
        reverse("contests:man_year", args=[2009]): 0,
        reverse("contests:projects_year", args=[2010]): 1,  # festival
        edition.get_absolute_url(): 1,  # edition (its nominations are kept rendered)
        reverse("contests:olympiad_index"): 0,
        reverse("contests:man_index"): 0,
        reverse("contests:index"): 1,  # contests
        reverse("contests:projects_index"): 1,  # festivals
    }
    for url, queries in pages.items():
        client.get(url)
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_projects_index_query_count_does_not_grow(client, django_assert_num_queries, count):
    for year in range(2008, 2008 + count):
        ProjectFactory(festival=ProjectFestivalFactory(year=year))
    client.get(reverse("contests:projects_index"))  # fills the cached centre
    with django_assert_num_queries(1):
        response = client.get(reverse("contests:projects_index"))
    html = response.content.decode()
    assert all(f"/projects/{year}/" in html for year in range(2008, 2008 + count))


def test_result_rows_show_an_edit_at_once_despite_the_kept_fragments(client):
    """Rows, tables and forms are rendered once per content version: any save shows."""
    with translation.override("uk"):
        edition = contest_entries(1)
        olympiad = OlympiadResultFactory(stage=3)
        work = ManResultFactory(work__year=2009).work
        project = ProjectFactory()
        pages = {
            edition.get_absolute_url(): ContestEntry.objects.get().teacher,
            reverse("contests:olympiad_year", args=[2019]): olympiad.student,
            reverse("contests:man_year", args=[2009]): work.students.get(),
        }
        for url, person in pages.items():
            client.get(url)
            person.surname = "Перейменований"
            person.save()
            assert "Перейменований" in client.get(url).content.decode(), url
        url = project.festival.get_absolute_url()
        client.get(url)
        project.team.add(StudentFactory(surname="Новенька"))
        assert "Новенька" in client.get(url).content.decode()
        client.get(reverse("contests:projects_index"))
        ProjectFactory(festival=project.festival)
        assert "2 проекти" in client.get(reverse("contests:projects_index")).content.decode()


def test_index_tables_show_a_new_record_at_once(client):
    with translation.override("uk"):
        edition = contest_entries(1)
        OlympiadResultFactory(stage=3, result="1")
        ManWorkFactory(year=2009)
        urls = [reverse(name) for name in ("contests:index", "contests:olympiad_index")]
        urls.append(reverse("contests:man_index"))
        before = [client.get(url).content.decode() for url in urls]
        ContestResultFactory(entry__nomination__edition=edition)
        OlympiadResultFactory(stage=3, result="participant")
        ManWorkFactory(year=2009)
        after = [client.get(url).content.decode() for url in urls]
        assert "1 учасник" in before[0] and "2 учасники" in after[0]
        assert "1 з 1" in before[1] and "1 з 2" in after[1]
        assert "<td>1" in before[2] and "<td>2" in after[2]


def test_kept_filter_form_shows_each_request_its_own_choices(client):
    result = OlympiadResultFactory(stage=3)
    url = reverse("contests:olympiad_year", args=[2019])
    slug = result.institution.slug
    chosen = client.get(url, {"institution": slug}).content.decode()
    assert f'<option value="{slug}" selected>' in chosen
    plain = client.get(url).content.decode()
    assert f'<option value="{slug}">' in plain
    assert client.get(url, {"institution": slug}).content.decode() == chosen


def test_student_rows_follow_the_name_setting_although_rows_are_kept(client, settings):
    work = ManWorkFactory(students=[StudentFactory(surname="Гнатюк", first_name="Марко")])
    url = reverse("contests:man_year", args=[work.year])
    settings.PUBLIC_STUDENT_NAMES = "full"
    assert "Гнатюк Марко" in client.get(url).content.decode()
    settings.PUBLIC_STUDENT_NAMES = "initial"
    page = client.get(url).content.decode()
    assert "Гнатюк М." in page and "Марко" not in page
