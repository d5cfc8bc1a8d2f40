"""The benchmark's SQL goals: every page it loads is a list (5 queries at most on a first
visit) unless its app names it a page of one record (8)."""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from imc_portal.management.commands.bench import page_list, queries_goal
from imc_portal.page_cache import clear_local
from imc_portal.plugins import app_modules

pytestmark = pytest.mark.django_db


def test_every_page_of_the_demo_meets_its_goal_on_a_first_visit(client):
    call_command("load_demo", stdout=io.StringIO())
    pages = dict(page_list())
    records = set().union(*(module.RECORD_PAGES for module in app_modules("bench")))
    assert records <= set(pages)  # no goal given to a page the benchmark does not load
    assert queries_goal("teacher") == 8
    assert queries_goal("events: upcoming") == 5
    for name, path in pages.items():
        cache.clear()
        clear_local()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, name
        assert len(queries) <= queries_goal(name), (name, len(queries))
