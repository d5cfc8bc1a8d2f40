"""The shared cache as production runs it: REDIS_URL set, the client library installed."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

from tests.factories import StaffMemberFactory

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
REDIS_CACHES = {"default": {"BACKEND": "imc_portal.cache.RedisCache", "LOCATION": REDIS_URL}}


def test_settings_with_redis_url_give_a_working_shared_cache():
    script = (
        "import django; django.setup();"
        "from django.core.cache import caches; cache = caches['default'];"
        "cache.set('portal:test-probe', 'ok', 10);"
        "print(type(cache).__name__, cache.get('portal:test-probe'))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "imc_portal.settings", "REDIS_URL": REDIS_URL}
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=settings.BASE_DIR,
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert out.split() == ["RedisCache", "ok"]


@pytest.mark.django_db
def test_page_cache_in_redis_is_invalidated_by_an_edit(client, settings):
    settings.CACHES = REDIS_CACHES
    settings.PAGE_CACHE_SECONDS = 60
    from django.core.cache import cache

    cache.clear()
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
    cache.clear()
