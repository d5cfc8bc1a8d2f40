import datetime as dt
import io

import pytest
from django.core.management import call_command

from imc_portal.models import Institution
from imc_portal.periods import Period
from imc_portal.site_search import text_filter, word_stem
from publications import queries
from publications.models.common import Level
from tests.publications.factories import (
    ArticleFactory,
    ExternalPublicationFactory,
    IssueFactory,
    ManualFactory,
    NewsFactory,
    PeriodicalFactory,
    PracticeEntryFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("word", "stem"),
    [("семінарів", "семінар"), ("об’єднання", "об'єднан"), ("Сумська", "сумськ"), ("мова", "мов")],
)
def test_word_stem_strips_ukrainian_endings(word, stem):
    assert word_stem(word) == stem


@pytest.fixture
def names():
    rows = [
        "Методичне об’єднання вчителів історії",
        "Обласний СЕМІНАР бібліотекарів",
        "Семінари-практикуми для вихователів",
        "Ліцей імені Шевченка",
    ]
    for name in rows:
        Institution.objects.create(name=name)
    return Institution.objects.all()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("об'єднання", ["Методичне об’єднання вчителів історії"]),
        ("обʼєднань", ["Методичне об’єднання вчителів історії"]),
        ("семінарів", ["Обласний СЕМІНАР бібліотекарів", "Семінари-практикуми для вихователів"]),
        ("семінар вихователі", ["Семінари-практикуми для вихователів"]),
        ("Шевченко", ["Ліцей імені Шевченка"]),
        ("x", []),
        ("", []),
        ("'; DROP TABLE imc_portal_institution; --", []),
        ("а" * 1000, []),
        ("семі\x00нар", ["Обласний СЕМІНАР бібліотекарів", "Семінари-практикуми для вихователів"]),
    ],
)
def test_text_filter_finds_other_forms_and_apostrophes(names, query, expected):
    found = text_filter(names, ["name", "short_name"], query)
    assert sorted(found.values_list("name", flat=True)) == expected


@pytest.mark.parametrize(
    ("q", "status"),
    [
        ("", 200),
        ("а", 200),
        ("x" * 1000, 400),  # longer than a search may be
        ("семінар\x00", 400),
        ("%00", 200),
        ("' OR 1=1 --", 200),
        ("\\", 200),
        ("(((", 200),
        ("[а-я]*", 200),
        ("об'єднання", 200),
    ],
)
def test_search_page_never_fails(client, q, status):
    NewsFactory(title="Семінар для методичних об’єднань")
    response = client.get("/search/", {"q": q})
    assert response.status_code == status
    if q == "об'єднання":
        assert "Семінар для методичних об’єднань" in response.content.decode()


def test_search_groups_published_records_by_kind(client):
    ArticleFactory(title="Проєктні технології в початковій школі")
    ManualFactory(title="Проєктні технології: посібник")
    ExternalPublicationFactory(title="Проєктні технології на уроках")
    PracticeEntryFactory(topic="Проєктні технології навчання")
    NewsFactory(title="Семінар «Проєктні технології»")
    NewsFactory(title="Проєктні технології (прихована)", is_published=False)
    response = client.get("/search/", {"q": "проєктна технологія"})
    titles = [section.title for section in response.context["sections"]]
    assert len(titles) == 5
    assert response.context["total"] == 5
    assert "прихована" not in response.content.decode()


def test_figures_for_a_period():
    periodical = PeriodicalFactory(title="Педагогічний вісник")
    issue = IssueFactory(periodical=periodical, year=2016, date=dt.date(2016, 3, 1))
    IssueFactory(periodical=periodical, year=2019, date=dt.date(2019, 3, 1))
    IssueFactory(periodical=periodical, year=2016, date=dt.date(2016, 6, 1), is_published=False)
    ArticleFactory.create_batch(2, issue=issue)
    ManualFactory(year=2016)
    ManualFactory(year=2013)
    ExternalPublicationFactory(year=2016, level=Level.NATIONAL)
    ExternalPublicationFactory(year=2017, level=Level.OBLAST)
    PracticeEntryFactory(
        city_decision_date=dt.date(2013, 5, 1),
        level=Level.OBLAST,
        oblast_decision_date=dt.date(2016, 5, 1),
    )
    PracticeEntryFactory(city_decision_date=dt.date(2016, 2, 1))
    period = Period.years(2014, 2018)
    assert [(p.title, p.issue_count) for p in queries.issues_per_periodical(period)] == [
        ("Педагогічний вісник", 1)
    ]
    assert queries.issues_count(period) == 1
    assert queries.articles_count(period) == 2
    assert queries.manuals_count(period) == 1
    assert queries.external_publications_by_level(period) == {
        "city": 0,
        "oblast": 1,
        "national": 1,
        "international": 0,
    }
    assert queries.practice_entries_added(period) == {"city": 1, "oblast": 1, "national": 0}
    assert queries.practice_entries_added(Period.calendar_year(2013))["city"] == 1


def test_demo_data_reproduces_the_seed_figures():
    call_command("load_demo", stdout=io.StringIO())
    period = Period.years(2014, 2018)
    assert queries.practice_entries_added(period) == {"city": 22, "oblast": 20, "national": 0}
    per_periodical = {p.title: p.issue_count for p in queries.issues_per_periodical(period)}
    assert per_periodical == {"Педагогічний вісник": 16, "Дошкільник": 8}
    assert queries.articles_count(period) == 72
    assert queries.manuals_count(Period.calendar_year(2010)) == 1
    assert queries.external_publications_by_level(period)["national"] > 0
    # Loading twice changes nothing.
    call_command("load_demo", stdout=io.StringIO())
    assert queries.practice_entries_added(period) == {"city": 22, "oblast": 20, "national": 0}
    assert queries.articles_count(period) == 72
