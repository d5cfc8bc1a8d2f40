"""The shared cache as production runs it (REDIS_URL), and the portal when it is down."""

import logging
import os
import subprocess
import sys

import pytest
from django.conf import settings

from imc_portal import page_cache
from tests.factories import StaffMemberFactory

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
BACKEND = "django.core.cache.backends.redis.RedisCache"
OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}


def test_settings_with_redis_url_give_a_shared_cache_and_the_page_cache():
    script = (
        "import django; django.setup();"
        "from django.conf import settings;"
        "from django.core.cache import caches; cache = caches['default'];"
        "cache.set('portal:test-probe', 'ok', 10);"
        "print(type(cache).__name__, cache.get('portal:test-probe'), settings.PAGE_CACHE_SECONDS)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "imc_portal.settings", "REDIS_URL": REDIS_URL}
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=settings.BASE_DIR,
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert out.split() == ["RedisCache", "ok", "600"]


@pytest.fixture
def redis_cache(settings):
    settings.CACHES = {"default": {"BACKEND": BACKEND, "LOCATION": REDIS_URL, "OPTIONS": OPTIONS}}
    settings.PAGE_CACHE_SECONDS = 60
    from django.core.cache import cache

    cache.clear()
    yield cache
    cache.clear()


@pytest.mark.django_db
def test_page_cache_in_redis_is_invalidated_by_an_edit(client, redis_cache):
    member = StaffMemberFactory(surname="Редісний")
    assert client.get("/about/")["X-Page-Cache"] == "miss"
    cached = client.get("/about/")
    assert cached["X-Page-Cache"] == "hit"
    assert "Редісний" in cached.content.decode()
    member.surname = "Оновлений"
    member.save()
    fresh = client.get("/about/")
    assert fresh["X-Page-Cache"] == "miss"
    assert "Оновлений" in fresh.content.decode()


@pytest.fixture
def redis_down(settings):
    # Nothing listens on port 1: every connection is refused at once.
    settings.CACHES = {
        "default": {"BACKEND": BACKEND, "LOCATION": "redis://127.0.0.1:1/0", "OPTIONS": OPTIONS}
    }
    settings.PAGE_CACHE_SECONDS = 60
    yield
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    page_cache.shared.down_until = 0.0
    page_cache.shared.missed_changes = False


@pytest.mark.django_db
def test_pages_are_served_while_redis_is_down_with_a_warning(client, redis_down, caplog):
    StaffMemberFactory(surname="Безкешовий")
    with caplog.at_level(logging.WARNING, logger="imc_portal.page_cache"):
        for url in ("/", "/about/", "/events/", "/en/events/", "/search/?q=семінар"):
            response = client.get(url)
            assert response.status_code == 200, url
            assert not response.has_header("X-Page-Cache")
    assert "Безкешовий" in client.get("/about/").content.decode()
    warnings = [r for r in caplog.records if "cache does not answer" in r.getMessage()]
    assert len(warnings) == 1  # then the cache is left alone for a few seconds


@pytest.mark.django_db
def test_an_edit_in_the_admin_is_saved_while_redis_is_down(client, superuser, redis_down):
    client.force_login(superuser)
    response = client.post(
        "/admin/imc_portal/subject/add/", {"name": "Астрономія", "order": "5"}, follow=True
    )
    assert response.status_code == 200
    assert "Астрономія" in response.content.decode()


@pytest.mark.django_db
def test_pages_kept_before_an_outage_are_not_served_after_it(client, redis_cache, monkeypatch):
    member = StaffMemberFactory(surname="Доаварійний")
    client.get("/about/")
    assert client.get("/about/")["X-Page-Cache"] == "hit"

    def refused(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(redis_cache, "incr", refused)
    member.surname = "Післяаварійний"
    member.save()  # the cache does not hear of it
    monkeypatch.undo()
    page_cache.shared.down_until = 0.0  # the retry delay has passed
    assert "Післяаварійний" in client.get("/about/").content.decode()
    client.get("/about/")
    response = client.get("/about/")
    assert response["X-Page-Cache"] == "hit"  # and the cache serves again
    assert "Післяаварійний" in response.content.decode()


@pytest.mark.django_db
def test_healthz_reports_redis_answering(client, redis_cache):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}


@pytest.mark.django_db
def test_healthz_reports_redis_down_and_the_portal_still_healthy(client, redis_down, caplog):
    response = client.get("/healthz")
    assert response.status_code == 200  # pages are served without the cache
    assert response.json() == {"database": "ok", "cache": "down"}
    assert "the cache does not answer" in caplog.text
