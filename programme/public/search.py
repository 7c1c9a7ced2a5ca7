"""Site-wide search: one ranked, highlighted list per public content type.

On PostgreSQL it is full-text search through django.contrib.postgres: the `portal_search` text
search configuration (migration 0003: English stemming with `unaccent` in front, so "Hagstrom"
finds "Hagström" and "remittance" finds "remittances"), a stored `search_document` column per
table with a GIN index (migration 0008; PostgreSQL computes it on every write from the field
lists migration 0007 froze, French included, which the searched fields of the content types
(registry.py) must match: a test searches each field), `websearch_to_tsquery` (so nothing a
visitor types is a syntax error), `ts_rank` with titles weighted above bodies, and `ts_headline`
for the excerpts.

On SQLite it is a simpler fallback that still finds what a person types: every word (or
"quoted phrase") must appear in the title or the body, compared after folding accents and case
with a Python function registered on each connection; titles outrank bodies, and more matches
outrank fewer.

Either way a content type costs one query, whatever the number of results: the rows come
ranked and sliced with their total alongside (a window count). Only records the models'
`published()` queryset method lets through are searched; themes and regions are reference data
without a publication workflow, always public.

Every language's text is searched, whatever the page's language (a French reader may type an
English word, and most content is in English only); titles and excerpts are shown in the
page's language where the record has it. The French fields go through the same text search
configuration as the English ones: one configuration for documents and queries alike means a
word typed is always processed as the stored word was, and `unaccent` already makes "realite"
find "réalité". (French stemming would find more plurals and conjugations, at the cost of a
second configuration and a query per language.)
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Count,
    Expression,
    F,
    Func,
    IntegerField,
    Q,
    TextField,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, Concat, Least, Length, NullIf, Replace

from programme import registry
from programme.limits import MAX_PARAM_LENGTH as MAX_QUERY_LENGTH

# SQLite fallback: a LIKE per term and type
from programme.limits import MAX_SEARCH_WORDS as MAX_TERMS
from programme.translation import active_language, field_name, with_translations

PER_TYPE = 5  # results shown per content type on the all-types page, with a link to the rest
PER_PAGE = 20  # results per page once the search is restricted to one content type

# The text search configuration created by migration 0003.
CONFIG = "portal_search"
# Where a match starts and ends in a headline: private-use characters that content does not
# contain, turned into <mark> only after the text around them has been escaped.
MARK_START, MARK_END = "\ue000", "\ue001"
SQLITE_FOLD_FUNCTION = "portal_fold"


@dataclass(frozen=True)
class SearchType:
    """What search reads of a registered content type (registry.ContentType.search_type)."""

    key: str  # the value of ?type=
    model_label: str  # "app_label.ModelName"; lessons is never imported by programme
    label: str  # plural, heads the group
    label_singular: str
    # In the default language; each has its translations beside it (translation.py).
    # Both must match the stored documents of migration 0008 (a test searches each field).
    title_fields: tuple[str, ...]  # weigh most
    body_fields: tuple[str, ...]
    # Builds the title shown (called per search: it may depend on the active language);
    # default: the first title field in the active language.
    shown_title: Callable[[], Expression] | None = None

    @property
    def model(self):
        return apps.get_model(self.model_label)

    def queryset(self):
        return self.model._default_manager.published()

    @property
    def searched_title_fields(self):
        return tuple(with_translations(self.model, self.title_fields))

    @property
    def searched_body_fields(self):
        return tuple(with_translations(self.model, self.body_fields))

    def title_expression(self):
        """The title shown, in the active language where the record has it."""
        if self.shown_title is not None:
            return self.shown_title()
        name = self.title_fields[0]
        return _in_language(name) if name in self.model.translated_fields else F(name)

    def body_expression(self):
        """The text excerpts are taken from, in the active language where there is one."""
        translated = self.model.translated_fields
        return _joined(
            [_in_language(name) if name in translated else name for name in self.body_fields]
        )


def _in_language(name):
    """A text field in the active language, falling back to the default language's text."""
    language = active_language()
    if language == settings.LANGUAGE_CODE:
        return F(name)
    translated = NullIf(F(field_name(name, language)), Value(""), output_field=TextField())
    return Coalesce(translated, F(name), output_field=TextField())


def organisation_title():
    name = _in_language("name")
    return Case(
        When(acronym="", then=name),
        default=Concat(name, Value(" ("), "acronym", Value(")")),
        output_field=CharField(),
    )


class _Joined(Func):
    """Texts joined with spaces, flat: Concat nests a pair per field, which SQLite's parser
    cannot take for the ten fields of a good practice in two languages."""

    arg_joiner = " || ' ' || "
    template = "(%(expressions)s)"
    output_field = TextField()


def _joined(fields):
    """Fields (names or expressions, never NULL) joined with spaces."""
    fields = [F(field) if isinstance(field, str) else field for field in fields]
    if not fields:
        return Value("", output_field=TextField())
    if len(fields) == 1:
        return fields[0]
    return _Joined(*fields)


