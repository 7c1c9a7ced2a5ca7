"""The page cache: anonymous pages cached, emptied by any change, never stale, never an error."""

import importlib
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, connections, transaction

from programme.models import Region, Status
from programme.public.cache import current_generation, page_parameters
from tests.factories import make_lesson, make_theme

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def test_anonymous_pages_are_cached_with_public_cache_control(client):
    first = client.get("/")
    assert first["X-Cache"] == "miss"
    assert "public" in first["Cache-Control"] and "max-age=60" in first["Cache-Control"]
    second = client.get("/")
    assert second["X-Cache"] == "hit"
    assert second.content == first.content


def test_query_string_order_does_not_matter_but_values_do(client):
    client.get("/lessons/?theme=visas&region=africa")
    assert client.get("/lessons/?region=africa&theme=visas")["X-Cache"] == "hit"
    assert client.get("/lessons/?region=pacific&theme=visas")["X-Cache"] == "miss"


def test_unknown_parameters_are_answered_from_the_page_without_them(client):
    # A made-up parameter must not make the server build the page again on every request.
    first = client.get("/lessons/?utm_source=newsletter&theme=visas")
    assert first["X-Cache"] == "miss"
    assert client.get("/lessons/?theme=visas")["X-Cache"] == "hit"
    again = client.get(f"/lessons/?theme=visas&made-up={uuid.uuid4()}")
    assert again["X-Cache"] == "hit"
    assert again.content == first.content
    # The stored page is the one without them: they are not copied into its links.
    assert b"utm_source" not in first.content and b"made-up" not in again.content


def test_a_made_up_session_cookie_does_not_bypass_the_cache(client):
    client.get("/")
    client.cookies[settings.SESSION_COOKIE_NAME] = "made-up-session-key-" + uuid.uuid4().hex
    assert client.get("/")["X-Cache"] == "hit"
    client.cookies[settings.SESSION_COOKIE_NAME] = "x"
    assert client.get("/lessons/")["X-Cache"] == "miss"
    assert client.get("/lessons/")["X-Cache"] == "hit"


def test_a_session_without_a_signed_in_user_does_not_bypass_the_cache(client):
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session["seen"] = True
    session.create()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    client.get("/")
    response = client.get("/")
    assert response["X-Cache"] == "hit"
    assert "public" in response["Cache-Control"]


def test_every_list_parameter_may_be_cached():
    from lessons.filters import GoodPracticeFilter, LessonFilter
    from programme.public import filters

    filtersets = [LessonFilter, GoodPracticeFilter] + [
        getattr(filters, name) for name in dir(filters) if name.endswith("Filter")
    ]
    used = {"page"}.union(*(f.base_filters for f in filtersets if hasattr(f, "base_filters")))
    assert used <= page_parameters()


def test_huge_query_strings_are_never_cached(client):
    response = client.get("/lessons/?q=" + "x" * 400)
    assert response.status_code == 200
    assert not response.has_header("X-Cache")


def test_a_content_change_empties_the_cache(client):
    client.get("/")
    assert client.get("/")["X-Cache"] == "hit"
    Region.objects.create(slug="pacific", name="Pacific")
    assert client.get("/")["X-Cache"] == "miss"


@pytest.mark.django_db(transaction=True)
def test_other_servers_see_the_new_generation_once_the_edit_is_committed():
    if connection.vendor == "sqlite":
        pytest.skip("the in-memory SQLite test database locks its tables for other connections")

    def other_server():
        try:
            return current_generation()
        finally:
            connections.close_all()

    before = current_generation()
    with ThreadPoolExecutor(1) as pool:
        with transaction.atomic():
            Region.objects.create(slug="pacific", name="Pacific")
            assert current_generation() != before
            # Not committed yet: other servers still read the old rows, so a page they build
            # now is stored under the old generation, which the commit leaves behind.
            assert pool.submit(other_server).result() == before
        assert pool.submit(other_server).result() == current_generation() != before


def test_repeat_visit_gets_304(client, django_assert_num_queries):
    etag = client.get("/")["ETag"]
    # From the cache: nothing is built; the one query reads the content generation.
    with django_assert_num_queries(1) as queries:
        again = client.get("/", headers={"If-None-Match": etag})
    assert "contentgeneration" in queries.captured_queries[0]["sql"]
    assert again.status_code == 304
    assert again["ETag"] == etag


def test_a_cached_page_keeps_the_headers_it_was_built_with(client):
    first = client.get("/fr/")
    second = client.get("/fr/")
    assert second["X-Cache"] == "hit"
    for header in ("Content-Security-Policy", "Permissions-Policy", "Content-Language", "Vary"):
        assert second[header] == first[header], header
    assert second["Content-Language"] == "fr"


def test_a_release_empties_the_cache(client):
    # migrate runs on every release (README): pages built by the old code, naming the old
    # static files, must not outlive it.
    client.get("/")
    assert client.get("/")["X-Cache"] == "hit"
    call_command("migrate", verbosity=0)
    assert client.get("/")["X-Cache"] == "miss"


def test_visitors_with_a_session_always_get_a_fresh_page(client):
    user = get_user_model().objects.create_user("editor", is_staff=True)
    client.force_login(user)
    client.get("/")
    response = client.get("/")
    assert not response.has_header("X-Cache")
    assert "private" in response["Cache-Control"]


