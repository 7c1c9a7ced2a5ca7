"""The change form's workflow buttons and its "what changed and why" box: each step goes through
the workflow functions, and none lets an Editor publish or unpublish."""

import pytest
from django.core import mail

from lessons.models import Lesson
from programme.models import Status
from programme.publishing import services
from programme.publishing.roles import EDITORS, PUBLISHERS
from tests.admin_forms import admin_url, page_form_values
from tests.factories import drafts as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return f.make_staff(EDITORS, email="editor@example.org")


@pytest.fixture
def publisher():
    return f.make_staff(PUBLISHERS, email="publisher@example.org")


def press(client, lesson, button, **changes):
    url = admin_url(Lesson, "change", lesson.pk)
    data = page_form_values(client.get(url))
    data.update(changes)
    data[button] = "pressed"
    return client.post(url, data)


def buttons(client, lesson):
    html = client.get(admin_url(Lesson, "change", lesson.pk)).content.decode()
    names = ("_send_to_review", "_publish", "_send_back")
    return {name for name in names if f'name="{name}"' in html}, html


def test_editors_see_send_to_review_and_preview_but_no_publish_button(client, editor):
    lesson = f.make_lesson(title="Draft lesson")
    client.force_login(editor)
    shown, html = buttons(client, lesson)
    assert shown == {"_send_to_review"}
    assert "Preview on site" in html and lesson.get_absolute_url() in html
    lesson.status = Status.REVIEW
    lesson.save()
    assert buttons(client, lesson)[0] == set()


def test_publishers_see_publish_and_send_back_on_a_record_in_review(client, publisher):
    lesson = f.make_lesson(title="In review", status=Status.REVIEW)
    client.force_login(publisher)
    assert buttons(client, lesson)[0] == {"_publish", "_send_back"}


def test_a_draft_goes_to_review_then_is_published_with_the_reasons_in_its_history(
    client, editor, publisher, django_capture_on_commit_callbacks
):
    lesson = f.make_lesson(title="Old title")
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = press(
            client,
            lesson,
            "_send_to_review",
            title="New title",
            change_reason="Title from the source",
        )
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert (lesson.status, lesson.title) == (Status.REVIEW, "New title")
    assert lesson.history.first().history_change_reason == "Title from the source"
    assert lesson.history.first().history_user == editor
    assert [message.to for message in mail.outbox] == [["publisher@example.org"]]

    client.force_login(publisher)
    response = press(client, lesson, "_publish", change_reason="Checked against the source")
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.status == Status.PUBLISHED and lesson.is_public
    history = client.get(admin_url(Lesson, "history", lesson.pk)).content.decode()
    assert "Checked against the source" in history and "Title from the source" in history


def test_the_history_never_shows_none_for_a_change_without_a_reason(client, publisher):
    lesson = f.make_lesson(title="No reason")
    client.force_login(publisher)
    press(client, lesson, "_save")
    assert lesson.history.first().history_change_reason is None
    html = client.get(admin_url(Lesson, "history", lesson.pk)).content.decode()
    assert "None" not in html


def test_a_publisher_sends_a_record_back_with_a_note(client, editor, publisher):
    lesson = f.make_lesson(title="Needs work", status=Status.REVIEW)
    client.force_login(publisher)
    response = press(client, lesson, "_send_back", change_reason="Add the event")
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.status == Status.DRAFT
    assert lesson.history.first().history_change_reason == "Add the event"


@pytest.mark.parametrize("button", ["_publish", "_send_back"])
def test_an_editor_posting_a_publishers_button_changes_nothing(client, editor, button):
    lesson = f.make_lesson(title="Not yours to publish", status=Status.REVIEW)
    client.force_login(editor)
    response = press(client, lesson, button, title="Changed anyway")
    assert response.status_code == 403
    lesson.refresh_from_db()
    assert (lesson.status, lesson.title) == (Status.REVIEW, "Not yours to publish")


def test_an_editor_cannot_take_a_published_record_off_the_site_by_sending_it_to_review(
    client, editor
):
    lesson = f.make_lesson(title="Public", status=Status.PUBLISHED)
    services.publish(f.make_staff(PUBLISHERS), lesson)
    client.force_login(editor)
    assert buttons(client, lesson)[0] == set()
    response = press(client, lesson, "_send_to_review")
    assert response.status_code == 403
    lesson.refresh_from_db()
    assert lesson.status == Status.PUBLISHED and lesson.is_public


def test_the_markdown_preview_saves_nothing_whatever_it_is_sent(client, editor):
    lesson = f.make_lesson(title="Draft stays a draft")
    client.force_login(editor)
    data = page_form_values(client.get(admin_url(Lesson, "change", lesson.pk)))
    data.update(status=Status.PUBLISHED, title="Changed", _preview="context", _publish="1")
    response = client.post(admin_url(Lesson, "markdown_preview"), data)
    assert response.status_code == 200
    lesson.refresh_from_db()
    assert (lesson.status, lesson.title) == (Status.DRAFT, "Draft stays a draft")
    assert lesson.history.count() == 1
