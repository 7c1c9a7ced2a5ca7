"""Records' cards kept in the cache and reused by every page that shows them (fragments.py)."""

import pytest
from django.core.cache import cache

from lessons.models import Lesson
from programme.models import Theme
from programme.public.cache import new_generation
from tests.factories import make_lesson, make_practice, make_theme

pytestmark = pytest.mark.django_db

CARD = "includes/card.html"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def cards_rendered(response):
    return [template.name for template in response.templates].count(CARD)


def test_after_an_edit_only_the_edited_records_card_is_rendered_again(client):
    theme = make_theme(name="Visas")
    lessons = [make_lesson(title=f"Lesson {n}", themes=[theme]) for n in range(3)]
    assert cards_rendered(client.get("/lessons/")) == 3
    lessons[1].title = "Lesson one, corrected"
    lessons[1].save()  # a new page-cache generation: the page is built again
    response = client.get("/lessons/")
    assert response["X-Cache"] == "miss"
    assert cards_rendered(response) == 1
    assert "Lesson one, corrected" in response.text
    assert "Lesson 0" in response.text and "Lesson 2" in response.text


def test_a_renamed_theme_changes_the_cards_that_show_it(client):
    theme = make_theme(name="Visas")
    make_lesson(title="A lesson", themes=[theme])
    assert "Visas" in client.get("/lessons/").text
    theme.name = "Visas and travel"
    theme.save()
    response = client.get("/lessons/")
    assert cards_rendered(response) == 1
    assert "Visas and travel" in response.text


def test_a_change_that_bypasses_save_is_still_shown(client):
    # Keys are made of what a card shows, not of a version number a save keeps: a fixture
    # reloaded or a bulk update that skips save() gives a new card too.
    lesson = make_lesson(title="Before")
    assert "Before" in client.get("/lessons/").text
    Lesson.objects.filter(pk=lesson.pk).update(title="After")
    Theme.objects.update(name="unused")  # nothing on the card
    new_generation()
    response = client.get("/lessons/")
    assert "After" in response.text and "Before" not in response.text


def test_each_language_and_page_has_its_own_card(client):
    make_practice(title="Migrant health", title_fr="Santé des migrants", featured=True)
    assert "Migrant health" in client.get("/good-practices/").text
    french = client.get("/fr/good-practices/")
    assert "Santé des migrants" in french.text and cards_rendered(french) == 1
    # Home shows the same practice with its own card, never the list's.
    new_generation()
    assert cards_rendered(client.get("/fr/")) >= 1


def test_cards_are_not_kept_when_pages_are_not_cached(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    make_lesson(title="A lesson")
    client.get("/lessons/")
    assert cards_rendered(client.get("/lessons/")) == 1


def test_a_failing_cache_is_skipped_and_asked_once_per_page(client, monkeypatch):
    for number in range(3):
        make_lesson(title=f"Still shown {number}")
    asked = []

    def broken(key, *args, **kwargs):
        asked.append(key)
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get", broken)
    monkeypatch.setattr(cache, "set", broken)
    response = client.get("/lessons/")
    assert response.status_code == 200
    assert all(f"Still shown {number}" in response.text for number in range(3))
    # A Redis that does not answer costs its timeout once for the cards, not once per card.
    assert len([key for key in asked if key.startswith("fragment")]) == 1


def test_a_new_release_of_a_template_gives_new_keys(settings, tmp_path):
    from programme.public.fragments import release

    (tmp_path / "templates").mkdir()
    card = tmp_path / "templates" / "card.html"
    card.write_text("<article>{{ title }}</article>")
    settings.BASE_DIR = tmp_path
    before = release.__wrapped__()
    assert release.__wrapped__() == before
    card.write_text("<article class='card'>{{ title }}</article>")
    assert release.__wrapped__() != before


def test_the_release_covers_the_projects_code_not_libraries(settings, tmp_path, monkeypatch):
    from types import SimpleNamespace

    from django.apps import apps

    from programme.public.fragments import release

    own = tmp_path / "myapp"
    library = tmp_path / ".venv" / "lib" / "admin"  # a library installed inside the project
    for folder in (own, library):
        folder.mkdir(parents=True)
        (folder / "models.py").write_text("x = 1\n")
    settings.BASE_DIR = tmp_path
    configs = [SimpleNamespace(path=str(own)), SimpleNamespace(path=str(library))]
    monkeypatch.setattr(apps, "get_app_configs", lambda: configs)
    before = release.__wrapped__()
    (library / "models.py").write_text("x = 2\n")
    assert release.__wrapped__() == before
    # A change to how a card's values are worked out (a model's method, an address pattern).
    (own / "models.py").write_text("x = 2\n")
    assert release.__wrapped__() != before


def test_the_release_follows_the_pinned_libraries(settings, tmp_path):
    from programme.public.fragments import release

    settings.BASE_DIR = tmp_path
    (tmp_path / "requirements.txt").write_text("Django==5.2.8\n")
    before = release.__wrapped__()
    (tmp_path / "requirements.txt").write_text("Django==5.2.9\n")
    assert release.__wrapped__() != before


def test_runserver_reads_the_files_again_after_a_change(settings, tmp_path):
    from django.utils.autoreload import file_changed

    from programme.public.fragments import release

    (tmp_path / "templates").mkdir()
    card = tmp_path / "templates" / "card.html"
    card.write_text("one")
    settings.BASE_DIR = tmp_path
    release.cache_clear()
    try:
        before = release()
        card.write_text("two")
        assert release() == before  # read once per process...
        file_changed.send(sender=None, file_path=card)
        assert release() != before  # ...and again when the autoreloader sees a change
    finally:
        release.cache_clear()
