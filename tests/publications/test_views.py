import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.utils import timezone
from django.utils.html import escape

from imc_portal.models import Institution, Subject
from imc_portal.page_cache import clear_local
from publications import filters
from publications.models.common import Level
from tests.factories import InstitutionFactory, SubjectFactory, TeacherFactory
from tests.publications.factories import (
    ArticleFactory,
    ExternalPublicationFactory,
    IssueFactory,
    ManualFactory,
    NewsFactory,
    PeriodicalFactory,
    PracticeEntryFactory,
    PracticeMaterialFactory,
)

pytestmark = pytest.mark.django_db


def _cold_cache():
    """Nothing kept: the Centre, the filter choices and every rendered piece are missed."""
    cache.clear()
    clear_local()


def _issues_with_articles(count):
    periodical = PeriodicalFactory(title="Педагогічний вісник")
    teachers = TeacherFactory.create_batch(2)
    for number in range(1, count + 1):
        issue = IssueFactory(periodical=periodical, number=number)
        ArticleFactory(issue=issue, teachers=teachers, other_authors="Гість А. Б.")
    return periodical


@pytest.mark.parametrize("count", [1, 3])
def test_index_query_count_is_constant(client, django_assert_num_queries, count):
    _issues_with_articles(count)
    PeriodicalFactory(title="Дошкільник")
    ManualFactory.create_batch(count)
    with django_assert_num_queries(4):  # the Centre, periodicals, their issues, manuals
        response = client.get("/publications/")
    with django_assert_num_queries(0):
        assert client.get("/publications/").content == response.content
    html = response.content.decode()
    assert "Педагогічний вісник" in html and "Дошкільник" in html
    assert html.count("№ ") == count
    ManualFactory(title="Щойно внесений посібник")
    assert "Щойно внесений посібник" in client.get("/publications/").content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_periodical_archive_shows_the_latest_year_and_links_the_others(
    client, django_assert_num_queries, count
):
    periodical = _issues_with_articles(count)  # issues of 2016
    old = IssueFactory(periodical=periodical, year=2015, number=1)
    _cold_cache()
    with django_assert_num_queries(5):
        response = client.get(periodical.get_absolute_url())
    with django_assert_num_queries(1):  # the periodical; its year is kept rendered
        warm = client.get(periodical.get_absolute_url())
    assert warm.content == response.content
    html = response.content.decode()
    assert 'id="year-2016"' in html and 'id="year-2015"' not in html
    assert "Випуски 2016 року" in html
    assert html.count("№ ") == count
    assert f'href="/publications/{periodical.slug}/2015/"' in html
    assert old.get_absolute_url() not in html


def test_periodical_year_page_lists_that_year_only(client, django_assert_num_queries):
    periodical = _issues_with_articles(2)
    old = IssueFactory(periodical=periodical, year=2015, number=7)
    client.get(periodical.get_absolute_url())
    with django_assert_num_queries(3):  # the year's issue is not rendered yet
        response = client.get(f"/publications/{periodical.slug}/2015/")
    html = response.content.decode()
    assert 'id="year-2015"' in html and old.get_absolute_url() in html
    assert html.count("№ ") == 1
    assert f'href="/publications/{periodical.slug}/2016/"' in html


@pytest.mark.parametrize("year", [2014, 1900, 99999])
def test_periodical_year_without_issues_is_not_found(client, year):
    periodical = _issues_with_articles(1)
    assert client.get(f"/publications/{periodical.slug}/{year}/").status_code == 404


def test_periodical_without_issues_says_so(client):
    periodical = PeriodicalFactory()
    response = client.get(periodical.get_absolute_url())
    assert response.status_code == 200
    assert "Випусків ще не опубліковано." in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_issue_page_lists_contents_with_authors(client, django_assert_num_queries, count):
    issue = IssueFactory()
    teacher = TeacherFactory(surname="Коваленко", first_name="Ірина", patronymic="Петрівна")
    for _n in range(count):
        ArticleFactory(issue=issue, teachers=[teacher])
    client.get("/publications/")  # caches the Centre
    with django_assert_num_queries(4):
        response = client.get(issue.get_absolute_url())
    with django_assert_num_queries(0):  # the page is kept until a record changes
        warm = client.get(issue.get_absolute_url())
    assert warm.content == response.content
    html = response.content.decode()
    assert html.count("Коваленко І.П.") == count
    assert issue.pdf.url in html


