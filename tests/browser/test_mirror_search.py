"""The static mirror's search, in Chromium, served by a plain static server (no Django)."""

import json

import pytest

from programme.management.commands.load_content import FIXTURES_DIR
from tests.mirror import built_once, serve

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture
def mirror(db, mirror_folder):
    return built_once(mirror_folder)["output"]


def results(page, url):
    page.goto(url)
    page.wait_for_selector(".mirror-search.ready")
    return page.locator(".mirror-results a")


def test_search_in_the_mirror_finds_words_in_both_languages(mirror, page):
    with serve(mirror) as server:
        english = results(page, server + "/search/?q=remittances")
        assert english.count() >= 3
        titles = english.all_inner_texts()
        assert "Thematic publication on remittances" in titles
        french = results(page, server + "/fr/search/?q=transferts%20de%20fonds")
        assert "Transferts de fonds" in french.all_inner_texts()
        assert all(
            href.startswith("/fr/")
            for href in french.evaluate_all("links => links.map(link => link.getAttribute('href'))")
        )
        # Typing a search in the page's form searches again without leaving the page.
        page.fill("#search-q", "visas")
        page.press("#search-q", "Enter")
        page.wait_for_function(
            "document.querySelector('.search-summary').textContent.includes('visas')"
        )
        assert "/fr/themes/visas/" in page.locator(".mirror-results a").evaluate_all(
            "links => links.map(link => link.getAttribute('href'))"
        )
        assert "q=visas" in page.url
        # A word found nowhere says so.
        results(page, server + "/search/?q=zzzxq")
        assert page.locator(".mirror-results li").count() == 0
        assert "No result" in page.locator(".search-summary").inner_text()
    assert page.console_errors == []


def fixture_lessons():
    records = json.loads((FIXTURES_DIR / "06-lessons-and-good-practices.json").read_text())
    return sum(record["model"] == "lessons.lesson" for record in records)


def test_without_javascript_the_search_page_lists_themes_and_records(mirror, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    with serve(mirror) as server:
        page.goto(server + "/fr/search/")
        browse = page.locator(".mirror-browse")
        assert "Transferts de fonds" in browse.locator("a").all_inner_texts()
        assert browse.locator("a[href^='/fr/lessons/']").count() == fixture_lessons()
    context.close()
