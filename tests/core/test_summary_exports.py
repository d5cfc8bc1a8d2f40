"""The summary's exports, each read back: XLSX (openpyxl), CSV and DOCX (python-docx), with
the seed's figures in them; who may download them; their queries do not grow with rows."""

import csv
import datetime as dt
import io

import docx
import openpyxl
import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Event
from imc_portal import registry
from imc_portal.models import Centre, Teacher
from imc_portal.periods import Period
from imc_portal.summary import summarise
from imc_portal.summary.charts import summary_charts
from imc_portal.summary.exports import evaluate, sheet_title
from tests.events.factories import EventFactory, GroupFactory, attend, kyiv
from tests.factories import CentreFactory, TeacherFactory

pytestmark = pytest.mark.django_db

EXPORTS = ["/summary/2009/summary.xlsx", "/summary/2009/summary.docx", "/summary/2009/events.csv"]
MEETINGS = "Засідання міських методичних об’єднань"
COURSES = "Педагоги, які пройшли курсову перепідготовку"


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())


def section_keys():
    return [make().key for make in registry.summary_sections]


def workbook(response):
    return openpyxl.load_workbook(io.BytesIO(response.content))


def rows_by_label(sheet):
    rows = list(sheet.iter_rows(values_only=True))
    return rows[0], {row[0]: row[1:] for row in rows[1:]}