def test_issue_contents_show_an_edit_at_once(client):
    issue = IssueFactory()
    article = ArticleFactory(issue=issue, title="Перша назва")
    assert "Перша назва" in client.get(issue.get_absolute_url()).content.decode()
    article.title = "Нова назва статті"
    article.save()
    html = client.get(issue.get_absolute_url()).content.decode()
    assert "Нова назва статті" in html and "Перша назва" not in html


def test_unpublished_issue_is_not_found(client):
    issue = IssueFactory(is_published=False)
    assert client.get(issue.get_absolute_url()).status_code == 404


def test_future_issue_is_hidden_from_archive(client):
    future = timezone.localdate() + dt.timedelta(days=30)
    issue = IssueFactory(year=future.year, date=future)
    response = client.get(issue.periodical.get_absolute_url())
    assert issue.get_absolute_url() not in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_manual_list_query_count_is_constant(client, django_assert_num_queries, count):
    teacher = TeacherFactory(surname="Гребенюк")
    for _n in range(count):
        ManualFactory(teachers=[teacher])
    _cold_cache()
    # The filter choices (one UNION), the page's whole rows, 2 × authors, the Centre.
    with django_assert_num_queries(5):
        response = client.get("/publications/manuals/")
    with django_assert_num_queries(0):  # the list is kept rendered until a record changes
        warm = client.get("/publications/manuals/")
    assert warm.content == response.content
    assert response.content.decode().count("Гребенюк") == count


def test_manual_list_filters_by_author_and_ignores_bad_values(client):
    teacher = TeacherFactory(surname="Гребенюк")
    wanted = ManualFactory(teachers=[teacher])
    other = ManualFactory()
    response = client.get("/publications/manuals/", {"author": "гребенюк", "year": "abc"})
    assert list(response.context["page"]) == [wanted]
    response = client.get("/publications/manuals/", {"area": "no-such-area", "author": "x" * 1000})
    assert set(response.context["page"]) == {wanted, other}


@pytest.mark.parametrize("count", [1, 3])
def test_article_list_query_count_is_constant(client, django_assert_num_queries, count):
    ExternalPublicationFactory.create_batch(count)
    _cold_cache()
    with django_assert_num_queries(3):  # the filter choices, the page's whole rows, the Centre
        response = client.get("/publications/articles/")
    with django_assert_num_queries(0):  # the list is kept rendered until a record changes
        warm = client.get("/publications/articles/")
    assert warm.content == response.content
    assert response.content.decode().count("Журнал «Початкова освіта»") == count


def test_article_list_filters_by_area_year_institution_level(client):
    school = InstitutionFactory()
    teacher = TeacherFactory(institution=school)
    area = SubjectFactory(name="Математика")
    wanted = ExternalPublicationFactory(author=teacher, subject=area, year=2017)
    ExternalPublicationFactory(year=2017)
    ExternalPublicationFactory(author=teacher, subject=area, year=2016)
    ExternalPublicationFactory(author=teacher, subject=area, year=2017, level=Level.OBLAST)
    response = client.get(
        "/publications/articles/",
        {"area": area.slug, "year": "2017", "institution": school.slug, "level": "national"},
    )
    assert list(response.context["page"]) == [wanted]


@pytest.mark.parametrize("count", [1, 3])
def test_practice_list_query_count_is_constant(client, django_assert_num_queries, count):
    PracticeEntryFactory.create_batch(count)
    _cold_cache()
    # The filter choices (one UNION), the page's whole rows with the list's total, the Centre.
    with django_assert_num_queries(3):
        response = client.get("/practice/")
    with django_assert_num_queries(0):  # the list is kept rendered until a record changes
        warm = client.get("/practice/")
    assert warm.content == response.content
    assert response.content.decode().count("Технологія критичного мислення") == count
    assert response.context["total"] == count


