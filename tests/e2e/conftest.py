"""Real-browser journeys: Playwright driving Debian's Chromium against pytest-django's live
server. Run by `make e2e` (and CI); screenshots of each journey's last page go to
bench/screenshots/ for a person to look at."""

import io
import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# around it are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(settings.BASE_DIR) / "bench" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _page(browser, width):
    # The accessibility checker is injected as a script: the CSP would refuse it.
    context = browser.new_context(
        viewport={"width": width, "height": 900}, bypass_csp=True, accept_downloads=True,
        locale="uk-UA",
    )  # fmt: skip
    page = context.new_page()
    page.set_default_timeout(15000)
    return context, page


@pytest.fixture
def phone(browser):
    context, page = _page(browser, 360)
    yield page
    context.close()


@pytest.fixture
def desktop(browser):
    context, page = _page(browser, 1280)
    yield page
    context.close()


@pytest.fixture
def demo(transactional_db, settings):
    settings.DEBUG = False
    call_command("load_demo", stdout=io.StringIO())


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def serious_axe_violations(page):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document)")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def log_in(page, live_server, username, password):
    page.goto(f"{live_server.url}/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("input[type=submit]").click()
