"""Staff in the admin: the draft-to-public workflow, and the admin under the production CSP."""

import pytest

from programme.publishing.roles import EDITORS, PUBLISHERS
from tests import press_release
from tests.factories import make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "A lesson drafted in the browser test"
# Records every Content-Security-Policy violation the page reports, from before its scripts run.
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
    `at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


def sign_in(page, base_url, user):
    page.goto(base_url + "/admin/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("pw")
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()
    assert page.url == base_url + "/admin/"


def public_lessons(visitor, base_url):
    """The text of the public list of lessons, as an anonymous visitor sees it now."""
    visitor.goto(base_url + "/lessons/")
    # Browsers may keep a public page for a minute (Cache-Control); the visitor reloads.
    visitor.reload()
    return visitor.locator("main").inner_text()


def test_a_draft_becomes_public_only_when_a_publisher_publishes_it(live_server, page, browser):
    base = live_server.url
    editor, publisher = make_staff(EDITORS), make_staff(PUBLISHERS)
    visitor_context = browser.new_context()
    publisher_context = browser.new_context()
    try:
        visitor = visitor_context.new_page()
        # The editor writes the lesson; it is saved as a draft.
        sign_in(page, base, editor)
        page.goto(base + "/admin/lessons/lesson/add/")
        page.locator("#id_title").fill(TITLE)
        page.locator("#id_takeaway").fill("What the test learned.")
        # The slug is filled in from the title by the admin's script.
        assert page.get_by_label("Slug").input_value() == "a-lesson-drafted-in-the-browser-test"
        assert page.get_by_label("Status").input_value() == "draft"
        with page.expect_navigation():
            page.get_by_role("button", name="Save", exact=True).click()
        assert "was added successfully" in page.locator(".messagelist").inner_text()
        # Editors cannot publish: no such action for them.
        assert (
            "Publish the selected records" not in page.locator("select[name=action]").inner_text()
        )
        assert TITLE not in public_lessons(visitor, base)
        assert visitor.goto(base + "/lessons/a-lesson-drafted-in-the-browser-test/").status == 404

        # A publisher publishes it from the list.
        publishing = publisher_context.new_page()
        sign_in(publishing, base, publisher)
        publishing.goto(base + "/admin/lessons/lesson/")
        publishing.get_by_role("row", name=TITLE).get_by_role("checkbox").check()
        publishing.locator("select[name=action]").select_option(
            label="Publish the selected records"
        )
        with publishing.expect_navigation():
            publishing.get_by_role("button", name="Go").click()
        assert "1 lesson learned published." in publishing.locator(".messagelist").inner_text()

        assert TITLE in public_lessons(visitor, base)
        visitor.get_by_role("link", name=TITLE).click()
        assert visitor.locator("h1").inner_text() == TITLE
        assert visitor.locator(".banner-draft").count() == 0
        assert page.console_errors == []
    finally:
        visitor_context.close()
        publisher_context.close()


def test_the_admin_works_under_the_production_csp(live_server, page):
    content = press_release.build()
    closing = content["closing"]
    assert closing.statements.exists()  # the change form below has inlines to show
    page.add_init_script(WATCH_CSP)
    sign_in(page, live_server.url, make_staff())

    def visit(path):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        policy = response.headers["content-security-policy"]
        assert "default-src 'self'" in policy
        assert "unsafe-inline" not in policy
        page.wait_for_load_state("networkidle")

    visit("/admin/")
    visit("/admin/lessons/lesson/")
    # The changelist's scripts: select all, then the action bar counts the selection.
    page.locator("#action-toggle").check()
    assert "selected" in page.locator(".action-counter").inner_text()

    visit("/admin/lessons/lesson/add/")
    # An autocomplete field asks the server as the editor types (select2 and its JSON view).
    page.locator(".field-themes .select2-search__field").fill("Remit")
    page.locator(".select2-results__option", has_text="Remittances").click()
    assert "Remittances" in page.locator(".field-themes").inner_text()
    # The countries picker (select2 over its own options) lists the programme's countries
    # first and filters them as the editor types, with no request to the server.
    page.locator(".field-countries .select2-search__field").click()
    first_group = page.locator(".select2-results__group").first
    assert first_group.inner_text() == "ACP countries and South Sudan"
    page.locator(".field-countries .select2-search__field").fill("Jamai")
    options = page.locator(".select2-results__option[role=option]")
    assert options.all_inner_texts() == ["Jamaica"]
    options.first.click()
    assert page.locator("#id_countries").evaluate(
        "select => [...select.selectedOptions].map(o => o.value)"
    ) == ["JM"]

    visit(f"/admin/programme/event/{closing.pk}/change/")
    inlines = page.locator(".inline-related:not(.empty-form)")
    before = inlines.count()
    assert before >= 1
    page.get_by_role("button", name="Add another Statement").click()
    assert inlines.count() == before + 1

    assert page.evaluate("window.__cspViolations") == []
    assert page.console_errors == []
