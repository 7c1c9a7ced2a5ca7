"""The file cache used without Redis: Django's, storing values uncompressed."""

import time

import pytest
from django.core.cache.backends.filebased import FileBasedCache
from django.http import HttpResponse

from programme.filecache import UncompressedFileCache


@pytest.fixture
def cache(tmp_path):
    return UncompressedFileCache(str(tmp_path), {})


def test_stores_and_returns_a_page(cache, tmp_path):
    page = HttpResponse("<p>Lowering the cost of remittances</p>" * 100)
    cache.set("page", page, 60)
    again = cache.get("page")
    assert again.content == page.content
    # Stored as it is: the page's text can be read in the file, not zlib's bytes.
    (stored,) = tmp_path.glob("*.djcache")
    assert b"Lowering the cost of remittances" in stored.read_bytes()


def test_the_usual_cache_operations(cache):
    assert cache.get("missing", "default") == "default"
    cache.set("generation", 1, None)
    assert cache.incr("generation") == 2
    assert cache.get_many(["generation", "missing"]) == {"generation": 2}
    assert cache.add("generation", 5) is False
    cache.delete("generation")
    assert cache.get("generation") is None


def test_expired_values_are_gone(cache):
    cache.set("short", "value", 0.05)
    assert cache.get("short") == "value"
    time.sleep(0.1)
    assert cache.get("short") is None
    assert cache.touch("short") is False


def test_touch_keeps_the_value_for_longer(cache):
    cache.set("page", "value", 0.05)
    assert cache.touch("page", None) is True
    time.sleep(0.1)
    assert cache.get("page") == "value"


def test_an_entry_of_djangos_compressed_file_cache_is_a_miss(tmp_path):
    # The same folder after an upgrade: what Django's backend wrote cannot be read as it is.
    FileBasedCache(str(tmp_path), {}).set("content-generation", 12345, None)
    assert UncompressedFileCache(str(tmp_path), {}).get("content-generation") is None
