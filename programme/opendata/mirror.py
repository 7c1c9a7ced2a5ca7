"""The static mirror of the public site (manage.py build_static_site).

Every public page is rendered by the site itself, through Django's test client, in every
language, and written under its own address (a folder with an index.html for an address that
ends in "/"), so that any static host serves the same site with no Python and no database.

Which pages: the sitemap's (every list and record in every language, from the registry of
content types), each list's exports and feeds (from the registry), robots.txt and the sitemap
themselves; then every same-site address those pages link to (theme and region pages, feeds,
statements, a new kind of page) until nothing new is linked. Pages that need a server are left
out: the admin, the correction forms, search exports; the live search page is replaced by a
search that runs in the browser over an index written here (mirror_search.py).

Nothing here decides what is public: every page is the anonymous visitor's page, built by
the same views from the same published() rule.
"""

import hashlib
import logging
import re
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from posixpath import normpath
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.test import Client
from django.test.utils import override_settings
from django.urls import Resolver404, resolve, reverse
from django.utils import translation

from programme import registry
from programme.opendata import exports

logger = logging.getLogger(__name__)


# Views whose pages need a server; links to them are not followed.
SERVER_ONLY_VIEWS = frozenset({"programme:search_export", "healthz"})
SERVER_ONLY_NAMESPACES = frozenset({"admin", "corrections"})
SEARCH_VIEW = "programme:search"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@dataclass
class Page:
    path: str  # the address, e.g. /fr/lessons/
    file: str  # the file under the mirror, e.g. fr/lessons/index.html
    content_type: str
    body: bytes = field(repr=False)

    @property
    def is_html(self):
        return self.content_type.startswith("text/html")


def file_for(path):
    """The mirror's file of an address: /lessons/ -> lessons/index.html."""
    relative = path.lstrip("/")
    return relative + "index.html" if path.endswith("/") else relative


class LinkParser(HTMLParser):
    """Every address an HTML page names in href, src or action."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "action") and value:
                self.links.append(value)


def links_in(html):
    parser = LinkParser()
    parser.feed(html)
    return parser.links


def same_site_path(link, page_path, netloc):
    """The path of a link if it points into this site (query and fragment dropped), else None."""
    parts = urlsplit(urljoin(page_path, link))
    if parts.scheme not in ("", "http", "https") or (parts.netloc and parts.netloc != netloc):
        return None
    return parts.path or "/"


def resolve_path(path):
    """resolve() in the language of the address: the French prefix matches only while French
    is active. None for an address of no view."""
    language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            return resolve(path)
        except Resolver404:
            return None


def view_name(path):
    match = resolve_path(path)
    return match.view_name if match else None


def needs_server(path):
    if path.startswith("/" + settings.ADMIN_URL):
        return True
    name = view_name(path)
    if name is None:
        return False
    return name in SERVER_ONLY_VIEWS or name.split(":")[0] in SERVER_ONLY_NAMESPACES


def each_language(make):
    """make() in each language of the site."""
    results = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            results.append(make())
    return results


def registry_paths():
    """Each list's exports and each feed, in every language (the lists themselves are in the
    sitemap)."""

    def paths():
        found = []
        for content_type in registry.registered():
            if content_type.list_url_name and content_type.export:
                found += [
                    reverse(f"{content_type.list_url_name}_export", args=[format])
                    for format in exports.FORMATS
                ]
            if content_type.feed_url_name:
                found.append(reverse(content_type.feed_url_name))
        return [reverse("programme:home"), *found]

    return [path for group in each_language(paths) for path in group]


def sitemap_paths(sitemap_xml):
    """The path of every address the sitemap lists (its pages and their other languages)."""
    # The site's own sitemap, just rendered by its own view: not untrusted input.
    root = ElementTree.fromstring(sitemap_xml)  # noqa: S314
    addresses = [loc.text for loc in root.iter(f"{SITEMAP_NS}loc")]
    addresses += [link.get("href") for link in root.iter("{http://www.w3.org/1999/xhtml}link")]
    return sorted({urlsplit(address).path for address in addresses if address})


CSS_URL = r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)"


def static_name(path):
    """The static file's name under STATIC_URL, or None for another address."""
    if not path.startswith(settings.STATIC_URL):
        return None
    return normpath(path[len(settings.STATIC_URL) :])


