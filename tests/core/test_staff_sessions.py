"""Staff sessions end after a working day (8 h) without a request; the time of the last
request is saved at most every few minutes, and anonymous visitors get no session."""

import time

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from imc_portal.logins.sessions import LAST_ACTIVITY_KEY

pytestmark = pytest.mark.django_db

HOURS_8 = 8 * 3600


def set_last_activity(client, seconds_ago):
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time() - seconds_ago)
    session.save()


def session_writes(queries):
    return [q["sql"] for q in queries if "django_session" in q["sql"] and "SELECT" not in q["sql"]]


def test_a_staff_session_lasts_a_working_day_from_login(methodist_client):
    session = methodist_client.session
    assert session.get_expiry_age() == HOURS_8
    assert abs(session[LAST_ACTIVITY_KEY] - time.time()) < 60
    response = methodist_client.get("/admin/")
    assert response.status_code == 200


def test_a_staff_session_idle_longer_than_the_limit_is_logged_out(methodist_client):
    set_last_activity(methodist_client, HOURS_8 + 60)
    response = methodist_client.get("/admin/", follow=True)
    assert response.redirect_chain[0][0] == "/admin/login/?next=/admin/"
    assert not response.context["user"].is_authenticated
    assert [str(m) for m in response.context["messages"]] == [
        "Ви вийшли з системи після 8 годин бездіяльності."
    ]
    # The summary (staff only, outside the admin) is closed as well.
    assert methodist_client.get("/summary/").status_code == 302


def test_a_request_within_the_limit_moves_the_last_activity_on(methodist_client):
    set_last_activity(methodist_client, HOURS_8 - 60)
    assert methodist_client.get("/admin/").status_code == 200
    session = methodist_client.session
    assert abs(session[LAST_ACTIVITY_KEY] - time.time()) < 60
    assert session.get_expiry_age() == HOURS_8
    # A day later without a request (the 8 h count from the last one, not from login).
    set_last_activity(methodist_client, HOURS_8 - 60)
    assert methodist_client.get("/admin/").status_code == 200


def test_the_session_is_not_written_on_every_request(methodist_client):
    methodist_client.get("/admin/")
    with CaptureQueriesContext(connection) as queries:
        assert methodist_client.get("/admin/").status_code == 200
    writes = [
        q["sql"] for q in queries if "django_session" in q["sql"] and "SELECT" not in q["sql"]
    ]
    assert writes == []
    set_last_activity(methodist_client, 600)  # ten minutes ago: time to note the activity
    with CaptureQueriesContext(connection) as queries:
        methodist_client.get("/admin/")
    writes = [
        q["sql"] for q in queries if "django_session" in q["sql"] and "SELECT" not in q["sql"]
    ]
    assert len(writes) == 1


def test_the_limit_comes_from_the_settings(methodist_client, settings):
    settings.STAFF_SESSION_IDLE_SECONDS = 3600
    set_last_activity(methodist_client, 3700)
    response = methodist_client.get("/en/admin/", follow=True)
    assert not response.context["user"].is_authenticated
    assert [str(m) for m in response.context["messages"]] == [
        "You were logged out after 1 hour without activity."
    ]


def test_other_users_keep_the_default_session(client):
    user = User.objects.create_user("teacher", password="x")
    client.force_login(user)
    session = client.session
    assert LAST_ACTIVITY_KEY not in session
    assert session.get_expiry_age() == 14 * 24 * 3600


def test_anonymous_visitors_get_no_session(client):
    for url in ("/", "/events/", "/admin/login/", "/en/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "sessionid" not in response.cookies
