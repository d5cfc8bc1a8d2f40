"""The summary's query count is fixed: the same with the demo centre as with a year of a
large city's records added (the benchmark's generator), and within the goal of 40; so are
its exports'."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events import queries
from imc_portal import registry
from imc_portal.periods import Period

pytestmark = pytest.mark.django_db

SUMMARY_QUERIES = 40


def queries_of(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


def test_the_summary_runs_the_same_queries_whatever_the_data_size(director_client):
    call_command("load_demo", stdout=io.StringIO())
    # The generator adds the current calendar year's records.
    year = timezone.localdate().year
    pages = [
        f"/summary/{year}/",
        f"/summary/{year - 1}-{year}/",
        f"/summary/{year}-01-01--{year}-06-30/",
        f"/summary/{year}/summary.xlsx",
        f"/summary/{year}/summary.docx",
        *(f"/summary/{year}/{make().key}.csv" for make in registry.summary_sections),
    ]
    small = {path: queries_of(director_client, path) for path in pages}
    before = queries.association_meetings([Period.calendar_year(year)])[0]
    call_command("generate_load_data", years=1, stdout=io.StringIO())
    assert queries.association_meetings([Period.calendar_year(year)])[0] > before + 100
    large = {path: queries_of(director_client, path) for path in pages}
    assert large == small
    assert max(large[path] for path in pages[:3]) <= SUMMARY_QUERIES, large