def static_file(name):
    """The file on disk of a static name: the collected (hashed) file, or the app's own."""
    try:
        if staticfiles_storage.exists(name):
            return Path(staticfiles_storage.path(name))
    except (NotImplementedError, ValueError):
        pass
    found = finders.find(name)
    return Path(found) if found else None


@dataclass
class Result:
    pages: list = field(default_factory=list)
    static_links: set = field(default_factory=set)  # addresses of static files named
    skipped: dict = field(default_factory=dict)  # path: why


class Renderer:
    """Renders the public site through the test client, following its own links."""

    def __init__(self, base_url, progress=None):
        parts = urlsplit(base_url)
        self.netloc = parts.netloc
        self.secure = parts.scheme == "https"
        self.client = Client(HTTP_HOST=self.netloc)
        self.progress = progress or (lambda message: None)

    def get(self, path):
        response = self.client.get(path, secure=self.secure)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return response, body

    def render(self):
        result = Result()
        _response, sitemap = self.get(reverse("sitemap"))
        queue = deque(
            sorted(
                {
                    "/robots.txt",
                    reverse("sitemap"),
                    *sitemap_paths(sitemap),
                    *registry_paths(),
                }
            )
        )
        seen = set(queue)
        static = set()
        while queue:
            path = queue.popleft()
            if view_name(path) == SEARCH_VIEW:
                continue  # replaced by the mirror's own search page
            response, body = self.get(path)
            if response.status_code != 200:
                result.skipped[path] = f"HTTP {response.status_code}"
                logger.warning("Mirror: %s answered %s; left out", path, response.status_code)
                continue
            page = Page(path, file_for(path), response.get("Content-Type", ""), body)
            result.pages.append(page)
            if len(result.pages) % 50 == 0:
                self.progress(f"{len(result.pages)} pages rendered")
            if not page.is_html:
                continue
            for link in links_in(body.decode("utf-8")):
                target = same_site_path(link, path, self.netloc)
                if target is None or target in seen:
                    continue
                seen.add(target)
                if static_name(target) is not None:
                    static.add(target)
                elif needs_server(target):
                    result.skipped[target] = "needs the live site"
                else:
                    queue.append(target)

        result.static_links = static
        return result

    def static_files(self, links, extra_html=()):
        """[(address, file on disk)] of the static files named: by the pages (links), by
        extra HTML, and by the style sheets among them."""
        links = set(links)
        for html in extra_html:
            for link in links_in(html.decode("utf-8")):
                target = same_site_path(link, "/", self.netloc)
                if target and static_name(target) is not None:
                    links.add(target)
        found, pending, done = [], sorted(links), set()
        while pending:
            path = pending.pop(0)
            if path in done:
                continue
            done.add(path)
            disk = static_file(static_name(path))
            if disk is None:
                raise FileNotFoundError(f"The static file {path} is not found")
            found.append((path, disk))
            if path.endswith(".css"):
                for link in re.findall(CSS_URL, disk.read_text(encoding="utf-8")):
                    target = same_site_path(link, path, self.netloc)
                    if target and static_name(target) is not None and target not in done:
                        pending.append(target)
        return found


def rendering_settings(netloc):
    """Settings for the build: the mirror's host is allowed, and no page goes to the cache."""
    host = netloc.rsplit(":", 1)[0] if not netloc.endswith("]") else netloc
    return override_settings(
        ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, host],
        PAGE_CACHE_SECONDS=0,
    )


def sha256(path):
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()
