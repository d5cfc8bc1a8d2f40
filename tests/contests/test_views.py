"""The public contests pages: what each shows, in what order, with how many queries."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.contests.factories import (
    ContestEditionFactory,
    ContestEntryFactory,
    ContestFactory,
    ContestResultFactory,
    ManResultFactory,
    ManWorkFactory,
    OlympiadFactory,
    OlympiadResultFactory,
    ProjectFactory,
    ProjectFestivalFactory,
    StudentFactory,
)
from tests.contests.pages import listed_teachers, table_rows, text
from tests.factories import InstitutionFactory, SubjectFactory, TeacherFactory

pytestmark = pytest.mark.django_db


def contest_entries(count, edition=None):
    """``count`` teachers in one nomination, each a stage I participant and stage II winner."""
    edition = edition or ContestEditionFactory()
    for _ in range(count):
        result = ContestResultFactory(entry__nomination__edition=edition, stage=1)
        ContestResultFactory(entry=result.entry, stage=2, outcome="winner", place=1, score=9)
    return edition


# Professional contests


@pytest.mark.parametrize("count", [1, 3])
def test_contest_index_query_count_does_not_grow(client, django_assert_num_queries, count):
    for year in range(2016, 2016 + count):
        contest_entries(2, ContestEditionFactory(year=year))
    ContestEditionFactory(contest=ContestFactory(name="Класовод року"), year=2016)
    # the contests, their editions with their counts, the centre
    with django_assert_num_queries(3):
        response = client.get("/en/contests/")
    page = text(response)
    for year in range(2016, 2016 + count):
        assert (
            f'<a href="/en/contests/uchytel-roku/{year}/">{year}</a>: 2 participants, 1 nomination'
            in page
        )
    assert "«Класовод року»" in page


def test_contest_index_shows_only_published_editions(client):
    contest_entries(1, ContestEditionFactory(year=2016))
    contest_entries(1, ContestEditionFactory(year=2017, is_published=False))
    hidden = ContestFactory(name="Прихований конкурс")
    ContestEditionFactory(contest=hidden, is_published=False)
    page = text(client.get("/contests/"))
    assert "/contests/uchytel-roku/2016/" in page
    assert "/contests/uchytel-roku/2017/" not in page
    assert "Прихований конкурс" not in page


@pytest.mark.parametrize("count", [1, 3])
def test_contest_edition_query_count_does_not_grow(client, django_assert_num_queries, count):
    edition = contest_entries(count)
    # the edition, the schools to filter by, the nominations, their entries, the entries'
    # results, the centre
    with django_assert_num_queries(6):
        response = client.get(edition.get_absolute_url())
    assert len(listed_teachers(response)) == count
    entry = edition.nominations.get().entries.order_by("pk").first()
    row = [
        entry.teacher.full_name,
        entry.institution.short_name,
        "учасник",
        "переможець, 1 місце (9,00)",
        "—",
    ]
    assert row in table_rows(response)


def test_contest_edition_lists_winners_first(client):
    edition = ContestEditionFactory()
    loser = ContestResultFactory(entry__nomination__edition=edition, stage=1, outcome="participant")
    laureate = ContestResultFactory(entry__nomination__edition=edition, stage=2, outcome="laureate")
    winner = ContestResultFactory(entry__nomination__edition=edition, stage=1, outcome="winner")
    ContestResultFactory(entry=winner.entry, stage=2, outcome="winner", place=2)
    response = client.get(edition.get_absolute_url())
    names = [result.entry.teacher.full_name for result in (winner, laureate, loser)]
    assert listed_teachers(response) == names


def test_contest_edition_shows_nominations_in_order_and_says_when_none_match(client):
    edition = ContestEditionFactory()
    ContestResultFactory(entry__nomination__edition=edition, entry__nomination__name="Фізика",
                         entry__nomination__order=2, outcome="winner")  # fmt: skip
    ContestResultFactory(entry__nomination__edition=edition, entry__nomination__name="Історія",
                         entry__nomination__order=1)  # fmt: skip
    page = text(client.get(edition.get_absolute_url(), {"result": "winner"}))
    assert page.index("Історія") < page.index("Фізика")
    assert page.count("Немає учасників, що відповідають фільтрам.") == 1


def test_contest_edition_filter_stage_and_result_combine(client):
    edition = ContestEditionFactory()
    stage_two_winner = ContestResultFactory(
        entry__nomination__edition=edition, stage=2, outcome="winner"
    )
    ContestResultFactory(entry__nomination__edition=edition, stage=2, outcome="participant")
    other = ContestResultFactory(entry__nomination__edition=edition, stage=1, outcome="winner")
    ContestResultFactory(entry=other.entry, stage=2, outcome="participant")
    response = client.get(edition.get_absolute_url(), {"stage": "2", "result": "winner"})
    assert listed_teachers(response) == [stage_two_winner.entry.teacher.full_name]


def test_contest_edition_filters_by_institution(client):
    edition = ContestEditionFactory()
    school = InstitutionFactory(short_name="Ліцей № 7")
    kept = ContestResultFactory(
        entry__nomination__edition=edition, entry__teacher__institution=school
    )
    ContestResultFactory(entry__nomination__edition=edition)
    response = client.get(edition.get_absolute_url(), {"institution": school.slug})
    assert listed_teachers(response) == [kept.entry.teacher.full_name]
    assert f'<option value="{school.slug}" selected>Ліцей № 7</option>' in text(response)


def test_unpublished_edition_is_not_found(client):
    edition = ContestEditionFactory(is_published=False)
    assert client.get(edition.get_absolute_url()).status_code == 404


# Olympiads


@pytest.mark.parametrize("count", [1, 3])
def test_olympiad_index_query_count_does_not_grow(client, django_assert_num_queries, count):
    for year in range(2019, 2019 + count):
        OlympiadResultFactory(olympiad__year=year, stage=3, result="1")
        OlympiadResultFactory(olympiad__year=year, stage=3, result="participant")
    # the figures of every year and stage, the centre
    with django_assert_num_queries(2):
        response = client.get("/en/olympiads/")
    page = text(response)
    for year in range(2019, 2019 + count):
        assert f'<a href="/en/olympiads/{year}/">{year}</a>' in page
    assert page.count("1 of 2 won (50.0 %)") == count


def test_olympiad_index_counts_each_year_and_stage(client):
    OlympiadResultFactory(olympiad__year=2018, stage=2, result="participant")
    OlympiadResultFactory(stage=2, result="1")
    OlympiadResultFactory(stage=4, result="2")
    OlympiadResultFactory(stage=4, result="participant")
    OlympiadResultFactory(
        stage=4, olympiad=OlympiadFactory(subject__name="Хімія", is_published=False)
    )
    years = client.get(reverse("contests:olympiad_index")).context["years"]
    assert [row["year"] for row in years] == [2019, 2018]
    figures = [
        [(cell["participants"], cell["winners"]) if cell else None for cell in row["cells"]]
        for row in years
    ]
    assert figures == [[(1, 1), None, (2, 1)], [(1, 0), None, None]]


@pytest.mark.parametrize("count", [1, 3])
def test_olympiad_year_query_count_does_not_grow(client, django_assert_num_queries, count):
    results = [OlympiadResultFactory(stage=3) for _ in range(count)]
    url = reverse("contests:olympiad_year", args=[2019])
    # the year's figures, the choices of the filters, a page of results with their
    # olympiad, student, institution and mentor, the figures by institution, the centre
    with django_assert_num_queries(5):
        response = client.get(url)
    rows = table_rows(response)
    for result in results:
        student, school, mentor = result.student, result.institution, result.mentor
        row = ["III (обласний) етап", student.public_name, "10", school.short_name]
        row += ["диплом I ступеня", "50,00", mentor.short_name]
        assert row in rows
        assert f'<a href="{result.mentor.get_absolute_url()}">' in text(response)
    by_institution = sorted(row for row in rows if len(row) == 3)
    assert by_institution == sorted([r.institution.short_name, "1", "1"] for r in results)


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
    physics = OlympiadFactory(subject__name="Фізика")
    OlympiadResultFactory(stage=3, result="1", olympiad=physics)
    response = client.get(
        reverse("contests:olympiad_year", args=[2019]),
        {"subject": winner.olympiad.subject.slug, "stage": "3", "result": "winners"},
    )
    assert list(response.context["page_obj"]) == [winner]
    # The figures by institution count every result of the stage, winners or not.
    assert [(row["participants"], row["winners"]) for row in response.context["institutions"]] == [
        (1, 1),
        (1, 0),
    ]
    diplomas = client.get(
        reverse("contests:olympiad_year", args=[2019]),
        {"subject": winner.olympiad.subject.slug, "result": "participant"},
    )
    assert [result.result for result in diplomas.context["page_obj"]] == ["participant"]


def test_olympiad_year_statistics_show_team_share(client):
    OlympiadResultFactory(stage=3, result="1")
    OlympiadResultFactory(stage=3, result="participant")
    OlympiadResultFactory(stage=2, result="participant")
    page = text(client.get("/en/olympiads/2019/"))
    team = "the city team of 2 students won 1 diploma: 50.0 % of the team"
    assert f"III (oblast) stage: {team}" in page
    assert "II (city) stage: participants: 1, diploma winners: 0 (0.0 %)" in page
    page = text(client.get("/olympiads/2019/"))
    assert "III (обласний) етап: команда міста з 2 учнів здобула 1 диплом: 50,0 % команди" in page


def test_olympiad_year_lists_one_subject_and_its_winners_by_default(client):
    maths = OlympiadResultFactory(stage=3, result="1", student__surname="Переможець")
    OlympiadResultFactory(stage=3, result="participant", student__surname="Учасниця")
    physics = OlympiadResultFactory(
        stage=3, result="2", olympiad=OlympiadFactory(subject__name="Фізика", subject__order=9)
    )
    url = reverse("contests:olympiad_year", args=[2019])
    response = client.get(url)
    assert response.context["subject"] == maths.olympiad.subject.slug
    assert list(response.context["page_obj"]) == [maths]
    assert "Учасниця" not in text(response)
    # The figures stay complete: every subject, every participant.
    assert [row["subject"] for row in response.context["olympiads"]] == ["Математика", "Фізика"]
    assert response.context["figures"][0]["participants"] == 3
    everyone = client.get(url, {"result": "all"})
    assert [r.student.surname for r in everyone.context["page_obj"]] == ["Переможець", "Учасниця"]
    other = client.get(url, {"subject": physics.olympiad.subject.slug})
    assert list(other.context["page_obj"]) == [physics]
    assert other.context["institutions"] == [
        {
            "institution__name": physics.institution.name,
            "institution__short_name": physics.institution.short_name,
            "participants": 1,
            "winners": 1,
            "1": 0,
            "2": 1,
            "3": 0,
            "participant": 0,
        }
    ]
    # the list's total comes from those figures, whatever result is shown
    for result, total in (("winners", 1), ("all", 1), ("2", 1), ("1", 0), ("participant", 0)):
        shown = client.get(url, {"subject": physics.olympiad.subject.slug, "result": result})
        assert shown.context["page_obj"].paginator.count == total, result
        assert len(shown.context["page_obj"]) == total, result


def test_olympiad_year_groups_a_subject_olympiad_and_tournament(client):
    subject = SubjectFactory(name="Математика")
    olympiad = OlympiadResultFactory(olympiad__subject=subject, stage=2)
    tournament = OlympiadResultFactory(
        olympiad__subject=subject, olympiad__kind="tournament", stage=3
    )
    response = client.get("/en/olympiads/2019/")
    page = text(response)
    assert list(response.context["page_obj"]) == [olympiad, tournament]
    assert page.index("Olympiad: Математика") < page.index("Tournament: Математика")
    assert "Математика</a> (tournament)" in page
    only = client.get("/en/olympiads/2019/", {"kind": "tournament"})
    assert list(only.context["page_obj"]) == [tournament]


def test_olympiad_year_highest_stage_first_and_pages(client):
    olympiad = OlympiadFactory()
    team = OlympiadResultFactory(olympiad=olympiad, stage=4, result="3")
    for n in range(50):
        OlympiadResultFactory(olympiad=olympiad, stage=2, result="1", score=n)
    url = reverse("contests:olympiad_year", args=[2019])
    first = client.get(url)
    assert len(first.context["page_obj"]) == 50
    assert first.context["page_obj"][0] == team
    assert first.context["page_obj"][1].score == Decimal(49)
    assert 'rel="next" href="?page=2"' in text(first)
    second = client.get(url, {"page": "2"})
    assert [result.score for result in second.context["page_obj"]] == [Decimal(0)]
    assert 'rel="prev" href="?page=1"' in text(second)
    assert 'rel="next"' not in text(second)
    filtered = client.get(url, {"result": "all", "page": "2"})
    assert 'rel="prev" href="?result=all&amp;page=1"' in text(filtered)
    assert client.get(url, {"page": "3"}).status_code == 404


def test_year_pages_without_records_are_not_found(client):
    OlympiadResultFactory(olympiad__year=2019)
    ManWorkFactory(year=2009)
    ProjectFestivalFactory(year=2010)
    assert client.get(reverse("contests:olympiad_year", args=[2019])).status_code == 200
    assert client.get(reverse("contests:olympiad_year", args=[1999])).status_code == 404
    assert client.get(reverse("contests:man_year", args=[2009])).status_code == 200
    assert client.get(reverse("contests:man_year", args=[1999])).status_code == 404
    assert client.get(reverse("contests:projects_year", args=[2010])).status_code == 200
    assert client.get(reverse("contests:projects_year", args=[1999])).status_code == 404
    OlympiadResultFactory(
        olympiad__year=2018, olympiad__subject__name="Хімія", olympiad__is_published=False
    )
    assert client.get(reverse("contests:olympiad_year", args=[2018])).status_code == 404


# МАН


def test_man_index_marks_the_all_time_record(client):
    for _ in range(3):
        ManWorkFactory(year=2009)
    ManWorkFactory(year=2010)
    ManWorkFactory(year=2011, is_published=False)
    response = client.get("/en/man/")
    assert response.context["record"] == {"year": 2009, "works": 3}
    assert [(row["year"], row["works"]) for row in response.context["years"]] == [
        (2009, 3),
        (2010, 1),
    ]
    page = text(response)
    assert "The record: 3 research works in 2009, the most of all time." in page
    assert '<tr class="table-success">' in page and page.count("(all-time record)") == 1


@pytest.mark.parametrize("count", [1, 3])
def test_man_index_query_count_does_not_grow(client, django_assert_num_queries, count):
    for year in range(2009, 2009 + count):
        ManResultFactory(work__year=year)
    # the figures by year and section, the centre
    with django_assert_num_queries(2):
        response = client.get("/man/")
    assert [row["year"] for row in response.context["years"]] == list(range(2009, 2009 + count))


@pytest.mark.parametrize("count", [1, 3])
def test_man_year_query_count_does_not_grow(client, django_assert_num_queries, count):
    works = [ManResultFactory(work__year=2009).work for _ in range(count)]
    url = reverse("contests:man_year", args=[2009])
    # the figures, the choices of the filters, the works with their section, institution,
    # supervisor and result per stage, their students, the centre
    with django_assert_num_queries(5):
        response = client.get(url)
    rows = table_rows(response)
    assert len(rows) == count
    for work in works:
        student = work.students.get()
        row = [work.title, student.public_name, "10", work.institution.short_name,
               work.supervisor.short_name, "I місце", "—", "—"]  # fmt: skip
        assert row in rows
        assert f'<a href="{work.supervisor.get_absolute_url()}">' in text(response)


def test_man_year_filters_by_section_and_result(client):
    kept = ManResultFactory(work__year=2009, outcome="1")
    ManResultFactory(work__year=2009, outcome="participant")
    response = client.get(
        reverse("contests:man_year", args=[2009]),
        {"section": kept.work.section.slug, "result": "winners"},
    )
    assert list(response.context["works"]) == [kept.work]
    second_stage = client.get(reverse("contests:man_year", args=[2009]), {"stage": "2"})
    assert list(second_stage.context["works"]) == []
    assert "Немає робіт, що відповідають фільтрам." in text(second_stage)


def test_man_year_lists_one_section_at_a_time(client):
    maths = ManWorkFactory(year=2009, title="Числа")
    history = ManWorkFactory(year=2009, title="Літопис", section__name="Історія", section__order=5)
    ManResultFactory(work=history, outcome="participant")
    url = reverse("contests:man_year", args=[2009])
    response = client.get(url)
    assert list(response.context["works"]) == [maths]
    assert response.context["count"] == 2
    page = text(response)
    assert "Історія" in page and "Літопис" not in page
    assert "2 роботи" in page
    other = client.get(url, {"section": history.section.slug})
    assert list(other.context["works"]) == [history]
    assert "<td>учасник</td>" in text(other)


def test_man_year_student_names_follow_the_setting(client, settings):
    work = ManWorkFactory(students=[StudentFactory(surname="Гнатюк", first_name="Марко")])
    url = reverse("contests:man_year", args=[work.year])
    settings.PUBLIC_STUDENT_NAMES = "full"
    assert "Гнатюк Марко" in text(client.get(url))
    settings.PUBLIC_STUDENT_NAMES = "initial"
    page = text(client.get(url))
    assert "Гнатюк М." in page and "Марко" not in page


# Project festival


@pytest.mark.parametrize("count", [1, 3])
def test_projects_index_query_count_does_not_grow(client, django_assert_num_queries, count):
    for year in range(2008, 2008 + count):
        ProjectFactory(festival=ProjectFestivalFactory(year=year), city_funded=True)
        ProjectFactory(festival=ProjectFestivalFactory(year=year))
    ProjectFestivalFactory(year=2030, is_published=False)
    # the festivals with their counts, the centre
    with django_assert_num_queries(2):
        response = client.get(reverse("contests:projects_index"))
    page = text(response)
    for year in range(2008, 2008 + count):
        assert f'<a href="/projects/{year}/">{year}</a>: 2 проекти, фінансує місто: 1' in page
    assert "/projects/2030/" not in page


@pytest.mark.parametrize("count", [1, 3])
def test_projects_year_query_count_does_not_grow(client, django_assert_num_queries, count):
    festival = ProjectFestivalFactory()
    projects = [ProjectFactory(festival=festival, supervisor=None) for _ in range(count)]
    # the festival, the choices of the filters, the projects with their school and
    # supervisor, their teams, the centre
    with django_assert_num_queries(5):
        response = client.get(festival.get_absolute_url())
    rows = table_rows(response)
    assert len(rows) == count
    for project in projects:
        team = project.team.get().public_name
        assert [
            project.title,
            project.institution.short_name,
            team,
            "—",
            "переможець, 1 місце",
            "ні",
        ] in rows


def test_projects_year_shows_team_supervisor_and_funding(client, settings):
    settings.PUBLIC_STUDENT_NAMES = "initial"
    student = StudentFactory(surname="Осадчий", first_name="Богдан")
    project = ProjectFactory(team=[student], city_funded=True, team_name="Винахідники")
    project.supervisor = TeacherFactory(surname="Керівна", first_name="Анна", patronymic="")
    project.save()
    page = text(client.get("/en" + project.festival.get_absolute_url()))
    assert "<td>Винахідники: Осадчий Б.</td>" in page
    assert "Богдан" not in page
    assert f'<a href="/en/teachers/{project.supervisor.slug}/">Керівна А.</a>' in page
    assert "<td>winner, place 1</td><td>yes</td>" in page


def test_projects_year_lists_winners_first_and_filters(client):
    festival = ProjectFestivalFactory()
    participant = ProjectFactory(festival=festival, outcome="participant", place=None)
    prize = ProjectFactory(festival=festival, outcome="prize", place=2, city_funded=True)
    winner = ProjectFactory(festival=festival, outcome="winner", place=1)
    response = client.get(festival.get_absolute_url())
    assert list(response.context["projects"]) == [winner, prize, participant]
    funded = client.get(festival.get_absolute_url(), {"city_funded": "true"})
    assert list(funded.context["projects"]) == [prize]
    winners = client.get(festival.get_absolute_url(), {"result": "winner"})
    assert list(winners.context["projects"]) == [winner]


# Across the pages


def test_result_pages_link_people_to_their_teacher_pages(client):
    entry = ContestEntryFactory()
    ContestResultFactory(entry=entry, outcome="winner")
    page = text(client.get("/en" + entry.nomination.edition.get_absolute_url()))
    assert f'href="/en/teachers/{entry.teacher.slug}/"' in page
    result = OlympiadResultFactory()
    page = text(client.get("/olympiads/2019/"))
    assert f'href="/teachers/{result.mentor.slug}/"' in page
    work = ManResultFactory().work
    page = text(client.get("/en/man/2009/"))
    assert f'href="/en/teachers/{work.supervisor.slug}/"' in page


def test_contest_index_is_reachable_from_navigation(client):
    ContestEntryFactory()
    assert 'href="/contests/"' in text(client.get("/"))


def test_search_finds_editions_and_olympiads_but_not_students(client):
    ContestEntryFactory()
    OlympiadResultFactory(student__surname="Учнівський")
    page = client.get(reverse("search"), {"q": "Учитель"}).content.decode()
    assert "«Учитель року» 2016" in page
    assert "Математика 2019" in client.get(reverse("search"), {"q": "Математика"}).content.decode()
    assert client.get(reverse("search"), {"q": "Учнівський"}).context["total"] == 0
