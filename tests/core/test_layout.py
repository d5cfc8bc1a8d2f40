import pytest
from django.conf import settings
from django.db import OperationalError, close_old_connections, connection

from tests.factories import CentreFactory

pytestmark = pytest.mark.django_db


def test_home_is_ukrainian_whatever_the_browser_asks(client):
    CentreFactory()
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="uk">' in html
    assert "Перейти до змісту" in html  # the skip link, translated
    assert 'href="/en/"' in html  # the switch to English
    assert "ІМЦ м. Тестове" in html


def test_english_pages_live_under_en_prefix(client):
    CentreFactory()
    html = client.get("/en/about/").content.decode()
    assert '<html lang="en">' in html
    assert "About the centre</h1>" in html
    assert 'href="/about/"' in html  # back to Ukrainian


def test_layout_has_landmarks_and_centre_contacts_from_the_record(client):
    CentreFactory(address="вул. Тестова, 5", phone="+380 50 123 45 67")
    html = client.get("/").content.decode()
    assert html.count("<h1") == 1
    for landmark in ("<header", '<main id="content"', "<footer", '<nav class="navbar'):
        assert landmark in html
    assert "вул. Тестова, 5" in html
    assert 'href="tel:+380501234567"' in html


def test_menu_shows_only_sections_that_exist(client):
    html = client.get("/").content.decode()
    assert 'href="/about/"' in html
    assert "Про центр" in html


def test_pages_send_a_strict_content_security_policy(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response.headers["X-Frame-Options"] == "DENY"


def test_templates_have_no_inline_scripts_or_styles(client):
    html = client.get("/about/").content.decode()
    assert "<script>" not in html
    assert 'style="' not in html


def test_unknown_page_is_a_translated_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Сторінку не знайдено" in response.content.decode()


def test_healthz_checks_the_database_and_says_the_cache_is_off_without_redis(
    client, django_assert_num_queries
):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "off"}
    assert "no-cache" in response.headers["Cache-Control"]


def test_healthz_is_503_when_the_database_does_not_answer(client, caplog):
    def refuse(execute, sql, params, many, context):
        raise OperationalError("server closed the connection unexpectedly")

    with connection.execute_wrapper(refuse):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "down", "cache": "off"}
    assert "the database does not answer" in caplog.text


def test_database_connections_are_checked_before_reuse():
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL server to restart")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize(("health_checks", "state"), [(True, "ok"), (False, "down")])
def test_a_kept_connection_postgresql_closed_is_replaced_before_the_next_request(
    client, monkeypatch, health_checks, state
):
    """A restart of PostgreSQL closes every connection the workers keep (CONN_MAX_AGE): with
    the settings' health checks the next request reconnects instead of failing."""
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 60)
    monkeypatch.setitem(connection.settings_dict, "CONN_HEALTH_CHECKS", health_checks)
    connection.close()
    connection.ensure_connection()
    backend = connection.connection.get_backend_pid()
    other = connection.copy("other")
    with other.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [backend])
    other.close()
    close_old_connections()  # what a server does as each request starts
    response = client.get("/healthz")
    assert response.json()["database"] == state
    connection.close()


def test_decimal_comma_and_ukrainian_dates():
    import datetime as dt
    from decimal import Decimal

    from django.template import Context, Template
    from django.utils import translation

    with translation.override("uk"):
        rendered = Template('{{ rate }} {{ day|date:"j E Y" }}').render(
            Context({"rate": Decimal("13.75"), "day": dt.date(2019, 9, 1)})
        )
    assert rendered == "13,75 1 вересня 2019"
