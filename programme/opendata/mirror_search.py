"""The mirror's search: an index of the rendered pages, searched in the browser.

For each language, search/index.json holds one document per page (its address, title, what
kind of record it is, and the text of its main part); the mirror's search page
(templates/programme/mirror_search.html) loads it into MiniSearch (static/vendor/minisearch,
MIT licence) from static/js/mirror-search.js. Without JavaScript the same page is a plain list
of every theme and record, grouped by kind, made from the same documents.
"""

import json
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from programme import registry
from programme.opendata.mirror import resolve_path, view_name

# Pages that only repeat what the record pages say, or are not content.
NOT_INDEXED = frozenset(
    {"programme:home", "programme:search", "programme:matrix", "programme:data_dictionary"}
)
TEXT_LIMIT = 20_000  # characters of a page's text kept in the index


class PageText(HTMLParser):
    """The language, the first heading and the text of the <main> element of a page."""

    SKIPPED = frozenset({"script", "style", "template", "noscript"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.language = ""
        self.title = []
        self.text = []
        self.in_main = 0
        self.in_h1 = False
        self.h1_done = False
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.language = dict(attrs).get("lang", "")
        elif tag == "main":
            self.in_main += 1
        elif tag == "h1" and not self.h1_done:
            self.in_h1 = True
        elif tag in self.SKIPPED:
            self.skipping += 1

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main -= 1
        elif tag == "h1" and self.in_h1:
            self.in_h1, self.h1_done = False, True
        elif tag in self.SKIPPED and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if self.skipping:
            return
        if self.in_h1:
            self.title.append(data)
        elif self.in_main:
            self.text.append(data)


def squeeze(parts):
    return re.sub(r"\s+", " ", " ".join(parts)).strip()


def content_type_of(path):
    """The registry's content type of a page (a record's page or its list), or None."""
    match = resolve_path(path)
    if match is None:
        return None
    model = getattr(getattr(match.func, "view_class", None), "model", None)
    return registry.for_model(model) if model is not None else None


def documents(pages):
    """{language: [document]} of the rendered HTML pages, sorted by address."""
    list_views = {each.list_url_name for each in registry.registered() if each.list_url_name}
    found = {code: [] for code, _name in settings.LANGUAGES}
    for page in sorted(pages, key=lambda page: page.path):
        if not page.is_html:
            continue
        name = view_name(page.path)
        if name is None or name in NOT_INDEXED or name in list_views:
            continue
        parser = PageText()
        parser.feed(page.body.decode("utf-8"))
        if parser.language not in found:
            continue
        content_type = content_type_of(page.path)
        found[parser.language].append(
            {
                "id": page.path,
                "url": page.path,
                "title": squeeze(parser.title),
                "kind": content_type.key if content_type else "",
                "text": squeeze(parser.text)[:TEXT_LIMIT],
            }
        )
    return found


def index_json(language_documents):
    """The index file's bytes: stable, so two builds of the same content are identical."""
    return json.dumps(
        {"documents": language_documents}, ensure_ascii=False, sort_keys=True, indent=0
    ).encode("utf-8")


def groups(language_documents):
    """The no-JavaScript list: [(label, [document])], in the registry's order."""
    by_kind = {}
    for document in language_documents:
        by_kind.setdefault(document["kind"], []).append(document)
    result = []
    for content_type in registry.registered():
        if content_type.key in by_kind:
            items = sorted(by_kind.pop(content_type.key), key=lambda each: each["title"].lower())
            result.append((content_type.plural, items))
    others = sorted(
        (each for items in by_kind.values() for each in items),
        key=lambda each: each["title"].lower(),
    )
    if others:
        result.append((None, others))
    return result


def search_page(language, language_documents, base_url):
    """The mirror's search page in a language, as the live site's search address renders."""
    with translation.override(language):
        path = reverse("programme:search")
        parts = urlsplit(base_url)
        request = RequestFactory().get(path, HTTP_HOST=parts.netloc, secure=parts.scheme == "https")
        request.LANGUAGE_CODE = language
        html = render_to_string(
            "programme/mirror_search.html",
            {"groups": groups(language_documents), "static_mirror": True},
            request=request,
        )
    return path, html.encode("utf-8")
