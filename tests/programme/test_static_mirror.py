"""manage.py build_static_site: the public site as static files, served with no Python.

The mirror is built once from the fixtures, served by a throw-away static server and crawled.
"""

import hashlib
import json
import re
from html.parser import HTMLParser
from urllib.error import HTTPError
from urllib.parse import urljoin, urlsplit
from urllib.request import urlopen

import pytest
from warcio.archiveiterator import ArchiveIterator

from tests.mirror import BASE_URL, build, built_once, serve


@pytest.fixture
def mirror(db, mirror_folder):
    return built_once(mirror_folder)


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        self.links += [value for name, value in attrs if name in ("href", "src") and value]


def fetch(url):
    try:
        with urlopen(url, timeout=10) as response:  # noqa: S310 (our own local server)
            return response.status, response.headers.get_content_type(), response.read()
    except HTTPError as error:
        return error.code, "", b""


def internal(link, page_url, server):
    """The link as an address on the local server if it stays inside the site, else None.
    The live site's own absolute address (canonical links, hreflang) counts as inside."""
    absolute = urljoin(page_url, link)
    parts = urlsplit(absolute)
    if absolute.startswith(BASE_URL + "/"):
        return server + parts.path
    if absolute.startswith(server + "/"):
        return server + parts.path
    return None


def test_every_sitemap_page_is_in_the_mirror_and_no_internal_link_is_broken(mirror):
    assert len(mirror["sitemap"]) > 80
    assert "/fr/lessons/" in mirror["sitemap"]
    with serve(mirror["output"]) as server:
        for path in mirror["sitemap"]:
            status, content_type, body = fetch(server + path)
            assert (status, content_type) == (200, "text/html"), path
        # Crawl from both home pages, through every link and asset.
        queue, seen, broken, pages = [server + "/", server + "/fr/"], set(), [], 0
        while queue:
            url = queue.pop()
            if url in seen:
                continue
            seen.add(url)
            status, content_type, body = fetch(url)
            if status != 200:
                broken.append(url)
                continue
            if content_type != "text/html":
                continue
            pages += 1
            parser = Links()
            parser.feed(body.decode("utf-8"))
            for link in parser.links:
                target = internal(link, url, server)
                assert target is None or "/admin/" not in target, (url, link)
                if target and target not in seen:
                    queue.append(target)
    assert broken == []
    assert pages >= len(mirror["sitemap"])


def test_mirror_holds_the_open_data_and_what_it_is(mirror):
    output = mirror["output"]
    for path in (
        "robots.txt",
        "sitemap.xml",
        "data/index.html",
        "fr/data/index.html",
        "feeds/lessons/index.html",
        "fr/themes/remittances/feed/index.html",
        "lessons/export.csv",
        "fr/lessons/export.json",
        "good-practices/export.csv-metadata.json",
        "projects/export.json",
    ):
        assert (output / path).is_file(), path
    lessons = json.loads((output / "lessons/export.json").read_text(encoding="utf-8"))
    # The export says it was made at the build time, not at the moment its file was written.
    assert lessons["created"] == "2026-01-15T10:00:00+01:00"
    readme = (output / "README.txt").read_text(encoding="utf-8")
    assert "Built: 2026-01-15T10:00:00+01:00" in readme
    assert "CC BY 4.0" in readme and BASE_URL in readme
    # Every file but SHA256SUMS itself has its checksum, and each one is right.
    sums = (output / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    files = {
        path.relative_to(output).as_posix()
        for path in output.rglob("*")
        if path.is_file() and path.name != "SHA256SUMS"
    }
    assert {line.split("  ", 1)[1] for line in sums} == files
    for line in sums:
        digest, name = line.split("  ", 1)
        assert hashlib.sha256((output / name).read_bytes()).hexdigest() == digest, name


def test_pages_that_need_a_server_are_left_out(mirror):
    output = mirror["output"]
    assert not (output / "admin").exists()
    assert not (output / "search" / "export.csv").exists()
    home = (output / "index.html").read_text(encoding="utf-8")
    assert "This is a static copy of the portal" in home
    assert "csrfmiddlewaretoken" not in home
    # A record page keeps its place for corrections, and says where to make them.
    lesson = next((output / "lessons").glob("*/index.html")).read_text(encoding="utf-8")
    assert "Suggesting a correction needs the live site." in lesson
    assert "/corrections/" not in lesson
    assert not (output / "corrections").exists()
    # The live search page is replaced by the mirror's: a form and the plain list of records.
    search = (output / "fr/search/index.html").read_text(encoding="utf-8")
    assert "data-mirror-search" in search
    assert 'href="/fr/themes/remittances/"' in search
    assert re.search(r'<a href="/fr/lessons/[^"]+/">', search)


def test_search_index_holds_both_languages(mirror):
    english = json.loads((mirror["output"] / "search/index.json").read_text(encoding="utf-8"))
    french = json.loads((mirror["output"] / "fr/search/index.json").read_text(encoding="utf-8"))
    assert any("remittances" in doc["text"].lower() for doc in english["documents"])
    assert any(doc["title"] == "Transferts de fonds" for doc in french["documents"])
    assert all(doc["url"].startswith("/fr/") for doc in french["documents"])
    assert not any(doc["url"].startswith("/fr/") for doc in english["documents"])


def test_two_builds_of_the_same_content_are_identical(mirror, tmp_path):
    build(tmp_path / "again")
    first = {
        path.relative_to(mirror["output"]): path.read_bytes()
        for path in mirror["output"].rglob("*")
        if path.is_file()
    }
    second = {
        path.relative_to(tmp_path / "again"): path.read_bytes()
        for path in (tmp_path / "again").rglob("*")
        if path.is_file()
    }
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_warc_reads_back_with_every_page(mirror):
    records = {}
    with open(mirror["warc"], "rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type == "response":
                uri = record.rec_headers.get_header("WARC-Target-URI")
                records[uri] = (
                    record.http_headers.get_header("Content-Type"),
                    record.content_stream().read(),
                )
    for path in mirror["sitemap"]:
        content_type, body = records[BASE_URL + path]
        assert content_type.startswith("text/html"), path
    home = (mirror["output"] / "index.html").read_bytes()
    assert records[BASE_URL + "/"][1] == home
    assert records[BASE_URL + "/lessons/export.csv"][0].startswith("text/csv")
    files = [path for path in mirror["output"].rglob("*") if path.is_file()]
    assert len(records) == len(files)