def test_practice_list_total_counts_the_filtered_list_on_every_page(
    client, django_assert_num_queries
):
    """The total comes with the page's rows (a subquery, not a window over the rows past
    the cursor): the same on the first page and a deep one, of the filtered list."""
    teacher = TeacherFactory(surname="Ковальчук")
    for n in range(23):
        PracticeEntryFactory(author=teacher, city_decision_date=dt.date(2015, 1, 1 + n))
    PracticeEntryFactory.create_batch(2)  # other authors
    PracticeEntryFactory(author=teacher, is_published=False)
    client.get("/practice/")  # caches the Centre and the filter choices
    first = client.get("/practice/", {"author": "Ковальчук"})
    assert first.context["total"] == 23 and "23 записи" in first.content.decode()
    with django_assert_num_queries(1):
        deep = client.get(
            "/practice/", {"author": "Ковальчук", "before": first.context["page"].next_cursor}
        )
    assert len(deep.context["page"]) == 3
    assert deep.context["total"] == 23 and "23 записи" in deep.content.decode()
    assert "25 записів" in client.get("/practice/").content.decode()  # unfiltered


def test_practice_list_empty_shows_no_total(client, django_assert_num_queries):
    PracticeEntryFactory(city_decision_date=dt.date(2015, 1, 1))
    client.get("/practice/")  # caches the Centre and the filter choices
    with django_assert_num_queries(1):  # the page's rows: none, and no separate count
        empty = client.get("/practice/", {"author": "Немає-такого"})
    html = empty.content.decode()
    assert empty.context["total"] == 0
    assert "Жоден досвід не відповідає цим умовам." in html and "запис" not in html
    past_the_end = client.get("/practice/", {"before": "2000-01-01.1"})
    assert past_the_end.context["total"] is None
    assert "Жоден досвід не відповідає цим умовам." in past_the_end.content.decode()


def test_manual_list_filters_by_institution_each_manual_once(client, django_assert_num_queries):
    school = InstitutionFactory()
    colleagues = TeacherFactory.create_batch(2, institution=school)
    both = ManualFactory(teachers=colleagues, year=2018)
    one = ManualFactory(teachers=[colleagues[0], TeacherFactory()], year=2017)
    ManualFactory(teachers=[TeacherFactory()])  # another institution
    _cold_cache()
    client.get("/publications/manuals/", {"year": "2000"})  # the Centre, the filter choices
    with django_assert_num_queries(3):  # the page's whole rows, 2 × authors
        response = client.get("/publications/manuals/", {"institution": school.slug})
    assert list(response.context["page"]) == [both, one]
    assert response.content.decode().count('<article id="manual-') == 2


def test_filter_choices_are_one_query_in_each_model_order(client, django_assert_num_queries):
    SubjectFactory(name="Фізика", order=2)
    SubjectFactory(name="Біологія", order=2)
    SubjectFactory(name="Математика", order=1)
    InstitutionFactory(kind="preschool", short_name="", name="ЗДО № 5")
    InstitutionFactory(kind="school", short_name="Ліцей № 1", name="Ліцей № 1 міста")
    InstitutionFactory(kind="school", short_name="Гімназія № 9", name="Гімназія № 9 міста")
    _cold_cache()
    with django_assert_num_queries(1):
        areas, institutions = filters._choices(Subject), filters._choices(Institution)
    assert [name for _pk, _slug, name in areas] == ["Математика", "Біологія", "Фізика"]
    assert [name for _pk, _slug, name in institutions] == ["ЗДО № 5", "Гімназія № 9", "Ліцей № 1"]
    html = client.get("/practice/").content.decode()
    assert html.index(">Математика<") < html.index(">Біологія<") < html.index(">Фізика<")
    assert html.index(">ЗДО № 5<") < html.index(">Гімназія № 9<") < html.index(">Ліцей № 1<")


