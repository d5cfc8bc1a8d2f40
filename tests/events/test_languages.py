"""Every public events page in Ukrainian and in English, kept by the page cache: an edit
shows at once in both, with links in the page's language."""

import datetime as dt
import re

import pytest
from django.utils import timezone, translation

from tests.events.factories import EventFactory, GroupFactory, kyiv

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(settings):
    settings.PAGE_CACHE_SECONDS = 600
    group = GroupFactory(name="МО до змін")
    soon = timezone.now() + dt.timedelta(days=3)
    upcoming = EventFactory(title="Семінар до змін", group=group, start=soon)
    past = EventFactory(
        title="Минуле до змін", group=group, start=kyiv(2030, 1, 15) - dt.timedelta(days=365 * 10)
    )
    return {"group": group, "upcoming": upcoming, "past": past, "soon": soon}


def pages(records):
    upcoming, past, soon = records["upcoming"], records["past"], records["soon"]
    with translation.override("uk"):
        return {
            "/events/": upcoming,
            "/events/archive/": past,
            f"/events/archive/{past.start.year}/": past,
            f"/events/calendar/{soon.year}/{soon.month}/": upcoming,
            upcoming.get_absolute_url(): upcoming,
            records["group"].get_absolute_url(): upcoming,
            "/groups/": records["group"],
            "/events/feed/": upcoming,
            "/events/feed.ics": upcoming,
            upcoming.get_ics_url(): upcoming,
            "/": upcoming,
        }


def test_every_events_page_shows_an_edit_at_once_in_both_languages(client, records):
    for path in pages(records):
        for prefix in ("", "/en"):
            client.get(prefix + path)
            assert client.get(prefix + path)["X-Page-Cache"] == "hit", prefix + path
    for record in (records["upcoming"], records["past"]):
        record.title = record.title.replace("до змін", "після змін")
        record.save()
    records["group"].name = "МО після змін"
    records["group"].save()
    for path, record in pages(records).items():
        for prefix in ("", "/en"):
            body = client.get(prefix + path).content.decode()
            assert str(record) in body, prefix + path
            assert "до змін" not in body, prefix + path


def test_english_pages_link_to_english_pages(client, records):
    for path in pages(records):
        if path.endswith(("ics", "/feed/")):
            continue
        body = client.get(f"/en{path}").content.decode()
        links = re.findall(r'href="(/[^"]*)"', body)
        inner = [link for link in links if not link.startswith(("/static/", "/media/"))]
        assert inner, path
        ukrainian = [link for link in inner if not link.startswith("/en/")]
        # the only link out of English is the switch to Ukrainian
        assert len(ukrainian) == 1, (path, ukrainian)
        assert 'lang="uk"' in body


def test_feeds_link_to_the_pages_in_their_language(client, records):
    upcoming = records["upcoming"]
    english = client.get("/en/events/feed/").content.decode()
    assert f"http://testserver/en/events/{upcoming.slug}/" in english
    ukrainian = client.get("/events/feed.ics").content.decode()
    assert f"http://testserver/events/{upcoming.slug}/" in ukrainian.replace("\r\n ", "")
