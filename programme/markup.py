"""Markdown for editors, safe HTML for the public.

Every rich-text field is Markdown. It is rendered by python-markdown and then sanitised by
nh3 (an allow-list of tags and attributes) before it is marked safe, so nothing typed into
the admin can run a script on a public page.
"""

import html
import re
import threading

import markdown
import nh3
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "i",
    "li", "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th",
    "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}}


# What can make Markdown (or HTML) of plain prose: these characters anywhere, or a line that
# starts like a list item or a heading underline. Text without any of them renders as itself.
MARKUP = re.compile(r"[\\`*_\[\]<>#!&|~=]|^[ \t]*(?:[-+]|\d+[.)])", re.MULTILINE)

_local = threading.local()


def _converter():
    """One Markdown converter per thread: building one costs more than converting a card."""
    if not hasattr(_local, "converter"):
        _local.converter = markdown.Markdown(extensions=["tables", "sane_lists"])
    return _local.converter.reset()


def render_markdown(text):
    """Return sanitised HTML for a Markdown string (empty for None or blank text)."""
    if not text:
        return mark_safe("")
    html = _converter().convert(text)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 on the line above


def render_plaintext(text):
    """Markdown as plain text, for cards, excerpts, meta descriptions and feeds (escaped on
    output): the site's one Markdown-to-text helper.

    Prose with no Markdown in it, most summaries, skips the renderer, which costs more than
    the rest of a card; it differs from the rendered text only in whitespace, which HTML
    collapses anyway.
    """
    if not text:
        return ""
    if not MARKUP.search(text):
        return " ".join(text.split())
    return html.unescape(strip_tags(render_markdown(text))).strip()
