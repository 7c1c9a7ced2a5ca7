"""The page cache: anonymous pages cached, emptied by any change, never stale, never an error."""

import importlib

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from programme.cache import current_generation
from programme.models import Region

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


def test_unknown_parameters_are_never_cached(client):
    response = client.get("/lessons/?utm_source=newsletter")
    assert response.status_code == 200
    assert not response.has_header("X-Cache")


def test_every_list_parameter_may_be_cached(settings):
    from lessons.filters import GoodPracticeFilter, LessonFilter
    from programme import filters

    filtersets = [LessonFilter, GoodPracticeFilter] + [
        getattr(filters, name) for name in dir(filters) if name.endswith("Filter")
    ]
    used = {"page"}.union(*(f.base_filters for f in filtersets if hasattr(f, "base_filters")))
    assert used <= settings.PAGE_CACHE_PARAMETERS


def test_huge_query_strings_are_never_cached(client):
    response = client.get("/lessons/?q=" + "x" * 400)
    assert response.status_code == 200
    assert not response.has_header("X-Cache")


def test_a_content_change_empties_the_cache_once_committed(
    client, django_capture_on_commit_callbacks
):
    client.get("/")
    assert client.get("/")["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        Region.objects.create(slug="pacific", name="Pacific")
        # Not committed yet: other workers still read the old rows, so a page they built now
        # must not be stored as the new one.
        assert client.get("/")["X-Cache"] == "hit"
    assert client.get("/")["X-Cache"] == "miss"


def test_repeat_visit_gets_304(client, django_assert_num_queries):
    etag = client.get("/")["ETag"]
    with django_assert_num_queries(0):  # from the cache: nothing is built
        again = client.get("/", headers={"If-None-Match": etag})
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