@pytest.mark.parametrize("url", EXPORTS)
def test_anonymous_visitors_go_to_the_login_page(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(f"/admin/login/?next={url}")


@pytest.mark.parametrize("url", EXPORTS)
def test_people_without_staff_status_are_refused(client, url):
    client.force_login(User.objects.create_user("teacher", password="x"))
    assert client.get(url).status_code == 403


def test_the_summary_page_links_its_exports(director_client):
    html = director_client.get("/summary/2009/").content.decode()
    for url in EXPORTS:
        assert f'href="{url}"' in html, url


def test_an_unknown_section_or_period_is_404(director_client):
    assert director_client.get("/summary/2009/nothing.csv").status_code == 404
    assert director_client.get("/summary/1800/summary.xlsx").status_code == 404


def test_xlsx_has_the_seed_figures_as_numbers_and_the_records_behind_them(demo, director_client):
    response = director_client.get("/summary/2009/summary.xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="summary-2009.xlsx"'
    book = workbook(response)
    assert book.sheetnames[: len(section_keys())] == [
        str(make().title) for make in registry.summary_sections
    ]
    header, rows = rows_by_label(book["Події"])
    assert header[-5:] == ("2009", "Зміна", "Зміна, %", "Найкраще за всі часи", "Найкращий період")
    assert header[1:11] == tuple(str(year) for year in range(2000, 2010))  # the last ten
    year = header.index("2009") - 1
    assert rows[MEETINGS][year] == 135  # "понад 130 засідань", a number, not text
    assert rows[COURSES][year] == 78
    assert (
        rows["Педагоги, які взяли участь у семінарських формах підвищення кваліфікації"][year]
        == 260
    )
    assert rows["Засідання МО"][year] == 136  # a breakdown row, under its title
    assert "Заходи за видами" in rows
    # A sheet per figure lists its records: the 135 meetings, each dated in 2009.
    meetings = list(book[sheet_title(MEETINGS, set())].iter_rows(values_only=True))
    assert meetings[0] == ("Частина", "№", "Запис", "Дата", "ID")
    assert len(meetings) == 1 + 135
    assert all(row[3].year == 2009 for row in meetings[1:])
    assert {row[4] for row in meetings[1:]} == set(
        Event.objects.held()
        .in_period(Period.calendar_year(2009))
        .filter(group__kind="association")
        .values_list("pk", flat=True)
    )
    courses = list(book[sheet_title(COURSES, set())].iter_rows(values_only=True))
    assert len(courses) > 1 and courses[1][0] == "Педагоги, записані на заходах"


def test_csv_of_a_section_has_its_figures(demo, director_client):
    response = director_client.get("/summary/2009/events.csv")
    assert response["Content-Disposition"] == 'attachment; filename="summary-2009-events.csv"'
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    header, by_label = rows[0], {row[0]: row[1:] for row in rows[1:]}
    assert header[0] == "Показник"
    year = header.index("2009") - 1
    assert by_label[MEETINGS][year] == "135"
    assert by_label["Заходи за видами: засідання МО"][year] == "136"


def test_docx_is_the_annual_report_with_the_seed_figures(demo, director_client):
    response = director_client.get("/summary/2009/summary.docx")
    assert response["Content-Disposition"] == 'attachment; filename="summary-2009.docx"'
    document = docx.Document(io.BytesIO(response.content))
    text = [paragraph.text for paragraph in document.paragraphs]
    centre = Centre.current()
    assert centre.name in text[:5] and "за 2009 рік" in text[:8]
    assert "Протягом 2009 року проведено 135 засідань міських методичних об’єднань." in text
    figures = next(t for t in document.tables if MEETINGS in [r.cells[0].text for r in t.rows])
    assert [cell.text for cell in figures.rows[0].cells] == ["Показник", "2009", "2008", "Зміна"]
    row = next(r for r in figures.rows if r.cells[0].text == MEETINGS)
    assert [cell.text for cell in row.cells[1:]] == ["135", "0", "+135"]
    # The charts as pictures: events per month, each section's headline figures over ten
    # years (the demo has no olympiad diplomas in 2009).
    period = Period.calendar_year(2009)
    blocks = summary_charts(period, summarise(period, centre))
    assert [block.key for block in blocks] == [
        "months", "headline-staff", "headline-events", "headline-contests",
        "headline-publications",
    ]  # fmt: skip
    assert len(document.inline_shapes) == len(blocks)
    assert "Заходи за місяцями" in text
    months = next(t for t in document.tables if t.rows[0].cells[0].text == "Місяць")
    assert (
        sum(int(r.cells[1].text) for r in months.rows[1:])
        == Event.objects.held().filter(start__year=2009).count()
    )


def test_exports_of_a_range_and_of_an_academic_year(demo, director_client):
    response = director_client.get("/summary/2009-10-01--2009-12-31/summary.xlsx")
    name = 'attachment; filename="summary-2009-10-01--2009-12-31.xlsx"'
    assert response["Content-Disposition"] == name
    header, rows = rows_by_label(workbook(response)["Події"])
    assert len(header) == 1 + 2 + 4  # the range before, the range, change and best
    assert rows[COURSES][1] == 18
    document = docx.Document(
        io.BytesIO(director_client.get("/summary/2009-2010/summary.docx").content)
    )
    assert "за 2009/2010 навчальний рік" in [p.text for p in document.paragraphs]


def one_year_of_records(count, kinds=3, year=2009):
    group = GroupFactory()
    kinds = [Event.Kind.MEETING, Event.Kind.SEMINAR, Event.Kind.COURSE][:kinds]
    levels = [Event.Level.CITY, Event.Level.OBLAST]
    for kind in kinds:
        for n in range(count):
            event = EventFactory(
                group=group if kind == Event.Kind.MEETING else None, kind=kind,
                level=levels[n % 2], start=kyiv(year, n + 1, 2), participants_count=5,
            )  # fmt: skip
            attend(event, [TeacherFactory()])


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response


def test_exports_run_the_same_queries_whatever_the_rows_and_the_categories(director_client):
    CentreFactory(founded_year=2005)
    urls = [*EXPORTS, *(f"/summary/2009/{key}.csv" for key in section_keys())]
    one_year_of_records(1, kinds=1)
    small = {url: queries_of(director_client, url)[0] for url in urls}
    one_year_of_records(3, kinds=3)
    large = {url: queries_of(director_client, url) for url in urls}
    assert {url: found[0] for url, found in large.items()} == small
    book = workbook(large["/summary/2009/summary.xlsx"][1])
    meetings = book[sheet_title(MEETINGS, set())]
    assert len(list(meetings.iter_rows(values_only=True))) == 1 + 1 + 3
    by_kind = list(book["Заходи за видами"].iter_rows(values_only=True))[1:]
    # In Event.Kind's order, each kind's events numbered from 1.
    assert [row[0] for row in by_kind] == ["Семінар: Події"] * 3 + ["Засідання МО: Події"] * 4 + [
        "Курси: Події"
    ] * 3
    assert [row[1] for row in by_kind] == [1, 2, 3, 1, 2, 3, 4, 1, 2, 3]
    paragraphs = [
        p.text
        for p in docx.Document(
            io.BytesIO(large["/summary/2009/summary.docx"][1].content)
        ).paragraphs
    ]
    assert "Протягом 2009 року проведено 4 засідання міських методичних об’єднань." in paragraphs


def test_sheet_titles_are_short_unique_and_without_forbidden_characters():
    taken = set()
    long = "Учителі в семінарських формах підвищення кваліфікації"
    assert sheet_title(long, taken) == long[:31]
    assert sheet_title(long, taken) == long[:27] + " (2)"
    assert sheet_title("a/b: [c]*?\\", taken) == "A b   c"
    assert all(len(title) <= 31 for title in taken)


def test_spreadsheet_dates_are_kyiv_time():
    from imc_portal.summary.exports import spreadsheet_date

    moment = kyiv(2009, 12, 31, 23, 30)
    assert spreadsheet_date(moment) == dt.datetime(2009, 12, 31, 23, 30)
    assert spreadsheet_date(dt.date(2009, 1, 1)) == dt.date(2009, 1, 1)


def test_lists_of_records_come_in_one_query_when_they_can(django_assert_num_queries):
    seminar = EventFactory(kind=Event.Kind.SEMINAR, start=kyiv(2009, 2, 1))
    course = EventFactory(kind=Event.Kind.COURSE, start=kyiv(2009, 1, 1))
    later = EventFactory(kind=Event.Kind.COURSE, start=kyiv(2009, 3, 1))
    events = Event.objects.order_by("-start", "pk")
    with django_assert_num_queries(1):
        found = evaluate(
            [("a", events.filter(kind=Event.Kind.SEMINAR)), ("b", events.filter(kind="course")),
             ("c", events.filter(pk=course.pk))]
        )  # fmt: skip
    assert found == [("a", [seminar]), ("b", [later, course]), ("c", [course])]
    with django_assert_num_queries(2):  # two models
        assert evaluate([("a", events.all()), ("b", Teacher.objects.all())])[1] == ("b", [])
    with django_assert_num_queries(2):  # an order a union cannot take
        evaluate([("a", events.order_by("venue__name")), ("b", events.all())])
