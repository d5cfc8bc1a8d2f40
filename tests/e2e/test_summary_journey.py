"""The director's year: log in, open the summary, switch to an academic year, check the
records behind a figure, download the report."""

import docx
import pytest
from playwright.sync_api import expect

from imc_portal.roles import DIRECTOR
from tests.e2e.conftest import _page, log_in, screenshot
from tests.e2e.test_core_journeys import staff_user

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("width", [360, 1280])
def test_director_reads_the_year_checks_a_figure_and_downloads_the_report(
    demo, live_server, browser, width
):
    staff_user("e2e-director", DIRECTOR)
    context, page = _page(browser, width)
    log_in(page, live_server, "e2e-director", "e2e-pass-123")
    page.goto(live_server.url + "/")
    if width < 992:
        page.get_by_role("button", name="Показати меню").click()
    page.get_by_role("link", name="Зведення", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Зведення:")

    page.get_by_label("Календарний або навчальний рік").select_option("2019-2020")
    page.get_by_role("button", name="Показати", exact=True).first.click()
    page.wait_for_url("**/summary/2019-2020/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Зведення: 2019/2020")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"director-summary-{width}")

    page.goto(live_server.url + "/summary/2009/")
    row = page.locator(
        "tr", has=page.get_by_role("rowheader", name="Засідання міських методичних об’єднань")
    )
    shown = int(row.locator("td").first.inner_text())
    row.get_by_role("link", name="записи").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("2009")
    assert page.locator("main section ol li").count() == shown > 130
    screenshot(page, f"director-records-{width}")

    page.go_back()
    with page.expect_download() as download_info:
        page.locator('a[href$="summary.docx"]').first.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    document = docx.Document(download.path())
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "2009" in text and "засідань міських методичних об’єднань" in text
    context.close()
