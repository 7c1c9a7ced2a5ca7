"""Playwright for Python driving Debian's Chromium against pytest-django's live server.

Without Chromium the browser tests skip with a reason, except in CI (CI=true), where a missing
browser is a failure. Screenshots go to test-artifacts/screenshots/ (or $SCREENSHOT_DIR).
"""

import os
from pathlib import Path

import pytest

from tests.conftest import IN_CI, ROOT, chromium_path

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SCREENSHOT_DIR = Path(os.environ.get("SCREENSHOT_DIR", ROOT / "test-artifacts" / "screenshots"))

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if not executable:
        message = "Chromium not found at /usr/bin/chromium (apt-get install chromium)"
        if IN_CI:
            pytest.fail(message + ": the browser tests must run in CI.")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.console_errors = []
    page.on(
        "console", lambda message: message.type == "error" and page.console_errors.append(message)
    )
    page.on("pageerror", lambda error: page.console_errors.append(error))
    yield page
    context.close()


@pytest.fixture
def screenshot():
    """Save a full-page screenshot at 1280 and 375 px wide; returns the paths."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        paths = []
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 900})
            path = SCREENSHOT_DIR / f"{name}-{width}.png"
            page.screenshot(path=str(path), full_page=True)
            paths.append(path)
        page.set_viewport_size({"width": 1280, "height": 900})
        return paths

    return take
