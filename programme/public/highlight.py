"""Site search results as shown: titles and excerpts with the matches marked, escaped for HTML;
and every match as plain text, for the search exports."""

import re

from django.db import connection
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from programme.public.search import (
    MARK_END,
    MARK_START,
    fallback_terms,
    search_queryset,
    search_types,
)
from programme.public.stems import word_stems, words
from programme.translation import translate

# A link's target may be cut off at the end of an excerpt, hence the optional ")".
_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)\s]*\)?")
_MARKDOWN_NOISE = re.compile(r"(?m)^\s{0,3}(?:#{1,6}|>|[-*+]|\d+\.)\s+|\*\*|__|`")


def _plain(text):
    """Markdown source as readable one-line text: link targets and markup characters go."""
    text = _MARKDOWN_LINK.sub(r"\1", text or "")
    return " ".join(_MARKDOWN_NOISE.sub("", text).split())


def marked_html(text):
    """Escape text and turn the match markers in it into balanced <mark> elements."""
    pieces, inside = [], False
    for piece in re.split(f"([{MARK_START}{MARK_END}])", text):
        if piece == MARK_START:
            if not inside:
                pieces.append("<mark>")
            inside = True
        elif piece == MARK_END:
            if inside:
                pieces.append("</mark>")
            inside = False
        else:
            pieces.append(escape(piece))
    if inside:
        pieces.append("</mark>")
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of text was escaped above


_WORD = re.compile(r"\w+")


def _marked_matches(text, stems, excerpt_length=None):
    """Text with markers around every word whose English or French stem is one of `stems`
    (SQLite: what the full-text index matched, accents and case aside); with
    excerpt_length, only about that many characters around the first match."""
    spans = [match.span() for match in _WORD.finditer(text) if word_stems(match.group()) & stems]
    begin, end = 0, len(text)
    if excerpt_length and len(text) > excerpt_length:
        first = spans[0][0] if spans else 0
        begin = max(0, text.rfind(" ", 0, max(0, first - excerpt_length // 3)) + 1)
        end = text.find(" ", begin + excerpt_length)
        end = len(text) if end == -1 else end
    marked, cursor = [], begin
    for start, stop in spans:
        if start < cursor or stop > end:
            continue  # outside the excerpt
        marked += [text[cursor:start], MARK_START, text[start:stop], MARK_END]
        cursor = stop
    marked.append(text[cursor:end])
    return ("… " if begin else "") + "".join(marked) + (" …" if end < len(text) else "")


def _marked_texts(result, terms):
    """A result's title and excerpt with match markers; `terms` None on PostgreSQL, where
    the database marked them."""
    title, snippet = result.search_title or "", _plain(result.search_snippet)
    if terms is not None:
        title = _marked_matches(title, terms)
        snippet = _marked_matches(snippet, terms, excerpt_length=220)
    return title, snippet


def _terms(query):
    """The stems to mark (SQLite), or None on PostgreSQL, whose ts_headline marks them."""
    if connection.vendor == "postgresql":
        return None
    return {
        stem for term in fallback_terms(query) for word in words(term) for stem in word_stems(word)
    }


def _lang_attr(text):
    """` lang="xx"` for text shown in another language than the page's (see translation.py)."""
    return format_html(' lang="{}"', text.language) if text and text.is_fallback else ""


def _highlight(results, query, search_type):
    """Give each result `title_html` and `snippet_html`: escaped text, matches in <mark>;
    and `title_lang` / `snippet_lang`, the lang attribute of text in another language."""
    terms = _terms(query)
    translated = search_type.model.translated_fields
    title_field = next(iter(search_type.title_fields), None)
    body_fields = [name for name in search_type.body_fields if name in translated]
    for result in results:
        if title_field in translated:
            result.title_lang = _lang_attr(translate(result, title_field))
        body = next((text for name in body_fields if (text := translate(result, name))), "")
        result.snippet_lang = _lang_attr(body)
        title, snippet = _marked_texts(result, terms)
        result.title_html = marked_html(title)
        result.snippet_html = marked_html(snippet)
        result.search_byline = getattr(result, search_type.byline) if search_type.byline else None
    return results


def _unmarked(text):
    return text.replace(MARK_START, "").replace(MARK_END, "")


def every_match(query, search_type=None):
    """All the matches, not a page of them, for exports: (search type, record, title,
    excerpt) as plain text, type by type in the order of the page, best first.

    One query per content type, streamed, whatever the number of matches.
    """
    if not re.search(r"\w", query):
        return
    terms = _terms(query)
    for each in [search_type] if search_type else search_types():
        for result in search_queryset(each, query).iterator(chunk_size=500):
            title, snippet = _marked_texts(result, terms)
            yield each, result, _unmarked(title), _unmarked(snippet)


def match_count(query, search_type=None):
    """How many records `every_match` gives (one query per content type)."""
    if not re.search(r"\w", query):
        return 0
    types = [search_type] if search_type else search_types()
    return sum(search_queryset(each, query).count() for each in types)
