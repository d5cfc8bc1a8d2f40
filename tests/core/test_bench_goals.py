"""The benchmark's SQL goals: every page it loads is a list (5 queries at most) unless it
is a page of one record (8, ``bench.pages.RECORD_PAGES``); a teacher's pages signed in have
their own (``bench.pages.teacher``)."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.pages import RECORD_PAGES, page_list
from bench.pages.teacher import pages as teacher_pages
from imc_portal.management.commands.bench import queries_goal
from imc_portal.models import TeacherAccount
from tests.factories import TeacherAccountFactory, TeacherFactory

pytestmark = pytest.mark.django_db


def test_every_page_of_the_demo_meets_its_goal(client):
    call_command("load_demo", stdout=io.StringIO())
    pages = dict(page_list())
    assert set(pages) >= RECORD_PAGES  # no goal given to a page the benchmark does not load
    assert queries_goal("teacher") == 8
    assert queries_goal("events: upcoming") == 5
    for name, path in pages.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, name
        assert len(queries) <= queries_goal(name), (name, len(queries))


def test_a_teachers_pages_of_the_demo_meet_their_goals(client):
    call_command("load_demo", stdout=io.StringIO())
    account = TeacherAccountFactory(status=TeacherAccount.Status.LINKED, teacher=TeacherFactory())
    client.force_login(account.user)
    pages = teacher_pages()
    assert [(name, goal) for name, _path, goal, _ms in pages] == [
        ("events: event with registration, teacher", 11)
    ]
    for name, path, goal, _ms in pages:
        client.get(path)  # the session's first reads settled
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert "Зареєструватися" in response.text, name
        assert len(queries) <= goal, (name, len(queries))