def test_the_language_is_part_of_the_key(client):
    client.get("/")
    assert client.get("/fr/")["X-Cache"] == "miss"


def test_a_failing_cache_degrades_to_no_cache(client, settings):
    settings.CACHES = {"default": {"BACKEND": "tests.support.broken_cache.BrokenCache"}}
    response = client.get("/")
    assert response.status_code == 200
    assert not response.has_header("X-Cache")
    # Edits still work while the cache is down.
    Region.objects.create(slug="africa", name="Africa")
    assert Region.objects.filter(slug="africa").exists()


def redis_reachable():
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


def test_redis_is_the_shared_cache_when_configured(
    client, settings, django_capture_on_commit_callbacks
):
    from tests.conftest import IN_CI

    if not redis_reachable():
        if IN_CI:
            pytest.fail("Redis is not running on 127.0.0.1:6379; CI must start it.")
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": "portal-tests",
        }
    }
    from django.core.cache import cache

    cache.clear()
    assert client.get("/")["X-Cache"] == "miss"
    assert client.get("/")["X-Cache"] == "hit"
    # Another app server would find the page in Redis too: the entry is there.
    assert any(key.startswith(b"portal-tests") for key in cache._cache.get_client().scan_iter())
    with django_capture_on_commit_callbacks(execute=True):
        Region.objects.create(slug="caribbean", name="Caribbean")
    assert client.get("/")["X-Cache"] == "miss"
    cache.clear()


def test_a_starting_server_starts_a_new_generation():
    before = current_generation()
    importlib.reload(importlib.import_module("programme.wsgi"))
    assert current_generation() != before


@pytest.mark.parametrize(
    ("change", "gone", "seen"),
    [
        (lambda lesson: setattr(lesson, "title", "New title") or lesson.save(), "Old title", 200),
        # A takedown: the page must go at once, everywhere.
        (lambda lesson: setattr(lesson, "status", Status.DRAFT) or lesson.save(), "", 404),
        (lambda lesson: lesson.delete(), "", 404),
        (lambda lesson: lesson.themes.clear(), "Visas", 200),
    ],
    ids=["edit", "unpublish", "delete", "links"],
)
def test_an_edit_saved_without_the_shared_cache_is_seen_by_every_server(
    client, settings, django_capture_on_commit_callbacks, change, gone, seen
):
    theme = make_theme(name="Visas")
    lesson = make_lesson(title="Old title", themes=[theme])
    urls = [lesson.get_absolute_url(), "/lessons/"]
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Cache"] == "hit"
    shared = settings.CACHES
    # The server that saves cannot reach the shared cache (Redis down for it alone)...
    settings.CACHES = {"default": {"BACKEND": "tests.support.broken_cache.BrokenCache"}}
    with django_capture_on_commit_callbacks(execute=True):
        change(lesson)
    # ...and another server, which reaches it, must not serve the page from before the save.
    settings.CACHES = shared
    detail = client.get(urls[0])
    assert detail.status_code == seen
    assert client.get("/lessons/")["X-Cache"] == "miss"
    if gone:
        assert gone not in detail.content.decode()


def test_the_generation_is_recorded_in_the_edits_own_transaction():
    before = current_generation()
    with pytest.raises(RuntimeError), transaction.atomic():
        Region.objects.create(slug="eu", name="EU")
        inside = current_generation()
        raise RuntimeError("the edit fails")
    assert inside != before
    # Rolled back with the edit: pages built meanwhile from the old rows stay valid.
    assert current_generation() == before


@pytest.fixture
def clock(monkeypatch):
    """Moves Django's now() and the test cache's clock forward together: clock(seconds)."""
    from django.core.cache.backends import base, locmem
    from django.utils import timezone

    offset = timedelta()
    real_now, real_time = timezone.now, time.time
    fake_time = SimpleNamespace(time=lambda: real_time() + offset.total_seconds())
    monkeypatch.setattr(timezone, "now", lambda: real_now() + offset)
    monkeypatch.setattr(base, "time", fake_time)
    monkeypatch.setattr(locmem, "time", fake_time)

    def advance(seconds):
        nonlocal offset
        offset += timedelta(seconds=seconds)

    return advance


def test_a_scheduled_record_appears_on_cached_pages_within_a_minute_of_its_time(client, clock):
    from django.utils import timezone

    make_lesson(title="Lesson already out")
    scheduled = make_lesson(
        title="Scheduled lesson", published_at=timezone.now() + timedelta(minutes=5)
    )
    urls = ["/lessons/", "/feeds/", "/sitemap.xml", "/fr/lessons/"]
    for url in urls:
        client.get(url)
        response = client.get(url)
        assert response["X-Cache"] == "hit"
        assert scheduled.slug not in response.content.decode()
    clock(4 * 60)
    assert client.get("/lessons/")["X-Cache"] == "hit"  # still kept until its time
    clock(60 + 1)
    for url in urls:
        assert scheduled.slug in client.get(url).content.decode(), url
    # Then pages are kept as long as before.
    clock(5 * 60)
    assert client.get("/lessons/")["X-Cache"] == "hit"
