"""The one cache: anonymous pages kept whole until any record changes."""

import datetime as dt
import gzip
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache.backends import locmem
from django.db import connection, transaction
from django.utils import timezone

from events.models import Event
from staff.models import StaffMember
from tests.events.factories import EventFactory
from tests.factories import CentreFactory, StaffMemberFactory, SubjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


def test_anonymous_page_is_served_from_cache_without_queries(
    client, page_cache, django_assert_num_queries
):
    CentreFactory()
    StaffMemberFactory(surname="Кешований")
    first = client.get("/about/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/about/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "default-src 'self'" in second["Content-Security-Policy"]


def test_methodist_edit_shows_on_public_page_at_once(client, methodist, page_cache):
    member = StaffMemberFactory(surname="Старе")
    assert "Старе" in client.get("/about/").content.decode()
    methodist_client = client.__class__()
    methodist_client.force_login(methodist)
    response = methodist_client.post(
        f"/admin/staff/staffmember/{member.pk}/change/",
        {
            "surname": "Нове", "first_name": member.first_name, "patronymic": member.patronymic,
            "role": member.role, "position": member.position, "department": member.department_id,
            "rate": "1.00", "order": "1", "is_public": "on",
            "awards-TOTAL_FORMS": "0", "awards-INITIAL_FORMS": "0",
            "awards-MIN_NUM_FORMS": "0", "awards-MAX_NUM_FORMS": "1000",
        },
    )  # fmt: skip
    assert response.status_code == 302
    html = client.get("/about/").content.decode()
    assert "Нове" in html and "Старе" not in html


def _cached(client, url):
    client.get(url)
    response = client.get(url)
    assert response["X-Page-Cache"] == "hit", url
    return response


@pytest.mark.parametrize(
    "change",
    [
        "save",
        "queryset update",
        "bulk create",
        "delete",
        "many-to-many",
        "raw SQL",
    ],
)
def test_every_kind_of_write_makes_the_kept_page_stale(client, page_cache, change):
    event = EventFactory(title="Перший семінар")
    _cached(client, "/events/")
    if change == "save":
        event.title = "Другий семінар"
        event.save()
    elif change == "queryset update":
        Event.objects.filter(pk=event.pk).update(title="Другий семінар")
    elif change == "bulk create":
        Event.objects.bulk_create([Event(title="Другий семінар", slug="druhyi", kind="seminar",
                                         is_published=True, start=event.start)])  # fmt: skip
    elif change == "delete":
        EventFactory(title="Другий семінар")
        _cached(client, "/events/")
        event.delete()
    elif change == "many-to-many":
        event.subjects.add(SubjectFactory(name="Другий семінар"))
    else:
        with connection.cursor() as cursor:
            cursor.execute("UPDATE events_event SET title = %s", ["Другий семінар"])
    response = client.get("/events/")
    assert response["X-Page-Cache"] == "miss"
    assert "Другий семінар" in response.content.decode()


def test_a_transaction_makes_pages_stale_again_when_it_commits(
    client, page_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        EventFactory(title="Перший семінар")
        EventFactory(title="Другий семінар")
        EventFactory(title="Третій семінар")
        # a page rendered before the commit, from what others can read then, is kept...
        _cached(client, "/events/")
    # ...and never served after it: one bump is registered however many rows were written
    assert len(callbacks) == 1
    assert client.get("/events/")["X-Page-Cache"] == "miss"


def test_writes_outside_the_portals_records_keep_the_pages(client, page_cache, methodist):
    _cached(client, "/about/")
    methodist.last_login = timezone.now()
    methodist.save()
    assert client.get("/about/")["X-Page-Cache"] == "hit"


def test_logged_in_staff_bypass_the_cache(methodist_client, page_cache):
    methodist_client.get("/about/")
    response = methodist_client.get("/about/")
    assert not response.has_header("X-Page-Cache")


def test_languages_are_cached_apart(client, page_cache):
    assert '<html lang="uk">' in _cached(client, "/about/").content.decode()
    assert '<html lang="en">' in _cached(client, "/en/about/").content.decode()


def test_hosts_are_cached_apart(client, page_cache, settings):
    settings.ALLOWED_HOSTS = ["imc.example.org", "imc.example.net"]
    EventFactory()
    client.get("/events/feed/", HTTP_HOST="imc.example.org")
    kept = client.get("/events/feed/", HTTP_HOST="imc.example.org")
    assert kept["X-Page-Cache"] == "hit"
    assert "//imc.example.org/" in kept.content.decode()
    other = client.get("/events/feed/", HTTP_HOST="imc.example.net")
    assert other["X-Page-Cache"] == "miss"
    body = other.content.decode()
    assert "//imc.example.net/" in body and "imc.example.org" not in body


def test_not_found_and_bad_requests_are_not_kept(client, page_cache):
    for url in ("/about/staff/nobody/", "/events/?kind=party", "/events/?page=abc"):
        first, second = client.get(url), client.get(url)
        assert first.status_code in (400, 404)
        assert not second.has_header("X-Page-Cache"), url


def test_a_parameter_no_view_reads_is_never_kept(client, page_cache):
    EventFactory(title="Семінар")
    for n in range(3):
        response = client.get(f"/events/?utm_source=viber&n={n}")
        assert response.status_code == 200
        assert not response.has_header("X-Page-Cache")
        assert "Семінар" in response.content.decode()


def test_parameters_a_view_reads_are_kept_apart_in_any_order(client, page_cache):
    SubjectFactory(name="Математика")
    _cached(client, "/events/?kind=webinar&area=matematyka")
    assert client.get("/events/?area=matematyka&kind=webinar")["X-Page-Cache"] == "hit"
    assert client.get("/events/?area=matematyka")["X-Page-Cache"] == "miss"


def test_pages_that_change_with_time_are_kept_a_minute(client, page_cache, monkeypatch):
    _cached(client, "/events/")  # upcoming events: kept a minute at most
    _cached(client, "/groups/")  # kept until a record changes, or PAGE_CACHE_SECONDS
    now = locmem.time.time()
    monkeypatch.setattr(locmem.time, "time", lambda: now + 61)
    assert client.get("/events/")["X-Page-Cache"] == "miss"
    assert client.get("/groups/")["X-Page-Cache"] == "hit"
    monkeypatch.setattr(locmem.time, "time", lambda: now + 601)
    assert client.get("/groups/")["X-Page-Cache"] == "miss"


def test_an_event_page_turns_at_the_events_end_within_a_minute(client, page_cache, monkeypatch):
    start = timezone.now() + dt.timedelta(minutes=5)
    event = EventFactory(start=start, end=start + dt.timedelta(minutes=10), participants_count=37)
    assert "37 учасників" not in _cached(client, event.get_absolute_url()).content.decode()
    now = locmem.time.time()
    later = timezone.now() + dt.timedelta(minutes=20)
    monkeypatch.setattr(locmem.time, "time", lambda: now + 20 * 60)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "37 учасників" in client.get(event.get_absolute_url()).content.decode()


@pytest.mark.parametrize("accepts", ["gzip, deflate, br", ""])
def test_cached_page_is_kept_compressed_and_served_as_the_client_accepts(
    client, page_cache, accepts
):
    StaffMemberFactory(surname="Стиснений")
    headers = {"HTTP_ACCEPT_ENCODING": accepts} if accepts else {}
    first, second = client.get("/about/", **headers), client.get("/about/", **headers)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    for response in (first, second):
        assert "Accept-Encoding" in response["Vary"]
        assert int(response["Content-Length"]) == len(response.content)
        if accepts:
            assert response["Content-Encoding"] == "gzip"
            body = gzip.decompress(response.content).decode()
        else:
            assert not response.has_header("Content-Encoding")
            body = response.content.decode()
        assert "Стиснений" in body and body.startswith("<!doctype html>")
    # a client of the other kind is served the same page from what was kept
    other = client.get("/about/", **({} if accepts else {"HTTP_ACCEPT_ENCODING": "gzip"}))
    assert other["X-Page-Cache"] == "hit"
    plain = other.content if accepts else gzip.decompress(other.content)
    assert plain.decode() == body


def test_uncached_pages_are_compressed_for_browsers(client):
    StaffMemberFactory(surname="Стиснений")
    response = client.get("/about/", HTTP_ACCEPT_ENCODING="gzip")
    assert not response.has_header("X-Page-Cache")
    assert response["Content-Encoding"] == "gzip"
    assert "Стиснений" in gzip.decompress(response.content).decode()


def test_a_page_served_from_the_cache_has_every_header_it_was_rendered_with(client, page_cache):
    StaffMemberFactory()
    first, second = client.get("/en/about/"), client.get("/en/about/")
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    skip = {"X-Page-Cache", "Date"}
    assert {k: v for k, v in second.items() if k not in skip} == {
        k: v for k, v in first.items() if k not in skip
    }
    assert second["Content-Language"] == "en"
    assert second["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in second["Content-Security-Policy"]


def test_views_not_marked_public_are_never_kept(client, page_cache):
    for url in ("/healthz", "/livez", "/admin/login/"):
        client.get(url)
        assert not client.get(url).has_header("X-Page-Cache"), url


def test_the_page_cache_needs_a_shared_cache_in_any_process():
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE")
    }
    env["PAGE_CACHE_SECONDS"] = "600"
    result = subprocess.run(
        [sys.executable, "-c", "import imc_portal.settings"],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode != 0
    assert "PAGE_CACHE_SECONDS needs a shared cache: set REDIS_URL." in result.stderr
    del env["PAGE_CACHE_SECONDS"]
    script = "import imc_portal.settings as s; print(s.PAGE_CACHE_SECONDS)"
    result = subprocess.run([sys.executable, "-c", script], cwd=settings.BASE_DIR, env=env,
                            capture_output=True, text=True, check=True)  # fmt: skip
    assert result.stdout.strip() == "0"


def test_staff_count_on_about_page_follows_a_bulk_update(client, page_cache):
    StaffMemberFactory(surname="Перший", is_public=True)
    _cached(client, "/about/")
    StaffMember.objects.update(is_public=False)
    assert "Перший" not in client.get("/about/").content.decode()


def test_every_page_denies_the_browser_features_the_portal_never_uses(
    client, page_cache, methodist
):
    StaffMemberFactory()
    first, second = client.get("/about/"), client.get("/about/")
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    policy = second["Permissions-Policy"]
    assert first["Permissions-Policy"] == policy
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy.split(", ")
    client.force_login(methodist)
    admin = client.get("/admin/")
    assert admin.status_code == 200
    assert admin["Permissions-Policy"] == policy
    assert client.get("/healthz")["Permissions-Policy"] == policy
