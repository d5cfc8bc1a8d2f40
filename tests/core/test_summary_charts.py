"""The summary's charts: their figures from the records, the SVG on the page (with its
numbers in a table, readable without colour) and the same chart as PNG for the DOCX."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree
from PIL import Image

from contests.models import Diploma, Olympiad
from contests.queries import olympiad_diplomas
from events import summary as events_summary
from events.models import Event
from events.queries import events_per_month
from imc_portal.models import Centre
from imc_portal.periods import Period
from imc_portal.summary import summarise
from imc_portal.summary.charts import font, render_png, summary_charts
from tests.contests.factories import OlympiadFactory, OlympiadResultFactory
from tests.events.factories import EventFactory, GroupFactory, kyiv
from tests.factories import SubjectFactory

pytestmark = pytest.mark.django_db
YEAR_2009 = Period.calendar_year(2009)


def test_events_per_month_counts_held_events_in_kyiv_months(django_assert_num_queries):
    EventFactory(start=kyiv(2009, 1, 5))
    EventFactory(start=kyiv(2009, 1, 31, 23, 30))  # 21:30 UTC: still January in Kyiv
    EventFactory(start=kyiv(2009, 3, 1, 0, 30))  # 22:30 UTC on 28 February: March in Kyiv
    EventFactory(start=kyiv(2009, 3, 9), status=Event.Status.CANCELLED)
    EventFactory(start=kyiv(2008, 12, 31, 23, 30))
    with django_assert_num_queries(1):
        months = events_per_month(YEAR_2009)
    assert [month.month for month, _count in months] == list(range(1, 13))
    assert [count for _month, count in months] == [2, 0, 1] + [0] * 9
    autumn = events_per_month(Period.academic_year(2008))
    assert [(m.year, m.month) for m, _c in autumn][0::11] == [(2008, 9), (2009, 8)]
    assert sum(count for _month, count in autumn) == 4  # 31 December 2008 too


def test_olympiad_diplomas_by_subject_and_degree_in_one_query(django_assert_num_queries):
    maths = OlympiadFactory(subject=SubjectFactory(name="Математика", order=1), year=2009)
    physics = OlympiadFactory(subject=SubjectFactory(name="Фізика", order=2), year=2009)
    for result in (Diploma.FIRST, Diploma.FIRST, Diploma.THIRD, Diploma.PARTICIPANT):
        OlympiadResultFactory(olympiad=maths, result=result)
    OlympiadResultFactory(olympiad=maths, result=Diploma.SECOND, stage=3)
    OlympiadResultFactory(olympiad=physics, result=Diploma.SECOND)
    tournament = OlympiadFactory(subject=physics.subject, year=2009, kind=Olympiad.Kind.TOURNAMENT)
    OlympiadResultFactory(olympiad=tournament, result=Diploma.SECOND)
    hidden = OlympiadFactory(subject=SubjectFactory(name="Хімія"), year=2009, is_published=False)
    OlympiadResultFactory(olympiad=hidden, result=Diploma.FIRST)
    OlympiadResultFactory(olympiad=OlympiadFactory(subject=maths.subject, year=2010))
    with django_assert_num_queries(1):
        found = olympiad_diplomas(YEAR_2009)
    assert found == [("Математика", [2, 1, 1]), ("Фізика", [0, 2, 0])]


def svg_of(html, key):
    match = re.search(rf'<svg class="summary-svg"[^>]*>(?:(?!</svg>).)*id="{key}-hatch".*?</svg>',
                      html, re.S)  # fmt: skip
    assert match, key
    return etree.fromstring(match[0].encode())


def table_after(html, caption_part):
    table = re.search(rf"<caption>[^<]*{caption_part}.*?</table>", html, re.S)[0]
    return {
        re.sub(r"<[^>]+>", "", row[0]).strip(): [re.sub(r"<[^>]+>", "", c).strip() for c in row[1]]
        for row in (
            (th, re.findall(r"<td[^>]*>(.*?)</td>", rest, re.S))
            for th, rest in re.findall(r'<th scope="row"[^>]*>(.*?)</th>(.*?)</tr>', table, re.S)
        )
    }


def test_the_page_shows_each_chart_as_svg_with_its_numbers_in_a_table(director_client):
    group = GroupFactory()
    for day in (3, 10, 17):
        EventFactory(group=group, kind=Event.Kind.MEETING, start=kyiv(2009, 3, day))
    EventFactory(group=group, kind=Event.Kind.MEETING, start=kyiv(2008, 5, 1))
    maths = OlympiadFactory(subject=SubjectFactory(name="Математика"), year=2009)
    OlympiadResultFactory(olympiad=maths, result=Diploma.FIRST)
    html = director_client.get("/summary/2009/").content.decode()

    months = svg_of(html, "chart-months")
    assert months.get("role") == "img" and months.get("aria-label") == "Заходи за місяцями"
    ns = {"s": "http://www.w3.org/2000/svg"}
    assert months.find("s:title", ns).text == "Заходи за місяцями"
    assert "Найбільше: Березень 2009, 3." in months.find("s:desc", ns).text
    bars = months.findall("s:rect", ns)
    assert len(bars) == 12
    assert [bar.find("s:title", ns).text for bar in bars][2] == "Бер: 3"
    assert table_after(html, "Заходи за місяцями")["Березень 2009"] == ["3"]

    # Each headline figure over the last ten years, the chosen year in solid black, the others
    # in grey, with a table: a period a row, a figure a column.
    meetings = svg_of(html, "chart-events-meetings")
    fills = [bar.get("fill") for bar in meetings.findall("s:rect", ns)]
    assert fills == ["#d0d0d0"] * 9 + ["#000"]
    headline = table_after(html, "Події: головні показники за десять років")
    assert next(iter(headline)) == "2000" and headline["2009"][0] == "3"
    assert headline["2008"][0] == "1"

    # Diplomas: degrees told apart by pattern and named in a legend.
    diplomas = svg_of(html, "chart-diplomas")
    texts = [text.text for text in diplomas.findall("s:text", ns)]
    assert {"I ступеня", "II ступеня", "III ступеня", "Математика"} <= set(texts)
    patterns = {bar.get("fill") for bar in diplomas.findall("s:rect", ns)}
    assert patterns == {"#000", "url(#chart-diplomas-hatch)", "url(#chart-diplomas-dots)"}
    assert table_after(html, "Дипломи олімпіад")["Математика"] == ["1", "0", "0", "1"]


@pytest.mark.parametrize("count", [1, 3])
def test_the_charts_add_two_queries_whatever_the_rows(count):
    group = GroupFactory()
    for n in range(count):
        EventFactory(group=group, kind=Event.Kind.MEETING, start=kyiv(2009, n + 1, 2))
        OlympiadResultFactory(olympiad__year=2009, result=Diploma.SECOND)
    sections = summarise(YEAR_2009, Centre.current(), sections=[events_summary.section()])
    with CaptureQueriesContext(connection) as queries:
        blocks = summary_charts(YEAR_2009, sections)
    assert len(queries) == 2  # events per month, diplomas; headlines from the summary
    assert [block.key for block in blocks] == ["months", "headline-events", "diplomas"]


def test_a_range_has_its_months_and_no_headline_charts(director_client):
    EventFactory(start=kyiv(2009, 11, 5))
    html = director_client.get("/summary/2009-10-01--2009-12-31/").content.decode()
    assert table_after(html, "Заходи за місяцями") == {
        "Жовтень 2009": ["0"], "Листопад 2009": ["1"], "Грудень 2009": ["0"],
    }  # fmt: skip
    assert "головні показники" not in html


def test_png_is_the_same_chart_drawn_at_twice_the_size():
    EventFactory(start=kyiv(2009, 2, 5))
    sections = summarise(YEAR_2009, Centre.current(), sections=[events_summary.section()])
    blocks = summary_charts(YEAR_2009, sections)
    months = Image.open(io.BytesIO(render_png(blocks[0])))
    chart = blocks[0].charts[0]
    assert months.format == "PNG" and months.size == (chart.width * 2, chart.height * 2)
    multiples = blocks[1]
    grid = Image.open(io.BytesIO(render_png(multiples)))
    assert grid.width == 2 * max(c.width for c in multiples.charts) * 2  # two columns
    # The font draws Cyrillic: two letters give two different shapes, not two empty boxes.
    assert bytes(font(24).getmask("Ж")) != bytes(font(24).getmask("Щ"))


def test_demo_month_chart_adds_up_to_the_events_of_2009(director_client):
    call_command("load_demo", stdout=io.StringIO())
    months = events_per_month(YEAR_2009)
    assert (
        sum(count for _month, count in months) == Event.objects.held().in_period(YEAR_2009).count()
    )
    html = director_client.get("/summary/2009/").content.decode()
    headline = table_after(html, "Події: головні показники за десять років")
    assert headline["2009"] == ["135", "78", "260"]  # the seed's figures
