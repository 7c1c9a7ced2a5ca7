"""Content in several languages: explicit fields, one per language, and a fallback per field.

A translatable model names its translatable fields in `translated_fields` (the first names the
record: title, name or words). The field itself holds the text in the site's default language
(English); `<field>_<code>` holds it in each other language of settings.LANGUAGES (`title_fr`).
`original_language` says which language the text was first written in.

`translate(record, "title")` returns the text for the active language and, when the record
lacks it, the text in another language: its original language first, then the default. The
result is a `Text`, a string that knows which language it is in, so that a page can mark it
with `lang` and say that it is a fallback. A half-translated record falls back field by field
and never shows an empty field where another language has the text.
"""

from django.conf import settings
from django.db.models import Q
from django.utils.translation import get_language, get_supported_language_variant
from django.utils.translation import gettext_lazy as _

# The languages' names in the page's language (settings.LANGUAGES has each in its own).
LANGUAGE_NAMES = {"en": _("English"), "fr": _("French")}
AVAILABLE_IN = {"en": _("available in English"), "fr": _("available in French")}

# Shown once per record when its text is not in the page's language, in the page's language.
ONLY_IN = {
    "en": _("Available in English only."),
    "fr": _("Available in French only."),
}
PARTLY_IN = {
    "en": _("Partly translated: some parts are available in English only."),
    "fr": _("Partly translated: some parts are available in French only."),
}


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def active_language():
    """The active language as one of settings.LANGUAGES (the default when there is none)."""
    try:
        return get_supported_language_variant(get_language() or settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


def field_name(field, language):
    """The model field that holds `field` in `language`: title, title_fr ..."""
    return field if language == settings.LANGUAGE_CODE else f"{field}_{language}"


def with_translations(model, fields):
    """`fields`, each translatable one followed by its translations: title, title_fr, city ..."""
    names = []
    for field in fields:
        if field in model.translated_fields:
            names += [field_name(field, code) for code in language_codes()]
        else:
            names.append(field)
    return names


class Text(str):
    """A string that knows its language and whether it stands in for the one asked for."""

    def __new__(cls, value, language, is_fallback=False):
        text = super().__new__(cls, value)
        text.language = language
        text.is_fallback = is_fallback
        return text


def _search_order(record, language):
    original = getattr(record, "original_language", settings.LANGUAGE_CODE)
    order = [language, original, settings.LANGUAGE_CODE, *language_codes()]
    return list(dict.fromkeys(order))


def translate(record, field, language=None):
    """`field` of `record` in `language` (default: the active one), or its fallback."""
    language = language or active_language()
    value = getattr(record, field_name(field, language), None)
    if value:  # the usual case, first: the record has the text in that language
        return Text(value, language)
    for code in _search_order(record, language)[1:]:  # the others, in order
        value = getattr(record, field_name(field, code), None)
        if value:
            return Text(value, code, is_fallback=code != language)
    return Text("", language)


def fallback_language(record, language=None):
    """How a record stands in `language`: (kind, language of the text shown) where kind is
    None (all its text is in that language), "only" (none of it is) or "partly"."""
    language = language or active_language()
    texts = [translate(record, field, language) for field in record.translated_fields]
    texts = [text for text in texts if text]
    fallbacks = [text for text in texts if text.is_fallback]
    if not fallbacks:
        return None, language
    return ("only" if len(fallbacks) == len(texts) else "partly"), fallbacks[0].language


def fallback_notice(record, language=None):
    """The sentence a page shows once for a record not (fully) in its language, or ""."""
    kind, shown = fallback_language(record, language)
    if kind is None:
        return ""
    return (ONLY_IN if kind == "only" else PARTLY_IN).get(shown, "")


def available_in(model, language):
    """Q for the records whose text is all in `language`: every translatable field that has
    text in some language has it in this one."""
    condition = Q()
    for field in model.translated_fields:
        others = Q()
        for code in language_codes():
            if code != language:
                others &= Q(**{field_name(field, code): ""})
        condition &= ~Q(**{field_name(field, language): ""}) | others
    return condition