def search_types():
    """The searched content types (the registry's), in their order."""
    return [each.search_type for each in registry.registered() if each.search_type]


def search_type_for(key):
    """The searched content type named by ?type=, or None."""
    content_type = registry.CONTENT_TYPES.get(key)
    return content_type.search_type if content_type else None


# Input -------------------------------------------------------------------------------------


def clean_query(raw):
    """The query as searched, and whether it had to be shortened.

    NUL bytes cannot be stored in PostgreSQL text (psycopg refuses them) and mean nothing.
    """
    query = " ".join(raw.replace("\x00", "").split())
    if len(query) > MAX_QUERY_LENGTH:
        return query[:MAX_QUERY_LENGTH].rstrip(), True
    return query, False


def fold(text):
    """Text compared without accents or case: "Hagström" and "HAGSTROM" fold alike.

    Applied character by character it gives the same result as on the whole string, which
    is what lets `_marked_matches` map a match in folded text back to the original.
    """
    if text is None:
        return None
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    text = unicodedata.normalize("NFKD", text)
    return "".join(char for char in text if not unicodedata.combining(char))


_TERM = re.compile(r'"([^"]*)"|(\S+)')
_EDGE_PUNCTUATION = re.compile(r"^\W+|\W+$")


def fallback_terms(query):
    """Folded words and "quoted phrases" that must all match (SQLite fallback)."""
    terms = []
    for phrase, word in _TERM.findall(query):
        term = _EDGE_PUNCTUATION.sub("", " ".join(fold(phrase or word).split()))
        if term and term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


def register_sqlite_functions(sender, connection, **kwargs):
    """connection_created receiver: give each SQLite connection the accent-folding function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FOLD_FUNCTION, 1, fold, deterministic=True)


class Fold(Func):
    function = SQLITE_FOLD_FUNCTION
    output_field = TextField()


# Queries -----------------------------------------------------------------------------------


class StoredDocument(Expression):
    """The table's `search_document` column (migration 0008), which no model declares."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{table}.search_document", []


def _tsquery(query):
    return SearchQuery(query, config=CONFIG, search_type="websearch")


def _postgresql_matching(queryset, tsquery):
    return queryset.alias(search_document=StoredDocument()).filter(search_document=tsquery)


def _fallback_matching(queryset, search_type, terms):
    queryset = queryset.alias(
        search_title_folded=Fold(_joined(search_type.searched_title_fields)),
        search_body_folded=Fold(_joined(search_type.searched_body_fields)),
    )
    for term in terms:
        queryset = queryset.filter(
            Q(search_title_folded__contains=term) | Q(search_body_folded__contains=term)
        )
    return queryset


def matching(queryset, query):
    """`queryset` narrowed to the records site search finds for `query`: the fields its
    content type declares in the registry, matched as /search/ matches them. The lists' `q`
    calls it, so a list finds what search finds."""
    search_type = registry.for_model(queryset.model).search_type
    if connection.vendor == "postgresql":
        return _postgresql_matching(queryset, _tsquery(query))
    return _fallback_matching(queryset, search_type, fallback_terms(query))


def _postgresql_search(search_type, query):
    document = StoredDocument()
    tsquery = _tsquery(query)
    return _postgresql_matching(search_type.queryset(), tsquery).annotate(
        search_rank=SearchRank(document, tsquery),
        search_title=SearchHeadline(
            search_type.title_expression(),
            tsquery,
            config=CONFIG,
            start_sel=MARK_START,
            stop_sel=MARK_END,
            highlight_all=True,
        ),
        search_snippet=SearchHeadline(
            search_type.body_expression(),
            tsquery,
            config=CONFIG,
            start_sel=MARK_START,
            stop_sel=MARK_END,
            max_words=30,
            min_words=12,
            max_fragments=2,
            fragment_delimiter=" … ",
        ),
    )


def _fallback_search(search_type, terms):
    queryset = _fallback_matching(search_type.queryset(), search_type, terms)
    rank = Value(0)
    for term in terms:
        in_title = Case(When(search_title_folded__contains=term, then=Value(10)), default=0)
        body = F("search_body_folded")
        in_body = (Length(body) - Length(Replace(body, Value(term)))) / len(term)
        rank = rank + in_title + Least(in_body, Value(9))
    return queryset.annotate(
        search_rank=rank,
        search_title=search_type.title_expression(),
        search_snippet=search_type.body_expression(),
    )


def search_queryset(search_type, query):
    """Published records of one type matching the query, best first, each with its rank,
    title and excerpt, and the number of matches (`search_total`) on every row."""
    if connection.vendor == "postgresql":
        queryset = _postgresql_search(search_type, query)
    else:
        queryset = _fallback_search(search_type, fallback_terms(query))
    return queryset.annotate(
        search_total=Window(Count("pk"), output_field=IntegerField())
    ).order_by("-search_rank", "pk")
