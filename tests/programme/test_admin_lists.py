"""The admin's lists: the status first, in words with a colour, true or false as Yes or No."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lessons.models import Lesson
from programme.models import Publication
from programme.publishing.roles import EDITORS
from tests.admin_forms import admin_url
from tests.factories import make_lesson, make_publication, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(make_staff(EDITORS))
    return client


def test_the_status_comes_first_and_says_scheduled_for_when(editor_client):
    make_lesson(title="Later", published_at=timezone.now() + timedelta(days=3))
    response = editor_client.get(admin_url(Lesson, "changelist"))
    columns = response.context["cl"].list_display
    assert columns[:3] == ["action_checkbox", "status_column", "title"]
    html = response.content.decode()
    assert '<span class="status-label status-scheduled">Scheduled for' in html
    # The title is the link to the record, not the status.
    assert response.context["cl"].list_display_links == ("title",)


def test_true_or_false_columns_are_words_not_icons(editor_client):
    make_lesson(title="On the home page", featured=True)
    make_lesson(title="Not featured", featured=False)
    make_publication(title="No file")
    html = editor_client.get(admin_url(Lesson, "changelist")).content.decode()
    assert "icon-yes" not in html and "icon-no" not in html
    assert '<td class="field-featured_column">Yes</td>' in html
    assert '<td class="field-featured_column">No</td>' in html
    html = editor_client.get(admin_url(Publication, "changelist")).content.decode()
    assert '<td class="field-has_file">No</td>' in html
