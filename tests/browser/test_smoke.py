import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_renders_without_console_errors(live_server, page, screenshot):
    page.goto(live_server.url + "/")
    assert page.locator("h1").first.inner_text() == "ACP-EU Migration Action knowledge portal"
    assert page.evaluate("document.documentElement.lang") == "en"
    # The skip link is the first thing a keyboard user reaches.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.console_errors == []
    for path in screenshot(page, "home"):
        assert path.stat().st_size > 1000
    # At 375 px nothing scrolls sideways.
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
