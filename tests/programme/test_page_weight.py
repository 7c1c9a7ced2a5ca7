"""Page weight on a slow line: small HTML, small first visit, nothing that blocks rendering."""

import gzip
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/lessons/",
    "/good-practices/",
    "/projects/",
    "/stakeholders/",
    "/people/",
    "/events/",
    "/publications/",
]


class Assets(HTMLParser):
    """What a browser fetches for a page, and what could block its first paint."""

    def __init__(self):
        super().__init__()
        self.urls, self.blocking, self.images, self.in_head = [], [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif tag == "link" and attrs.get("rel") in ("stylesheet", "icon"):
            self.urls.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])
            if self.in_head and "defer" not in attrs and "async" not in attrs:
                self.blocking.append(attrs["src"])
        elif tag == "img":
            self.urls.append(attrs.get("src", ""))
            self.images.append(attrs)

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def static_bytes(url):
    assert url.startswith("/static/"), f"{url} is not a static file"
    path = finders.find(url.removeprefix("/static/"))
    assert path, f"{url} not found"
    with open(path, "rb") as handle:
        return handle.read()


@pytest.fixture
def content(closing_content, db):
    """The closing-event content, loaded once for the module."""


@pytest.mark.parametrize("path", PAGES)
def test_page_weight(client, content, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content
    assert len(html) < 50 * 1024, f"{path}: {len(html)} bytes of HTML"
    assets = Assets()
    assets.feed(html.decode())
    assert assets.blocking == [], "scripts in <head> must be deferred"
    for image in assets.images:
        assert image.get("loading") == "lazy" and image.get("width") and image.get("height")
    total = len(gzip.compress(html))
    for url in assets.urls:
        body = static_bytes(url)
        assert b"@font-face" not in body, f"{url} loads a web font"
        total += len(gzip.compress(body))
    assert total < 100 * 1024, f"{path}: {total} bytes compressed on a first visit"
