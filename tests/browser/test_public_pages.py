"""A visitor's path through the public pages, accessibility checks and screenshots."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests import press_release

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def content():
    return press_release.build()


def serious_findings(page):
    results = Axe().run(page)
    return [
        (violation["id"], violation["impact"], [node["target"] for node in violation["nodes"]])
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


def test_visitor_filters_practices_and_follows_the_provenance(live_server, page, content):
    page.goto(live_server.url + "/good-practices/")
    assert page.locator("#results-summary").inner_text() == "2 good practices"
    # The small script submits the form when a box is ticked.
    with page.expect_navigation():
        page.get_by_label("Remittances (1)").check()
    with page.expect_navigation():
        page.get_by_label("Caribbean (1)").check()
    assert page.locator("#results-summary").inner_text() == (
        "1 good practice on Remittances in the Caribbean region"
    )
    assert "theme=remittances" in page.url and "region=caribbean" in page.url
    page.get_by_role("link", name="Regional and inter-regional peer-to-peer meetings").click()
    assert page.locator("h1").inner_text() == "Regional and inter-regional peer-to-peer meetings"
    provenance = page.locator(".provenance")
    provenance.get_by_role("link", name="ACP-EU Migration Action closing event").click()
    assert page.locator("h1").inner_text() == "ACP-EU Migration Action closing event"
    assert "over 90" in page.locator(".facts").inner_text()
    page.locator("#speakers + ul").get_by_role("link", name="Jill Helke").click()
    assert page.locator("h1").inner_text() == "Jill Helke"
    assert "peer-to-peer meetings boosted" in page.locator(".quote").first.inner_text()
    assert page.console_errors == []


@pytest.mark.parametrize("path", ["/", "/good-practices/"])
def test_no_serious_accessibility_findings_or_console_errors(live_server, page, content, path):
    page.goto(live_server.url + path)
    assert serious_findings(page) == []
    assert page.console_errors == []


def test_screenshots_of_the_main_pages(live_server, page, content, screenshot):
    pages = {
        "home": "/",
        "about": "/about/",
        "good-practices": "/good-practices/?theme=remittances",
        "lessons": "/lessons/",
        "practice": content["peer_meetings"].get_absolute_url(),
        "lesson": content["demand_lesson"].get_absolute_url(),
        "event": content["closing"].get_absolute_url(),
        "person": content["helke"].get_absolute_url(),
        "theme": content["themes"]["remittances"].get_absolute_url(),
        "matrix": "/matrix/",
        "stakeholders": "/stakeholders/",
        "organisation": "/stakeholders/iom/",
        "projects": "/projects/",
        "project": "/projects/peer-to-peer-regional-thematic-meetings/",
        "publication": content["press_release"].get_absolute_url(),
        "statement": content["assistance_quote"].get_absolute_url(),
        "region": "/regions/caribbean/",
        "themes": "/themes/",
        "events": "/events/",
        "people": "/people/",
    }
    findings = {}
    for name, path in pages.items():
        page.goto(live_server.url + path)
        findings[name] = serious_findings(page)
        for shot in screenshot(page, name):
            assert shot.stat().st_size > 1000
        page.set_viewport_size({"width": 375, "height": 800})
        # Nothing scrolls sideways on a phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, name
        page.set_viewport_size({"width": 1280, "height": 900})
    assert {name: found for name, found in findings.items() if found} == {}
    assert page.console_errors == []


def test_visitor_finds_a_person_with_or_without_accents(live_server, page, content):
    person_url = content["hagstrom"].get_absolute_url()
    found = {}
    for typed in ("Hagstrom", "Hagström", "hagström"):
        page.goto(live_server.url + "/")
        page.get_by_label("Search the portal").fill(typed)
        with page.expect_navigation():
            page.get_by_label("Search the portal").press("Enter")
        people = page.locator("section.search-group", has=page.locator("#group-people"))
        link = people.get_by_role("link", name="Camilla Hagström")
        assert link.count() == 1, typed
        found[typed] = link.get_attribute("href")
        # The search box shows what was typed, as typed.
        assert page.locator("#search-q").input_value() == typed
    assert set(found.values()) == {person_url}
    page.get_by_role("link", name="Camilla Hagström").first.click()
    assert page.locator("h1").inner_text() == "Camilla Hagström"
    assert page.console_errors == []