def test_practice_list_filters(client):
    moved = PracticeEntryFactory(
        level=Level.OBLAST, oblast_decision_date=dt.date(2016, 5, 1), oblast_decision_number="7"
    )
    city = PracticeEntryFactory(city_decision_date=dt.date(2018, 2, 1))
    assert list(client.get("/practice/", {"level": "oblast"}).context["page"]) == [moved]
    assert list(client.get("/practice/", {"year": "2016"}).context["page"]) == [moved]
    assert list(client.get("/practice/", {"year": "2018"}).context["page"]) == [city]
    by_author = client.get("/practice/", {"author": city.author.surname})
    assert list(by_author.context["page"]) == [city]
    by_school = client.get("/practice/", {"institution": moved.institution.slug})
    assert list(by_school.context["page"]) == [moved]


@pytest.mark.parametrize(
    "query",
    [
        "?level=%00",
        "?year=%00",
        "?author=%00abc",
        "?institution=%00",
        "?area=" + "x" * 1000,
        "?year=99999999999999999999",
        "?page=%00",
        "?page=-1",
        "?page=999",
        "?author='%3B DROP TABLE publications_practiceentry%3B--",
    ],
)
def test_practice_list_bad_input_is_ignored(client, query):
    entry = PracticeEntryFactory()
    response = client.get("/practice/" + query)
    assert response.status_code == 200
    if "author" not in query:
        assert list(response.context["page"]) == [entry]


def test_practice_detail_shows_both_catalogue_dates_and_materials(
    client, django_assert_num_queries
):
    entry = PracticeEntryFactory(
        level=Level.OBLAST,
        oblast_decision_number="118",
        oblast_decision_date=dt.date(2016, 5, 10),
    )
    PracticeMaterialFactory(entry=entry, title="Конспекти уроків")
    client.get("/practice/")  # caches the Centre
    # the entry, then whole with its author, institution and area, its materials
    with django_assert_num_queries(3):
        response = client.get(entry.get_absolute_url())
    with django_assert_num_queries(1):  # the entry's own row; the rest is kept rendered
        warm = client.get(entry.get_absolute_url())
    assert warm.content == response.content
    html = response.content.decode()
    assert "20 березня 2015" in html and "10 травня 2016" in html and "№ 118" in html
    assert "Конспекти уроків" in html
    description = f"{entry.topic}. {entry.author.full_name}, {entry.institution.name}"
    assert f'<meta name="description" content="{escape(description)}">' in html
    entry.author.surname = "Виправлена"
    entry.author.save()
    assert "Виправлена" in client.get(entry.get_absolute_url()).content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_news_list_query_count_is_constant(client, django_assert_num_queries, count):
    NewsFactory.create_batch(count)
    _cold_cache()
    with django_assert_num_queries(3):
        response = client.get("/news/")
    with django_assert_num_queries(0):  # the list is kept rendered until a record changes
        warm = client.get("/news/")
    assert warm.content == response.content
    assert response.content.decode().count("Новина про семінар") == count


def test_news_future_or_hidden_are_not_public(client):
    shown = NewsFactory()
    hidden = NewsFactory(is_published=False)
    future = NewsFactory(date=timezone.localdate() + dt.timedelta(days=3))
    assert list(client.get("/news/").context["page"]) == [shown]
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(future.get_absolute_url()).status_code == 404


def test_news_detail_links_to_what_it_is_about(client, django_assert_num_queries):
    issue = IssueFactory()
    news = NewsFactory(issue=issue, link_url="/practice/", link_title="Каталог ППД")
    _cold_cache()
    with django_assert_num_queries(3):
        response = client.get(news.get_absolute_url())
    with django_assert_num_queries(1):
        warm = client.get(news.get_absolute_url())
    assert warm.content == response.content
    html = response.content.decode()
    assert issue.get_absolute_url() in html and 'href="/practice/"' in html


