"""An Editor and a Publisher at 1280 px: the review desk, lists that fit, the workflow buttons,
the Markdown preview and the history's reasons."""

import pytest

from lessons.models import Lesson
from programme.models import Status
from programme.publishing import services
from programme.publishing.roles import EDITORS, PUBLISHERS
from tests.browser.test_admin import sign_in
from tests.factories import drafts as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def table_fits(page):
    """Whether the list's results table is no wider than the area it is shown in."""
    return page.evaluate(
        """() => {
          const table = document.querySelector('#result_list');
          const area = document.querySelector('#changelist .results') || table.parentElement;
          return [table.getBoundingClientRect().width, area.clientWidth, area.scrollWidth];
        }"""
    )


def test_a_draft_goes_through_review_to_the_public_site_with_the_buttons(
    live_server, page, browser, screenshot
):
    base = live_server.url
    editor = f.make_staff(EDITORS, email="editor@example.org")
    publisher = f.make_staff(PUBLISHERS, email="publisher@example.org")
    theme = f.make_theme(name="Remittances and diaspora engagement")
    for number in range(12):
        lesson = f.make_lesson(
            title=f"A long lesson title number {number} about remittances, diaspora engagement "
            "and the regional meetings where the lesson was presented and discussed",
            featured=number % 2 == 0,
            m2m={"themes": [theme]},
        )
        if number % 3 == 0:
            services.publish(publisher, lesson)
    publisher_context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        # The editor writes a draft and sends it to review with a reason.
        sign_in(page, base, editor)
        page.goto(base + "/admin/lessons/lesson/add/")
        page.locator("#id_title").fill("A lesson for the desk")
        page.locator("#id_takeaway").fill("What the desk shows.")
        page.locator("#id_change_reason").fill("First draft from the press release")
        with page.expect_navigation():
            page.get_by_role("button", name="Save and send to review").click()
        assert "was sent to review" in page.locator(".messagelist").inner_text()
        assert page.get_by_role("button", name="Save and publish").count() == 0

        # Lists fit: no sideways scrolling at 1280 px; the status is words first.
        width, area, scroll = table_fits(page)
        assert width <= area and scroll <= area, (width, area, scroll)
        first_row = page.locator("#result_list tbody tr").first
        assert first_row.locator("td.field-status_column .status-label").count() == 1
        assert "icon-yes" not in page.content()
        screenshot(page, "admin-list-editor")

        # The editor's desk: the record is not among their drafts any more; no review section.
        page.goto(base + "/admin/")
        assert page.locator("#desk-review").count() == 0
        assert "A lesson for the desk" not in page.locator("#desk-drafts").inner_text()

        # The publisher's desk shows it in review, and publishes it with the button.
        publishing = publisher_context.new_page()
        sign_in(publishing, base, publisher)
        review = publishing.locator("#desk-review")
        assert "A lesson for the desk" in review.inner_text()
        screenshot(publishing, "admin-desk-publisher")
        with publishing.expect_navigation():
            review.get_by_role("link", name="A lesson for the desk").click()
        assert publishing.get_by_role("button", name="Send back to editor").count() == 1
        screenshot(publishing, "admin-form-publisher")
        publishing.locator("#id_change_reason").fill("Checked against the source")
        with publishing.expect_navigation():
            publishing.get_by_role("button", name="Save and publish").click()
        assert "was published" in publishing.locator(".messagelist").inner_text()
        lesson = Lesson.objects.get(title="A lesson for the desk")
        assert lesson.status == Status.PUBLISHED and lesson.is_public

        # The history shows both reasons, and never "None".
        publishing.goto(base + f"/admin/lessons/lesson/{lesson.pk}/history/")
        history = publishing.locator("#change-history").inner_text()
        assert "Checked against the source" in history
        assert "First draft from the press release" in history
        assert "None" not in history

        # Back on the editor's desk: recently published.
        page.goto(base + "/admin/")
        assert "A lesson for the desk" in page.locator("#desk-published").inner_text()
        screenshot(page, "admin-desk-editor")
        assert page.console_errors == []
        assert publishing.console_errors == [] if hasattr(publishing, "console_errors") else True
    finally:
        publisher_context.close()


def test_the_preview_renders_markdown_without_the_script(live_server, page):
    base = live_server.url
    sign_in(page, base, f.make_staff(EDITORS))
    page.goto(base + "/admin/lessons/lesson/add/")
    # Every field stays inside its box at 1280 px (the French column too).
    overflowing = page.evaluate(
        """() => [...document.querySelectorAll('fieldset input, fieldset textarea')]
          .filter(field => field.getBoundingClientRect().right
                           > field.closest('fieldset').getBoundingClientRect().right + 1)
          .map(field => field.name)"""
    )
    assert overflowing == []
    page.on("dialog", lambda dialog: pytest.fail(f"a script ran: {dialog.message}"))
    page.locator("#id_context").fill(
        "Some **bold** words.\n\n<script>alert('typed')</script>\n\n- a list item"
    )
    with page.expect_popup() as popup_info:
        page.locator('button[name="_preview"][value="context"]').click()
    preview = popup_info.value
    preview.wait_for_load_state()
    body = preview.locator(".markdown-preview-body")
    assert body.locator("strong").inner_text() == "bold"
    assert body.locator("li").inner_text() == "a list item"
    assert body.locator("script").count() == 0
    assert "alert" not in body.inner_html()
    # Nothing was saved by previewing.
    assert not Lesson.objects.exists()


def test_every_content_list_fits_1280_px_with_the_closing_event_content(live_server, page):
    from django.contrib import admin

    from programme import registry
    from tests import press_release

    press_release.build()
    sign_in(page, live_server.url, f.make_staff(PUBLISHERS))
    checked = []
    for content_type in registry.registered():
        model = content_type.model
        if model not in admin.site._registry:
            continue
        opts = model._meta
        page.goto(f"{live_server.url}/admin/{opts.app_label}/{opts.model_name}/")
        if page.locator("#result_list").count() == 0:
            continue
        width, area, scroll = table_fits(page)
        assert width <= area and scroll <= area, (opts.model_name, width, area, scroll)
        checked.append(opts.model_name)
    assert {"lesson", "goodpractice", "project", "publication", "event"} <= set(checked)
