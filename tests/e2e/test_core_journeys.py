import pytest
from django.contrib.auth.models import Group, User

from bench.pages import page_list
from imc_portal.roles import DIRECTOR, METHODIST, sync_role_permissions
from tests.e2e.conftest import log_in, screenshot, serious_axe_violations

pytestmark = pytest.mark.e2e


def staff_user(username, group):
    # Transactional tests flush the tables, the roles made by the data migration included.
    role, _created = Group.objects.get_or_create(name=group)
    sync_role_permissions()
    user = User.objects.create_user(username=username, password="e2e-pass-123", is_staff=True)
    user.groups.add(role)
    return user


def html_pages(page, live_server):
    """The benchmark's public page types that a browser shows (feeds and calendar files are
    for programs: the browser saves them)."""
    pages = page_list()
    assert len(pages) >= 40
    for name, path in pages:
        kind = page.request.get(live_server.url + path).headers["content-type"]
        if kind.startswith("text/html"):
            yield name, path


def test_every_public_page_type_has_no_serious_accessibility_violations(demo, live_server, desktop):
    problems = {}
    for name, path in html_pages(desktop, live_server):
        desktop.goto(live_server.url + path)
        if found := serious_axe_violations(desktop):
            problems[name] = found
    assert problems == {}


def test_every_public_page_fits_a_phone_screen(demo, live_server, phone):
    """At 360 px nothing is wider than the screen: the calendar reads as a list of days,
    tables scroll inside their own box."""
    too_wide = {}
    for name, path in html_pages(phone, live_server):
        phone.goto(live_server.url + path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > phone.viewport_size["width"]:
            too_wide[name] = width
    assert too_wide == {}
    phone.goto(live_server.url + "/events/calendar/")
    assert not phone.locator(".event-calendar thead").is_visible()
    screenshot(phone, "calendar-phone")


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_visitor_reads_about_on_phone_and_desktop(demo, live_server, request, width):
    page = request.getfixturevalue(width)
    page.goto(live_server.url + "/")
    if width == "phone":
        page.get_by_role("button", name="Показати меню").click()
    page.get_by_role("link", name="Про центр").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Про центр"
    assert page.get_by_text("14 методистів (13,75 ставки)").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    page.get_by_role("link", name="Бойко Олена Миколаївна").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Бойко Олена Миколаївна"
    screenshot(page, f"visitor-about-{width}")


def test_director_reads_the_admin_a_methodist_edits_and_neither_sees_users(
    demo, live_server, browser
):
    staff_user("e2e-director", DIRECTOR)
    staff_user("e2e-methodist", METHODIST)
    for username, edits in (("e2e-director", False), ("e2e-methodist", True)):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        log_in(page, live_server, username, "e2e-pass-123")
        assert page.get_by_role("heading", name="Облік").is_visible()
        assert page.get_by_role("link", name="Користувачі").count() == 0
        response = page.goto(f"{live_server.url}/admin/auth/user/")
        assert response.status == 403
        page.goto(f"{live_server.url}/admin/events/event/")
        assert page.get_by_role("link", name="Додати захід").count() == (1 if edits else 0)
        assert page.locator("select[name=action]").count() == (1 if edits else 0)
        if not edits:
            screenshot(page, "director-events-read-only")
        context.close()
