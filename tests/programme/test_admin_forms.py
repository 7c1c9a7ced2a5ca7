"""The admin's edit forms in the order people work: publishing first, times said as Brussels
time, Markdown previewed by the public pages' sanitiser, a publication's language chosen."""

import pytest

from lessons.models import Lesson
from programme.models import Publication
from programme.publishing.roles import EDITORS
from tests.admin_forms import admin_url
from tests.factories import drafts as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(f.make_staff(EDITORS))
    return client


def test_the_publishing_box_comes_first_and_says_brussels_time(editor_client):
    response = editor_client.get(admin_url(Lesson, "add"))
    fieldsets = response.context["adminform"].fieldsets
    assert list(fieldsets[0][1]["fields"]) == ["slug", "status", "published_at", "sources"]
    html = response.content.decode()
    assert "Publication time (Brussels time)" in html
    assert html.index('name="status"') < html.index('name="title"')


def test_each_markdown_field_has_a_preview_button_and_plain_fields_none(editor_client):
    html = editor_client.get(admin_url(Lesson, "add")).content.decode()
    preview = admin_url(Lesson, "markdown_preview")
    for name in ("context", "context_fr", "recommendation", "recommendation_fr"):
        button = f'formaction="{preview}" formtarget="_blank" formnovalidate name="_preview"'
        assert f'{button} value="{name}"' in html
    assert 'value="takeaway"' not in html


def test_the_preview_renders_markdown_and_removes_scripts(editor_client):
    response = editor_client.post(
        admin_url(Lesson, "markdown_preview"),
        {"_preview": "context", "context": "**Bold** <script>alert(1)</script>", "title": "x"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>Bold</strong>" in html
    assert "<script>alert(1)" not in html and "alert(1)" not in html


def test_the_preview_is_for_staff_who_may_edit_and_only_by_post(client, editor_client):
    url = admin_url(Lesson, "markdown_preview")
    assert editor_client.get(url).status_code == 405
    client.logout()
    response = client.post(url, {"_preview": "context", "context": "Hi"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    viewer = f.make_staff(EDITORS)
    viewer.groups.clear()
    client.force_login(viewer)
    assert client.post(url, {"_preview": "context", "context": "Hi"}).status_code == 403


def test_a_publications_language_is_a_choice_that_keeps_an_unlisted_stored_code(editor_client):
    html = editor_client.get(admin_url(Publication, "add")).content.decode()
    assert '<select name="language"' in html
    assert '<option value="fr">French</option>' in html
    old = f.make_publication(title="Old code", language="sw")
    html = editor_client.get(admin_url(Publication, "change", old.pk)).content.decode()
    assert '<option value="sw" selected>sw</option>' in html
