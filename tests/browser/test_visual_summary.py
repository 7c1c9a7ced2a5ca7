"""The pages people look at most, as a phone and a laptop show them, with the programme's
public record loaded: home, a list, a record, search and the matrix.

At 375 and 1280 px each page has no serious axe finding and no console error, nothing is
wider than the screen, and every control is a tap target of at least 24 px (WCAG 2.2, 2.5.8).
On a phone the first result of a list or a search starts within a screen and a half. The
screenshots are kept as artefacts (test-artifacts/screenshots/visual-*.png).
"""

import pytest
from django.core.management import call_command

from tests.browser.conftest import SCREENSHOT_DIR
from tests.browser.test_public_pages import serious_findings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [375, 1280]
HEIGHT = 800

# Controls that are tap targets of their own. Links inside running text are exempt from 2.5.8
# (they are inline); the map's squares are exempt as their links are repeated, each at least
# 24 px tall, in the table beside the map ("equivalent" exception).
TARGETS = ", ".join(
    [
        "button",
        "summary",
        "select",
        "input:not([type=hidden])",
        ".nav a",
        ".language-switcher a",
        ".site-footer a",
        ".pagination a",
        ".active-filters a",
        ".inline-list a",
        ".matrix .cell a",
    ]
)

MEASURE = """(selector) => [...document.querySelectorAll(selector)]
  .filter((element) => element.getClientRects().length && !element.closest('svg'))
  .map((element) => {
    const box = element.getBoundingClientRect();
    return {
      what: element.outerHTML.slice(0, 80),
      width: Math.round(box.width * 10) / 10,
      height: Math.round(box.height * 10) / 10,
    };
  })"""


@pytest.fixture
def public_record(db):
    call_command("load_content", verbosity=0)


def first_lesson_url():
    from lessons.models import Lesson

    return Lesson.objects.published().order_by("title").first().get_absolute_url()


PAGES = {
    "home": lambda: "/",
    "list": lambda: "/lessons/",
    "record": first_lesson_url,
    "search": lambda: "/search/?q=remittances",
    "matrix": lambda: "/matrix/",
}
RESULTS = {"list": ".results .cards > li", "search": ".search-results > li"}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_page_reads_at_both_widths(live_server, page, public_record, name, width):
    page.set_viewport_size({"width": width, "height": HEIGHT})
    page.goto(live_server.url + PAGES[name]())

    assert serious_findings(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    small = [
        target
        for target in page.evaluate(MEASURE, TARGETS)
        if target["height"] < 24 or target["width"] < 24
    ]
    assert small == []
    if name in RESULTS and width < 600:
        top = page.locator(RESULTS[name]).first.bounding_box()["y"]
        assert top < 1.5 * HEIGHT, f"the first result starts {top} px down"
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"visual-{name}-{width}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 1000
    assert page.console_errors == []


def test_the_filters_open_on_a_phone_without_javascript(browser, live_server, public_record):
    context = browser.new_context(
        viewport={"width": 375, "height": HEIGHT}, java_script_enabled=False
    )
    phone = context.new_page()
    phone.goto(live_server.url + "/lessons/")
    summary = phone.locator("summary.filters-summary")
    assert summary.inner_text().startswith("Filters (0)")
    assert not phone.get_by_label("Remittances (2)").is_visible()
    summary.click()
    phone.get_by_label("Remittances (2)").check()
    button = phone.get_by_role("button", name="Show 7 results")
    with phone.expect_navigation():
        button.click()
    assert "theme=remittances" in phone.url
    assert phone.locator("summary.filters-summary").inner_text().startswith("Filters (1)")
    # The page comes back with the filters closed and the results first; the button counts.
    assert phone.locator("form.filters button").text_content() == "Show 2 results"
    # The menu button opens the site's navigation, without a script too.
    assert not phone.get_by_role("link", name="Matrix").is_visible()
    phone.locator("summary", has_text="Menu").click()
    assert phone.get_by_role("link", name="Matrix").is_visible()
    context.close()


def test_the_filters_and_the_menu_are_open_on_a_wide_screen(page, live_server, public_record):
    page.goto(live_server.url + "/lessons/")
    assert page.get_by_label("Remittances (2)").is_visible()
    assert not page.locator("summary.filters-summary").is_visible()
    assert page.get_by_role("link", name="Matrix").is_visible()
    assert not page.locator("summary", has_text="Menu").is_visible()


def test_each_map_square_opens_its_country(page, live_server, public_record):
    page.goto(live_server.url + "/")
    squares = page.locator(".tile-map a.tile")
    table = page.locator(".map-table tbody a")
    assert squares.count() == table.count() >= 31
    page.locator('.tile-map a[aria-label="Guyana"]').click()
    assert page.locator("h1").inner_text() == "Guyana"
