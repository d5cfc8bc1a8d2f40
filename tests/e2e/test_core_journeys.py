import pytest
from django.contrib.auth.models import Group, User

from imc_portal.plugins import app_modules
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


def test_every_public_page_type_has_no_serious_accessibility_violations(demo, live_server, desktop):
    pages = [page for module in app_modules("bench") for page in module.pages()]
    assert len(pages) >= 5
    problems = {}
    for name, path in pages:
        # Feeds and calendar files are for programs, not read as pages: the browser saves them.
        kind = desktop.request.get(live_server.url + path).headers["content-type"]
        if not kind.startswith("text/html"):
            continue
        desktop.goto(live_server.url + path)
        if found := serious_axe_violations(desktop):
            problems[name] = found
    assert problems == {}


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


def test_director_sees_staff_only_pages_a_methodist_cannot(demo, live_server, browser):
    staff_user("e2e-director", DIRECTOR)
    staff_user("e2e-methodist", METHODIST)
    for username, allowed in (("e2e-director", True), ("e2e-methodist", False)):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        log_in(page, live_server, username, "e2e-pass-123")
        assert page.get_by_role("heading", name="Облік").is_visible()
        response = page.goto(f"{live_server.url}/admin/auth/user/")
        assert (response.status == 200) is allowed
        if allowed:
            assert page.get_by_role("link", name="e2e-methodist").is_visible()
            screenshot(page, "director-users")
        context.close()
