"""Tagging several records at once: a form asks which theme, region or country; Editors tag
records that are not published, Publishers any."""

import pytest

from lessons.models import Lesson
from programme.models import Status
from programme.publishing.roles import EDITORS, PUBLISHERS
from tests.admin_forms import admin_url
from tests.factories import drafts as f

pytestmark = pytest.mark.django_db


def tag(client, records, **choices):
    data = {"action": "add_tags", "_selected_action": [r.pk for r in records]}
    url = admin_url(Lesson, "changelist")
    asked = client.post(url, data)
    assert asked.status_code == 200
    assert "Add to these" in asked.content.decode() or "Add to this" in asked.content.decode()
    return client.post(url, {**data, **choices, "apply": "1"}, follow=True)


def test_an_editor_tags_drafts_but_not_published_records(client):
    theme, region = f.make_theme(name="Remittances"), f.make_region(name="Pacific")
    draft = f.make_lesson(title="Draft")
    published = f.make_lesson(title="Public", status=Status.PUBLISHED)
    client.force_login(f.make_staff(EDITORS))
    versions = draft.history.count()

    response = tag(client, [draft, published], themes=theme.pk, regions=region.pk, countries="FJ")

    text = response.content.decode()
    assert "1 lesson learned tagged." in text
    assert "only publishers can tag a published record" in text
    assert list(draft.themes.all()) == [theme] and list(draft.regions.all()) == [region]
    draft.refresh_from_db()
    assert [c.code for c in draft.countries] == ["FJ"]
    # One change in the history, with the links, the editor and the reason.
    assert draft.history.count() == versions + 1
    latest = draft.history.first()
    assert latest.history_change_reason.startswith("Tagged:") and latest.history_user is not None
    assert [link.theme_id for link in latest.themes.all()] == [theme.pk]
    assert [link.region_id for link in latest.regions.all()] == [region.pk]
    assert not published.themes.exists()
    published.refresh_from_db()
    assert published.status == Status.PUBLISHED and published.is_public


def test_a_publisher_tags_published_records_and_they_stay_published(client):
    theme = f.make_theme(name="Diaspora")
    published = f.make_lesson(title="Public", status=Status.PUBLISHED)
    client.force_login(f.make_staff(PUBLISHERS))
    response = tag(client, [published], themes=theme.pk)
    assert "1 lesson learned tagged." in response.content.decode()
    assert list(published.themes.all()) == [theme]
    published.refresh_from_db()
    assert published.status == Status.PUBLISHED


def test_the_form_asks_again_when_nothing_is_chosen(client):
    draft = f.make_lesson(title="Draft")
    client.force_login(f.make_staff(EDITORS))
    url = admin_url(Lesson, "changelist")
    data = {"action": "add_tags", "_selected_action": [draft.pk], "apply": "1"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Choose a theme, a region or a country to add." in response.content.decode()
