"""Oversized, malformed and unexpected requests: a clear 4xx or the page, never a 500."""

import logging

import pytest
from django.conf import settings
from django.urls import reverse

from tests.linked import PAGES, build_linked

pytestmark = pytest.mark.django_db

LISTS = ["/lessons/", "/good-practices/", "/projects/", "/stakeholders/", "/people/"]
LISTS += ["/events/", "/publications/"]


@pytest.fixture
def records():
    return build_linked(3)


@pytest.fixture
def public_urls(records):
    return {name: page(records) for name, page in PAGES.items()} | {
        "search": "/search/?q=a",
        "export": "/lessons/export.csv",
        "search export": "/search/export.json?q=a",
        "feed": "/feeds/",
        "data dictionary": "/data/",
        "sitemap": "/sitemap.xml",
        "robots": "/robots.txt",
    }


@pytest.mark.parametrize("url", [*LISTS, "/search/", "/"])
def test_a_ten_kilobyte_query_string_is_ignored(client, records, url):
    response = client.get(f"{url}?q={'x' * 10_000}&theme={'t' * 200}")
    assert response.status_code == 200


def test_more_parameters_than_django_accepts_is_a_bad_request(client, caplog):
    query = "&".join(f"p{n}=1" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    with caplog.at_level(logging.WARNING, logger="django.security"):
        response = client.get(f"/lessons/?{query}")
    assert response.status_code == 400
    assert "TooManyFieldsSent" in caplog.text


@pytest.mark.parametrize(
    "headers",
    [
        {"User-Agent": "x" * 65_536},
        {"Accept-Language": "fr;q=0.5," * 5_000},
        {"Accept-Language": "\x00\xff;q=zz,,,;;"},
        {"Cookie": "a=" + "b" * 65_536},
        {"Cookie": 'sessionid="\\x00"; csrftoken=;;;=; ' + "junk; " * 1_000},
        {"Referer": "https://evil.example/" + "a" * 20_000},
        {"X-Forwarded-For": ", ".join(["203.0.113.1"] * 5_000)},
        {"If-None-Match": '"' + "a" * 20_000 + '"'},
        {"If-Modified-Since": "not a date at all"},
        {"Range": "bytes=99999999999999999999-"},
    ],
    ids=lambda headers: next(iter(headers)),
)
def test_huge_or_odd_headers(client, records, headers):
    for url in ("/", "/lessons/", "/search/?q=lesson"):
        response = client.get(url, headers=headers)
        assert response.status_code == 200, url


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/lessons/?q=%", 200),
        ("/lessons/?q=%zz&theme=%E0%A4%A", 200),
        ("/lessons/?%=%&&&==&q", 200),
        ("/search/?q=%ff%fe%fd", 200),
        ("/search/?q=%C0%AE%C0%AE%2F", 200),
        ("/lessons/%zz/", 404),
        ("/lessons/%ff/", 404),
        ("/lessons/%C0%AE%C0%AE/", 404),
        ("/%ff%fe/", 404),
        ("/lessons/%00/", 404),
        ("/%E2%82/", 404),
    ],
)
def test_malformed_percent_encoding_and_invalid_utf8(client, records, url, status):
    response = client.get(url)
    assert response.status_code == status


@pytest.mark.parametrize("url", ["/lessons/", "/search/", "/"])
def test_raw_invalid_utf8_bytes_in_the_query(client, records, url):
    # A WSGI server hands undecodable bytes over as latin-1 characters.
    response = client.generic("GET", url, QUERY_STRING="q=\xff\xfe\xc0\xae&theme=\xe9t\xe9")
    assert response.status_code == 200


def test_an_absurd_content_length_is_refused(client, caplog):
    with caplog.at_level(logging.WARNING, logger="django.security"):
        response = client.generic(
            "POST",
            reverse("admin:login"),
            b"username=a&password=b",
            content_type="application/x-www-form-urlencoded",
            CONTENT_LENGTH=str(10**15),
        )
    assert response.status_code == 400
    assert "RequestDataTooBig" in caplog.text


def test_a_body_over_the_upload_limit_is_refused(client, caplog):
    big = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    with caplog.at_level(logging.WARNING, logger="django.security"):
        form = client.post(
            reverse("admin:login"),
            f"username=admin&password={big}",
            content_type="application/x-www-form-urlencoded",
        )
        multipart = client.post(reverse("admin:login"), {"username": "admin", "password": big})
    assert form.status_code == 400
    assert multipart.status_code == 400
    refusals = [r for r in caplog.records if r.name == "django.security.RequestDataTooBig"]
    assert len(refusals) == 2


def test_a_malformed_multipart_body_is_a_bad_request(client):
    response = client.generic(
        "POST",
        reverse("admin:login"),
        b"--x\r\nContent-Disposition: form-data; name=\r\n\r\n",
        content_type="multipart/form-data; boundary=",
    )
    assert response.status_code == 400


def test_methods_other_than_get_are_refused_on_public_pages(client, public_urls):
    for name, url in {**public_urls, "healthz": "/healthz"}.items():
        head = client.head(url)
        assert head.status_code == 200, name
        assert head.getvalue() == b"", name
        options = client.options(url)
        assert options.status_code in {200, 405}, name
        assert "GET" in options["Allow"], name
        assert "POST" not in options["Allow"], name
        for method in ("post", "put", "patch", "delete"):
            response = getattr(client, method)(url)
            assert response.status_code == 405, (name, method)
    # A real browser's POST without a CSRF token is refused before it reaches the view.
    from django.test import Client

    assert Client(enforce_csrf_checks=True).post("/lessons/").status_code == 403


def test_control_characters_in_a_feed_are_dropped(client, records):
    # Typed in a query, or pasted into a title by an editor: XML 1.0 cannot carry them.
    records["lesson"].title = "Vertical\x0btab\x1f from a word processor"
    records["lesson"].save()
    response = client.get("/feeds/?q=%1Fword%0B")
    assert response.status_code == 200
    body = response.getvalue().decode()
    assert "Verticaltab from a word processor" in body
    assert "“word”" in body


@pytest.mark.parametrize(
    "url",
    [
        "/static/../settings.py",
        "/static/../programme/settings.py",
        "/static/..%2fprogramme%2fsettings.py",
        "/static/%2e%2e/programme/settings.py",
        "/static/%2e%2e%2f%2e%2e%2fmanage.py",
        "/static/css/..%2f..%2f..%2fprogramme%2fsettings.py",
        "/static/css/%2e%2e%5c%2e%2e%5cprogramme%5csettings.py",
        "/static/..%c0%af..%c0%afprogramme/settings.py",
        "/static/%252e%252e/programme/settings.py",
        "/static/css/site.css%00.py",
        "/static//etc/passwd",
        "/static/%2fetc%2fpasswd",
        "/media/../programme/settings.py",
        "/..%2fprogramme%2fsettings.py",
    ],
)
def test_path_traversal_in_file_urls_is_not_found(client, url):
    response = client.get(url)
    assert response.status_code == 404
    body = response.getvalue()
    assert b"SECRET_KEY" not in body
    assert b"root:" not in body


def test_a_static_file_is_still_served(client):
    # The traversal refusals above are not because nothing is served at all.
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
