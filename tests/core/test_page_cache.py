import gzip

import pytest

from tests.factories import CentreFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60


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


def test_logged_in_staff_bypass_the_cache(methodist_client, page_cache):
    methodist_client.get("/about/")
    response = methodist_client.get("/about/")
    assert not response.has_header("X-Page-Cache")


def test_languages_are_cached_apart(client, page_cache):
    assert '<html lang="uk">' in client.get("/about/").content.decode()
    assert '<html lang="en">' in client.get("/en/about/").content.decode()


def test_not_found_pages_are_not_cached(client, page_cache):
    assert client.get("/about/staff/nobody/").status_code == 404
    assert not client.get("/about/staff/nobody/").has_header("X-Page-Cache")


def test_fragment_is_rendered_again_after_an_edit():
    from django.core.cache import cache

    from events.models import Event
    from imc_portal.fragments import attach_html
    from imc_portal.page_cache import clear_local, content_version
    from tests.events.factories import EventFactory

    def html(event):
        return attach_html(
            [event], "events/includes/event_item.html", "probe", as_name="event",
            extra={"level": 2},
        )[0].html  # fmt: skip

    event = EventFactory(title="Перший семінар")
    first = html(event)
    assert "Перший семінар" in first
    assert html(Event.objects.get(pk=event.pk)) == first
    event.title = "Другий семінар"
    event.save()
    assert "Другий семінар" in html(event)
    # An emptied cache (Redis restarted) never brings back versions a worker still holds.
    version = content_version()
    cache.clear()
    assert content_version() != version
    clear_local()


def test_a_request_reads_the_content_version_once(client, monkeypatch):
    from imc_portal import page_cache

    reads = []
    real_get = page_cache.cache.get

    def counting_get(key, *args, **kwargs):
        if key == page_cache.VERSION_KEY:
            reads.append(key)
        return real_get(key, *args, **kwargs)

    monkeypatch.setattr(page_cache.cache, "get", counting_get)
    CentreFactory()
    page_cache.content_version()
    reads.clear()
    assert client.get("/about/").status_code == 200
    assert len(reads) == 1


def test_a_cached_page_is_one_round_trip_and_never_served_after_a_change(
    client, page_cache, monkeypatch
):
    from imc_portal import page_cache as module

    CentreFactory()
    member = StaffMemberFactory(surname="Перший")
    assert client.get("/about/")["X-Page-Cache"] == "miss"
    calls, depth = [], [0]

    def counted(name, real):
        def call(*args, **kwargs):
            if not depth[0]:  # not the backend's own calls (LocMem's get_many calls get)
                calls.append(name)
            depth[0] += 1
            try:
                return real(*args, **kwargs)
            finally:
                depth[0] -= 1

        return call

    for name in ("get", "get_many", "set", "set_many", "add", "incr"):
        monkeypatch.setattr(module.cache, name, counted(name, getattr(module.cache, name)))
    hit = client.get("/about/")
    assert hit["X-Page-Cache"] == "hit"
    assert calls == ["get_many"]
    member.surname = "Другий"
    member.save()
    again = client.get("/about/")
    assert again["X-Page-Cache"] == "miss"
    assert "Другий" in again.content.decode() and "Перший" not in again.content.decode()


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
    assert second["Content-Length"] == str(len(second.content))
