"""Two editors open the same record and both save: the second save is refused, nothing lost."""

import pytest
from django.contrib.auth import get_user_model

from lessons.models import Lesson
from programme.models import Project
from tests.admin_forms import admin_url, page_form_values
from tests.factories import make_lesson, make_project

pytestmark = pytest.mark.django_db


def test_the_second_save_over_a_newer_version_is_refused(client):
    project = make_project(title="Technical assistance")
    first, second = (
        get_user_model().objects.create_superuser(name, password="a-long-test-password")
        for name in ("amina", "bruno")
    )
    url = admin_url(Project, "change", project.pk)
    client.force_login(first)
    amina_form = page_form_values(client.get(url))
    client.force_login(second)
    bruno_form = page_form_values(client.get(url))

    client.force_login(first)
    amina_form["title"] = "Technical assistance (Amina's wording)"
    assert client.post(url, amina_form).status_code == 302

    client.force_login(second)
    bruno_form["title"] = "Technical assistance (Bruno's wording)"
    refused = client.post(url, bruno_form)
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Someone else saved this record (amina" in page
    # Bruno's typing is still in the form; Amina's save stands.
    assert "Technical assistance (Bruno&#x27;s wording)" in page
    project.refresh_from_db()
    assert project.title == "Technical assistance (Amina's wording)"
    assert [h.title for h in project.history.all()] == [
        "Technical assistance (Amina's wording)",
        "Technical assistance",
    ]
    # After a reload Bruno starts from Amina's version and may save.
    retry = page_form_values(client.get(url))
    retry["title"] = "Technical assistance (agreed)"
    assert client.post(url, retry).status_code == 302
    project.refresh_from_db()
    assert project.title == "Technical assistance (agreed)"


def test_every_save_moves_the_version_on():
    project = make_project()
    version = project.version
    project.save()
    project.refresh_from_db()
    assert project.version == version + 1


def test_a_save_without_the_version_is_refused(client):
    project = make_project(title="Technical assistance")
    client.force_login(
        get_user_model().objects.create_superuser("amina", password="a-long-test-password")
    )
    url = admin_url(Project, "change", project.pk)
    values = page_form_values(client.get(url))
    del values["seen_version"]
    values["title"] = "Overwritten without looking"
    refused = client.post(url, values)
    assert refused.status_code == 200
    assert "without the version" in refused.content.decode()
    project.refresh_from_db()
    assert project.title == "Technical assistance"


def test_the_revert_page_carries_the_version(client):
    # A lesson's admin lists its fieldsets, which do not name the version: the page adds it.
    lesson = make_lesson(title="First")
    lesson.title = "Second"
    lesson.save()
    client.force_login(
        get_user_model().objects.create_superuser("amina", password="a-long-test-password")
    )
    url = admin_url(Lesson, "simple_history", lesson.pk, lesson.history.earliest().history_id)
    page = client.get(url).content.decode()
    assert f'name="seen_version" value="{lesson.version}"' in page
