"""Content in the page's language, and the links to the page in the others: {% load translated %}.

    <h1{{ object|lang_attr:"title" }}>{{ object|tr:"title" }}</h1>
    {% fallback_notice object %}

`tr` gives a field in the page's language or, where the record lacks it, in another (a
`Text`); `lang_attr` gives ` lang="en"` for text shown in a language other than the page's,
and nothing otherwise; `fallback_notice` says once per record that it is (partly) available
in another language only.
"""

from django import template
from django.conf import settings
from django.http import QueryDict
from django.urls import Resolver404, resolve, reverse
from django.utils.html import format_html
from django.utils.translation import override

from programme.translation import Text, active_language, translate
from programme.translation import fallback_notice as notice_text

register = template.Library()


@register.filter
def tr(record, field):
    """The record's field in the page's language, or in the language it has (a Text)."""
    if record is None or record == "":
        return ""
    return translate(record, field)


@register.filter
def lang_attr(value, field=None):
    """` lang="xx"` when the text (a Text, or a record's field) is not in the page's language.

    Given a record without a field name, its naming field decides: the one its name (as a
    link shows it) is made of.
    """
    if value is None or value == "":
        return ""
    if not isinstance(value, Text):
        field = field or getattr(value, "naming_field", None)
        if not field:
            return ""
        value = translate(value, field)
    if not value.is_fallback:
        return ""
    return format_html(' lang="{}"', value.language)


@register.simple_tag
def fallback_notice(record):
    """A notice, once per record, when its text is not all in the page's language."""
    if not getattr(record, "translated_fields", None):
        return ""
    text = notice_text(record)
    return format_html('<p class="translation-notice">{}</p>', text) if text else ""


def _path_in(language, match):
    with override(language):
        if match is None:
            return reverse("programme:home")
        name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
        return reverse(name, args=match.args, kwargs=match.kwargs)


def _understood_query(context):
    """A filtered list's query string without what the list ignored (see public/listing.py)."""
    params, form, view = context.get("params"), context.get("filter_form"), context.get("view")
    if params is None or form is None:
        return None
    kept = QueryDict(mutable=True)
    for key, values in params.lists():
        if key in form.fields or key == getattr(view, "page_kwarg", "page"):
            kept.setlist(key, values)
    return kept.urlencode()


@register.simple_tag(takes_context=True)
def page_languages(context):
    """This page in each language: [{code, name, url, absolute_url, current}], the default
    language first. The query string is kept; a page that is no page (a 404) links to the
    home page in each language."""
    request = context.get("request")
    if request is None:
        return []
    try:
        match = resolve(request.path_info)
    except Resolver404:
        match = None
    if match is not None and not match.url_name:
        match = None  # an unnamed address (favicon.ico) has no other-language version
    query = _understood_query(context)
    if query is None:
        query = request.META.get("QUERY_STRING", "")
    current = active_language()
    languages = []
    for code, name in settings.LANGUAGES:
        url = _path_in(code, match)
        if query and match is not None:
            url = f"{url}?{query}"
        languages.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "current": code == current,
            }
        )
    return languages
