"""Events journeys in a real browser: a teacher finds an event and takes it to their
calendar; a methodist publishes one with a speaker and a PDF."""

import datetime as dt
from urllib.parse import parse_qs, urlparse

import icalendar
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from events.demo import demo_pdf
from events.models import Event
from imc_portal.models import Subject
from imc_portal.roles import METHODIST
from tests.e2e.conftest import log_in, screenshot
from tests.e2e.test_core_journeys import staff_user

pytestmark = pytest.mark.e2e


def busiest_upcoming_area():
    """An area with upcoming published events in the demo data, and its first event."""
    upcoming = Event.objects.published().upcoming()
    for subject in Subject.objects.order_by("slug"):
        event = upcoming.filter(subjects=subject).first()
        if event:
            return subject, event
    raise AssertionError("the demo has no upcoming event with an area")


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_teacher_filters_events_by_area_and_takes_one_to_the_calendar(
    demo, live_server, request, width
):
    page = request.getfixturevalue(width)
    area, event = busiest_upcoming_area()
    page.goto(live_server.url + "/")
    if width == "phone":
        page.get_by_role("button", name="Показати меню").click()
    page.get_by_role("navigation").get_by_role("link", name="Події", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Найближчі заходи")

    # The filters are folded: the first event shows before any of them.
    expect(page.get_by_label("Напрям")).to_be_hidden()
    page.locator("summary", has_text="Фільтри").click()
    page.get_by_label("Напрям").select_option(area.slug)
    page.get_by_role("button", name="Застосувати фільтри").click()
    page.wait_for_url(f"**area={area.slug}**")
    assert parse_qs(urlparse(page.url).query)["area"] == [area.slug]
    assert page.get_by_role("link", name=event.title, exact=True).is_visible()
    expect(page.locator("summary", has_text="Фільтри")).to_contain_text("обрано 1")
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]

    page.get_by_role("link", name=event.title, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(event.title)
    with page.expect_download() as download_info:
        page.locator(f'a[href="{event.get_ics_url()}"]').first.click()
    download = download_info.value
    assert download.suggested_filename == f"{event.slug}.ics"
    with open(download.path(), "rb") as handle:
        calendar = icalendar.Calendar.from_ical(handle.read())
    summaries = [str(item["SUMMARY"]) for item in calendar.walk("VEVENT")]
    assert summaries == [event.title]

    page.go_back()
    page.wait_for_url(f"**area={area.slug}**")
    assert parse_qs(urlparse(page.url).query)["area"] == [area.slug]
    assert page.get_by_label("Напрям").input_value() == area.slug
    assert page.get_by_role("link", name=event.title, exact=True).is_visible()
    screenshot(page, f"teacher-events-{width}")


def fill_event(page, live_server, title, pdf_name, pdf_bytes):
    page.goto(f"{live_server.url}/admin/events/event/add/")
    page.locator("#id_title").fill(title)
    page.locator("#id_kind").select_option("seminar")
    start = timezone.localtime() + dt.timedelta(days=5)
    page.locator("#id_start_0").fill(start.strftime("%d.%m.%Y"))
    page.locator("#id_start_1").fill("10:00:00")
    page.locator("#id_address").fill("вул. Соборна, 5")
    page.locator("#id_is_published").check()
    page.locator("#speakers-group .add-row a").click()
    page.locator("#materials-group .add-row a").click()
    page.locator("#id_speakers-0-name").fill("Завадський Ігор Олексійович")
    page.locator("#id_speakers-0-affiliation").fill("автор підручників")
    page.locator("#id_materials-0-title").fill("Програма семінару")
    page.locator("#id_materials-0-file").set_input_files(
        files=[{"name": pdf_name, "mimeType": "application/pdf", "buffer": pdf_bytes}]
    )
    page.locator("input[name=_save]").first.click()


def test_methodist_publishes_an_event_with_a_speaker_and_a_pdf(demo, live_server, desktop):
    staff_user("e2e-methodist", METHODIST)
    page = desktop
    log_in(page, live_server, "e2e-methodist", "e2e-pass-123")
    assert page.get_by_role("heading", name="Облік").is_visible()

    fill_event(page, live_server, "Семінар-сюрприз", "programme.pdf", b"<html>not a pdf</html>")
    expect(page.get_by_text("Цей файл не є дозволеним документом")).to_be_visible()
    expect(page.get_by_text("Будь ласка, виправте").first).to_be_visible()
    assert not Event.objects.filter(title="Семінар-сюрприз").exists()

    title = "Семінар «Урок у новій українській школі»"
    fill_event(page, live_server, title, "programme.pdf", demo_pdf("Programme"))
    expect(page.locator(".messagelist .success")).to_contain_text(title)
    event = Event.objects.get(title=title)
    assert event.is_published
    assert [s.name for s in event.speakers.all()] == ["Завадський Ігор Олексійович"]
    assert [m.file_type for m in event.materials.all()] == ["pdf"]

    page.goto(f"{live_server.url}/events/")
    page.get_by_role("link", name=title).click()
    assert page.get_by_role("heading", level=1).inner_text() == title
    assert page.get_by_text("Завадський Ігор Олексійович").is_visible()
    assert page.get_by_role("link", name="Програма семінару").is_visible()
    screenshot(page, "methodist-event-published")
