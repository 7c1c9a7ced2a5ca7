"""Faults answered as what they are: with the database down, the friendly 503 (or the 404),
never a 200 cut short, a bare 500 or a page that looks valid and empty."""

import pytest

from tests.factories import make_lesson

EXPORTS = [
    "/search/export.csv?q=lesson",
    "/search/export.json?q=lesson",
    "/lessons/export.csv",
    "/lessons/export.json",
    "/projects/export.csv",
]


@pytest.fixture
def lesson(db):
    return make_lesson(title="Lesson on visas")


@pytest.mark.parametrize("url", EXPORTS)
def test_an_export_without_the_database_is_a_503_before_any_byte(
    client, lesson, unreachable_database, url
):
    # A streamed response fails before its first byte, while an error page can still be sent:
    # not a 200 cut after the header line (which looks like a valid empty file), nor the
    # server's bare 500 once the headers are gone.
    response = client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "Temporarily unavailable" in response.content.decode()


@pytest.mark.parametrize("url", ["/search/export.csv?q=visas", "/lessons/export.json"])
def test_an_export_with_the_database_is_still_streamed_whole(client, lesson, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.streaming
    assert "Lesson on visas" in b"".join(response.streaming_content).decode()


@pytest.mark.parametrize("url", ["/no-such-page/", "/fr/no-such-page/", "/lessons/no-such/x/"])
def test_an_unknown_address_without_the_database_is_not_a_server_error(
    client, unreachable_database, url
):
    response = client.get(url)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode() or url.startswith("/fr/")
    assert 'class="skip-link"' in response.content.decode()


def test_an_unknown_address_with_a_session_cookie_without_the_database(
    client, unreachable_database
):
    client.cookies["sessionid"] = "made-up-session-key-0123456789"
    response = client.get("/no-such-page/")
    assert response.status_code in (404, 503)
