"""Template tags and filters of the public pages: {% load portal %}."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info

from programme.markup import render_markdown, render_plaintext
from programme.public.fragments import do_fragment

register = template.Library()
register.tag("fragment", do_fragment)

# As json_script does: these characters cannot end the <script> element early.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def markdown(text):
    """Markdown rendered to sanitised HTML."""
    return render_markdown(text)


@register.filter
def plaintext(text):
    """Markdown as plain text (for cards and meta descriptions); escaped again on output."""
    return render_plaintext(text)


@register.filter
def language_name(code):
    """The name of a language in that language, or the code itself when unknown."""
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        return code


@register.simple_tag
def jsonld(data):
    """schema.org data in a <script type="application/ld+json"> block, safe to inline."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    text = text.translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308 - escaped above
