"""Markdown typed into the admin can format text, never run a script on a public page."""

import html

import pytest
from django.utils.html import strip_tags
from hypothesis import given, settings
from hypothesis import strategies as st

from programme.markup import render_markdown, render_plaintext


def test_markdown_becomes_html():
    html = render_markdown("Some **bold** words and [a link](https://example.org/).")
    assert "<strong>bold</strong>" in html
    assert '<a href="https://example.org/" rel="noopener noreferrer">a link</a>' in html


@pytest.mark.parametrize(
    "text",
    [
        "Before <script>alert('x')</script> after",
        "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
        "```\n</code><script>alert(1)</script>\n```",
    ],
)
def test_a_script_never_survives(text):
    html = render_markdown(text).lower()
    assert "<script" not in html


@pytest.mark.parametrize(
    "text",
    [
        '<img src="x" onerror="alert(1)">',
        '<p onclick="alert(1)">text</p>',
        '<a href="https://example.org" onmouseover="alert(1)">x</a>',
    ],
)
def test_event_handler_attributes_are_removed(text):
    html = render_markdown(text).lower()
    assert "onerror" not in html
    assert "onclick" not in html
    assert "onmouseover" not in html


@pytest.mark.parametrize(
    "text",
    [
        "[click](javascript:alert(1))",
        '<a href="javascript:alert(1)">click</a>',
        "[click](JaVaScRiPt:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD4=)",
    ],
)
def test_dangerous_link_targets_are_removed(text):
    html = render_markdown(text)
    assert "click" in html  # the words stay
    assert "javascript" not in html.lower()
    assert "data:" not in html


def test_empty_text_is_empty_html():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""


# Plain text for cards -----------------------------------------------------------------------

PROSE = st.text(alphabet=st.sampled_from(list("abcdeé XYZ019.,;:'\"()?%/-+\n\t")), max_size=120)


def rendered_plaintext(text):
    """What the card shows without the shortcut: the rendered Markdown, stripped."""
    return " ".join(html.unescape(strip_tags(render_markdown(text))).split())


@given(PROSE)
@settings(max_examples=300, deadline=None)
def test_plain_text_is_the_rendered_text_whether_or_not_it_skips_the_renderer(text):
    assert " ".join(render_plaintext(text).split()) == rendered_plaintext(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lowering the cost\n\nof remittances.", "Lowering the cost of remittances."),
        ("Some **bold** and [a link](https://example.org/).", "Some bold and a link."),
        ("- one\n- two", "one\ntwo"),
        ("1. first\n2. second", "first\nsecond"),
        ("Heading\n=======\nText", "Heading\nText"),
        ("Fish &amp; chips", "Fish & chips"),
        ("", ""),
    ],
)
def test_plain_text_drops_the_markup(text, expected):
    assert render_plaintext(text) == expected
