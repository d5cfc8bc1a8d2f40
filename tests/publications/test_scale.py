"""Reserved periodical addresses, the load data and the benchmark's page list."""

import io
import random

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.load_data import publications as load_data
from bench.pages import publications as bench
from imc_portal.models import Subject
from publications.models import Article, Issue, News, Periodical, PracticeEntry
from tests.factories import SubjectFactory, TeacherFactory
from tests.publications.factories import PeriodicalFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("title", ["Manuals", "Articles", "Feed"])
def test_periodical_title_giving_a_reserved_address_is_refused(title):
    with pytest.raises(ValidationError) as error:
        Periodical(title=title).full_clean()
    assert "/publications/" in str(error.value.message_dict["title"])


def test_periodical_reserved_slug_is_refused_in_ukrainian():
    from django.utils import translation

    with translation.override("uk"), pytest.raises(ValidationError) as error:
        Periodical(title="Вісник", slug="manuals").full_clean()
    assert "належить сторінці порталу" in error.value.message_dict["slug"][0]


def test_periodical_saved_without_slug_never_takes_a_reserved_one(client):
    periodical = PeriodicalFactory(title="Articles")
    assert periodical.slug != "articles"
    assert client.get("/publications/articles/").context["filter"] is not None


def _generate(years=range(2024, 2026)):
    if not Subject.objects.exists():
        SubjectFactory.create_batch(3)
        TeacherFactory.create_batch(5)
    out = io.StringIO()
    load_data.generate(random.Random("1:publications.load_data"), years, out)
    return out.getvalue()


def test_load_data_is_bulk_deterministic_and_runs_once(django_assert_max_num_queries):
    # The few records the generator draws on are made one by one (with their history),
    # outside the count: the bound is the generator's.
    SubjectFactory.create_batch(3)
    TeacherFactory.create_batch(5)
    with django_assert_max_num_queries(120):  # SQLite limits a batch by its 999 parameters
        report = _generate()
    assert "120 issues, 1000 articles" in report
    counts = (Issue.objects.count(), Article.objects.count(), News.objects.count())
    assert counts == (120, 1000, 400)
    assert PracticeEntry.objects.count() == 300
    assert "already present" in _generate()
    assert (Issue.objects.count(), Article.objects.count(), News.objects.count()) == counts
    biggest = max(Issue.objects.all(), key=lambda issue: issue.articles.count())
    assert biggest.articles.count() == load_data.BIG_ISSUE_ARTICLES
    assert {i.pdf.name for i in Issue.objects.all()} == {"publications/load/shared.pdf"}


def test_bench_pages_answer_with_bounded_queries(client):
    _generate()
    pages = bench.pages()
    names = [name for name, _path in pages]
    assert all(name.startswith("publications: ") for name in names)
    assert set(names) > bench.RECORD_PAGES
    assert {"publications: news deep", "publications: practice deep", "publications: search"} <= (
        set(names)
    )
    for name, path in pages:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, name
        if name.endswith("search"):
            continue  # the site search's page, bounded by its own tests
        assert len(queries) <= (8 if name in bench.RECORD_PAGES else 5), name
        if name not in bench.RECORD_PAGES:
            assert len(response.content) < 50_000, name
    # 400 news of two years, ten a page: the last page; the catalogue's 300 entries: page 15.
    assert dict(pages)["publications: news deep"] == "/news/?page=40"
    assert dict(pages)["publications: practice deep"] == "/practice/?page=15"