def test_news_feed_is_atom_with_published_items(client):
    NewsFactory(title="Семінар для бібліотекарів")
    NewsFactory(title="Прихована", is_published=False)
    response = client.get("/news/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "Семінар для бібліотекарів" in body and "Прихована" not in body


def test_news_feed_is_kept_until_an_edit_and_per_day(
    client, monkeypatch, django_assert_num_queries
):
    today = timezone.localdate()
    news = NewsFactory(title="Семінар для бібліотекарів", date=today)
    NewsFactory(title="Завтрашня новина", date=today + dt.timedelta(days=1))
    _cold_cache()
    first = client.get("/news/feed/")
    with django_assert_num_queries(0):
        kept = client.get("/news/feed/")
    assert kept.content == first.content
    assert kept["Content-Type"] == first["Content-Type"]
    news.title = "Виправлена назва"
    news.save()
    body = client.get("/news/feed/").content.decode()
    assert "Виправлена назва" in body and "Завтрашня новина" not in body
    monkeypatch.setattr(timezone, "localdate", lambda *args: today + dt.timedelta(days=1))
    assert "Завтрашня новина" in client.get("/news/feed/").content.decode()


def test_home_page_shows_latest_news(client):
    NewsFactory(title="Свіжа новина", date=timezone.localdate())
    html = client.get("/").content.decode()
    assert "Свіжа новина" in html


def test_home_news_kept_per_day_and_edits_show_at_once(client, monkeypatch):
    today = timezone.localdate()
    news = NewsFactory(title="Свіжа новина", date=today)
    NewsFactory(title="Завтрашня новина", date=today + dt.timedelta(days=1))
    html = client.get("/").content.decode()
    assert "Свіжа новина" in html and "Завтрашня новина" not in html
    news.title = "Виправлена новина"
    news.save()
    assert "Виправлена новина" in client.get("/").content.decode()
    # The next day, with no record saved, the news dated for it appears.
    monkeypatch.setattr(timezone, "localdate", lambda *args: today + dt.timedelta(days=1))
    assert "Завтрашня новина" in client.get("/").content.decode()


def test_teacher_page_lists_publications_and_practice(client):
    teacher = TeacherFactory()
    ArticleFactory(teachers=[teacher], title="Моя стаття у віснику")
    ManualFactory(teachers=[teacher], title="Мій посібник")
    ExternalPublicationFactory(author=teacher, title="Моя стаття у журналі")
    PracticeEntryFactory(author=teacher, topic="Мій досвід")
    ExternalPublicationFactory(author=teacher, title="Прихована", is_published=False)
    html = client.get(teacher.get_absolute_url()).content.decode()
    for title in ("Моя стаття у віснику", "Мій посібник", "Моя стаття у журналі", "Мій досвід"):
        assert title in html
    assert "Прихована" not in html
    assert teacher.email not in html or not teacher.email


def test_teacher_page_lists_each_kind_of_publication_with_its_link_and_place(client):
    teacher = TeacherFactory()
    older = ArticleFactory(teachers=[teacher], title="Стара стаття", issue__year=2015)
    newer = ArticleFactory(teachers=[teacher], title="Нова стаття", issue__year=2019)
    manual = ManualFactory(teachers=[teacher], title="Посібник", year=2018)
    ExternalPublicationFactory(author=teacher, title="У журналі", venue="Шкільний світ", year=2020)
    html = client.get(teacher.get_absolute_url()).content.decode()
    lines = re.findall(
        r"<li>(.*?)</li>", html.split('id="person-publications"')[1].split("</ul>")[0]
    )
    issue = newer.issue
    assert lines == [
        f'<a href="{newer.get_absolute_url()}">Нова стаття</a> '
        f"// {issue.periodical.title}, 2019, № {issue.number}",
        f'<a href="{older.get_absolute_url()}">Стара стаття</a> '
        f"// {older.issue.periodical.title}, 2015, № {older.issue.number}",
        f'<a href="{manual.get_absolute_url()}">Посібник</a> (2018)',
        "У журналі // Шкільний світ, 2020",
    ]


def test_periodical_archive_shows_a_new_year_at_once(client):
    periodical = _issues_with_articles(1)  # 2016
    assert 'id="year-2016"' in client.get(periodical.get_absolute_url()).content.decode()
    IssueFactory(periodical=periodical, year=2017, number=1)
    html = client.get(periodical.get_absolute_url()).content.decode()
    assert 'id="year-2017"' in html and f'href="/publications/{periodical.slug}/2016/"' in html
    assert client.get(f"/publications/{periodical.slug}/2017/").status_code == 200
