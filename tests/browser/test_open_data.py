"""A visitor downloads a filtered list and reads the data dictionary, in a real browser."""

import pytest

from tests import press_release
from tests.browser.test_public_pages import serious_findings
from tests.export_parsing import parse_csv

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def content():
    return press_release.build()


def test_visitor_downloads_the_filtered_list_as_csv(live_server, page, content):
    page.goto(live_server.url + "/good-practices/?theme=remittances")
    shown = page.locator(".cards .card-title").all_inner_texts()
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV, for spreadsheets").click()
    path = download.value.path()
    assert download.value.suggested_filename == "good-practices.csv"
    _header, rows = parse_csv(path.read_bytes())
    assert [row["Title"] for row in rows] == [title.strip() for title in shown]
    assert all("Remittances" in row["Themes"] for row in rows)
    page.get_by_role("link", name="what the columns mean, and the licence").click()
    assert page.locator("h1").inner_text() == "Open data"
    assert page.console_errors == []


def test_the_data_dictionary_has_no_serious_accessibility_findings(
    live_server, page, content, screenshot
):
    page.goto(live_server.url + "/data/")
    assert serious_findings(page) == []
    assert page.console_errors == []
    screenshot(page, "data-dictionary")
    page.goto(live_server.url + "/people/")
    screenshot(page, "people-with-downloads")
