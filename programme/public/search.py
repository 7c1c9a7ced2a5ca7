"""Site-wide search: one ranked, highlighted list per public content type.

A record is found when every word (or "quoted phrase") typed is found either in its own
searched fields (registry.py, `Search`), or in the names of what it is tagged with or linked
to: its themes, regions and countries, its organisations and people (`Search.through`), in
English or in French. "remittances" finds the lesson tagged Remittances; "remittances
caribbean" a practice about remittances tagged Caribbean. Words are compared by their stems in
English and in French, so plurals and conjugations match ("readmissions" finds
"readmission", "transferts de fonds" finds "transfert de fonds"), and without accents or case.

On PostgreSQL it is full-text search through django.contrib.postgres: two text search
configurations, `portal_search` (English, migration 0003) and `portal_search_fr` (French,
migration 0013), both with `unaccent` in front of the Snowball stemmer; a stored
`search_document` column per table with a GIN index (migrations 0008 and 0013: PostgreSQL
computes it on every write, the English fields through the English configuration and the
French ones through the French one); each word typed is read both ways
(`websearch_to_tsquery` in each configuration, joined by OR), and a word that either language
takes for a stop word ("de", "the") asks nothing. `ts_rank` weights titles above bodies and
`ts_headline` marks the excerpts, in the page's language's configuration.

On SQLite it is FTS5: a full-text table per searched table holding the Snowball stems of its
words (English fields in English, French ones in French; stems.py), kept up to date by
triggers (migration 0013); each word typed matches either of its stems; `bm25` ranks, titles
weighing ten times bodies.

Either way a content type costs one query, whatever the number of results and words: the
words' conditions are subqueries of that one statement (at most MAX_TERMS words), the rows
come ranked and sliced with their total alongside (a window count). Only records the models'
`published()` queryset method lets through are searched, and only public organisations and
people are searched by; themes and regions are reference data, always public.

Every language's text is searched, whatever the page's language (a French reader may type an
English word, and most content is in English only); titles and excerpts are shown in the
page's language where the record has it.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

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
    FloatField,
    Func,
    IntegerField,
    Q,
    TextField,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, Concat, NullIf
from django.db.models.lookups import Exact
from django.utils import translation
from django_countries import countries

from programme import registry
from programme.limits import MAX_PARAM_LENGTH as MAX_QUERY_LENGTH
from programme.limits import MAX_SEARCH_WORDS as MAX_TERMS
from programme.public.stems import fold, register_sqlite_stems, word_stems, words
from programme.translation import active_language, field_name, with_translations

PER_TYPE = 5  # results shown per content type on the all-types page, with a link to the rest
PER_PAGE = 20  # results per page once the search is restricted to one content type

# The text search configurations of migrations 0003 (English) and 0013 (French).
CONFIG = "portal_search"
CONFIG_FR = "portal_search_fr"
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
    # Lookups to the related records a record is also found by (their names): its themes,
    # regions, organisations, people (registry: ContentType.tags and Search.through).
    related_paths: tuple[str, ...] = ()
    # Lookups to its CountryFields (registry: ContentType.countries).
    country_paths: tuple[str, ...] = ()
    # A related record shown under each result (registry: Search.byline), or "".
    byline: str = ""

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


_TERM = re.compile(r'"([^"]*)"|(\S+)')
_EDGE_PUNCTUATION = re.compile(r"^\W+|\W+$")


def fallback_terms(query):
    """Folded words and "quoted phrases" that must all match (at most MAX_TERMS)."""
    terms = []
    for phrase, word in _TERM.findall(query):
        term = _EDGE_PUNCTUATION.sub("", " ".join(fold(phrase or word).split()))
        if term and term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


def register_sqlite_functions(sender, connection, **kwargs):
    """connection_created receiver: give each SQLite connection the accent-folding function
    and the stemming function the full-text triggers call (migration 0013)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FOLD_FUNCTION, 1, fold, deterministic=True)
        register_sqlite_stems(connection.connection)


class Fold(Func):
    function = SQLITE_FOLD_FUNCTION
    output_field = TextField()


# Countries ---------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _country_names(language):
    """[(code, " folded words of its name ")] in a language."""
    with translation.override(language):
        return [(code, f" {' '.join(words(str(name)))} ") for code, name in countries]


def country_codes(term):
    """The codes of the countries whose English or French name holds the term's words."""
    wanted = f" {' '.join(words(term))} "
    if not wanted.strip():
        return []
    return sorted(
        {
            code
            for language in (settings.LANGUAGE_CODE, "fr")
            for code, name in _country_names(language)
            if wanted in name
        }
    )


# PostgreSQL --------------------------------------------------------------------------------


class StoredDocument(Expression):
    """The table's `search_document` column (migrations 0008 and 0013), which no model
    declares; with `titles_only`, only its title words (weight A)."""

    output_field = SearchVectorField()

    def __init__(self, titles_only=False):
        super().__init__()
        self.titles_only = titles_only

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        if self.titles_only:
            return f"ts_filter({table}.search_document, '{{a}}')", []
        return f"{table}.search_document", []


class NumNode(Func):
    function = "numnode"
    output_field = IntegerField()


def _websearch(text, config):
    return SearchQuery(text, config=config, search_type="websearch")


def _quoted(term):
    return f'"{term}"' if " " in term else term


def _tsquery(terms):
    """Any of the terms, read in English or in French (for ranking and marking)."""
    text = " or ".join(_quoted(term) for term in terms)
    return _websearch(text, CONFIG) | _websearch(text, CONFIG_FR)


def _postgresql_text(queryset, term, titles_only=False):
    document = StoredDocument(titles_only)
    return queryset.alias(search_document=document).filter(search_document=_tsquery([term]))


def _postgresql_stop_word(term):
    """True in the database when either language drops the term (French "de", English
    "the"): it asks nothing then, rather than asking what one of the languages never stores."""
    text = _quoted(term)
    return Q(Exact(NumNode(_websearch(text, CONFIG)), 0)) | Q(
        Exact(NumNode(_websearch(text, CONFIG_FR)), 0)
    )


def _postgresql_something_asked(terms):
    """True when at least one term is a word neither language drops."""
    text = " ".join(_quoted(term) for term in terms)
    return ~Q(Exact(NumNode(_websearch(text, CONFIG)), 0)) & ~Q(
        Exact(NumNode(_websearch(text, CONFIG_FR)), 0)
    )


# SQLite ------------------------------------------------------------------------------------


def _fts_expression(terms):
    """An FTS5 query: each term's words, each word as either of its stems."""
    clauses = []
    for term in terms:
        for word in words(term):
            alternatives = " OR ".join(f'"{each}"' for each in sorted(word_stems(word)))
            clauses.append(f"({alternatives})")
    return " AND ".join(clauses)


class FullTextMatch(Expression):
    """The ids of a table's rows whose full-text row (migration 0013) matches an FTS5 query."""

    output_field = IntegerField()

    def __init__(self, model, fts_query):
        super().__init__()
        self.table, self.fts_query = f"{model._meta.db_table}_fts", fts_query

    def as_sql(self, compiler, connection):
        # The table's name comes from the model, the query is a parameter.
        table = connection.ops.quote_name(self.table)
        return f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [self.fts_query]  # noqa: S608


class FullTextRank(Expression):
    """How well the row's own text matches (bm25, titles weighing ten times bodies), 0 for a
    row found only through what it is tagged with."""

    output_field = FloatField()

    def __init__(self, model, fts_query):
        super().__init__()
        self.table, self.fts_query = f"{model._meta.db_table}_fts", fts_query

    def as_sql(self, compiler, connection):
        outer = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        fts = connection.ops.quote_name(self.table)  # from the model; the query a parameter
        return (
            f"coalesce((SELECT -bm25({fts}, 10.0, 1.0) FROM {fts} "  # noqa: S608
            f"WHERE {fts} MATCH %s AND {fts}.rowid = {outer}.id), 0)",
            [self.fts_query],
        )


def _sqlite_text(queryset, term, titles_only=False):
    fts_query = _fts_expression([term])
    if titles_only:
        fts_query = f"title : ({fts_query})"
    return queryset.filter(pk__in=FullTextMatch(queryset.model, fts_query))


# Matching ----------------------------------------------------------------------------------


def _text_matching(queryset, term, titles_only=False):
    if connection.vendor == "postgresql":
        return _postgresql_text(queryset, term, titles_only)
    return _sqlite_text(queryset, term, titles_only)


def _related_model(model, path):
    for step in path.split("__"):
        model = model._meta.get_field(step).related_model
    return model


def _term_condition(search_type, term):
    """A record's condition for one term: in its own text, or in the names of a public
    record it is linked to, or of a country it names."""
    model = search_type.model
    every = model._base_manager
    condition = Q(pk__in=_text_matching(every.all(), term).values("pk"))
    for path in search_type.related_paths:
        related = _related_model(model, path)
        named = _text_matching(related._default_manager.published(), term, titles_only=True)
        condition |= Q(pk__in=every.filter(**{f"{path}__in": named.values("pk")}).values("pk"))
    codes = country_codes(term) if search_type.country_paths else []
    if codes:
        from programme.public.countries import naming

        named = naming(model, search_type.country_paths, codes)
        condition |= Q(pk__in=every.filter(named).values("pk"))
    if connection.vendor == "postgresql":
        condition |= _postgresql_stop_word(term)
    return condition


def _matching(queryset, search_type, terms):
    if not terms:
        return queryset.none()
    for term in terms:
        queryset = queryset.filter(_term_condition(search_type, term))
    if connection.vendor == "postgresql":
        queryset = queryset.filter(_postgresql_something_asked(terms))
    return queryset


def matching(queryset, query):
    """`queryset` narrowed to the records site search finds for `query`: the fields its
    content type declares in the registry and the names of what it is tagged with, matched
    as /search/ matches them. The lists' `q` and the admin's search call it, so they find
    what search finds."""
    search_type = registry.for_model(queryset.model).search_type
    return _matching(queryset, search_type, fallback_terms(query))


def _postgresql_search(search_type, terms):
    tsquery = _tsquery(terms)
    language_config = CONFIG_FR if active_language() == "fr" else CONFIG
    queryset = _matching(search_type.queryset(), search_type, terms)
    return queryset.annotate(
        search_rank=SearchRank(StoredDocument(), tsquery),
        search_title=SearchHeadline(
            search_type.title_expression(),
            tsquery,
            config=language_config,
            start_sel=MARK_START,
            stop_sel=MARK_END,
            highlight_all=True,
        ),
        search_snippet=SearchHeadline(
            search_type.body_expression(),
            tsquery,
            config=language_config,
            start_sel=MARK_START,
            stop_sel=MARK_END,
            max_words=30,
            min_words=12,
            max_fragments=2,
            fragment_delimiter=" … ",
        ),
    )


def _sqlite_search(search_type, terms):
    queryset = _matching(search_type.queryset(), search_type, terms)
    # Any of the words, for the rank: a record found through its tags has 0.
    any_word = " OR ".join(f"({_fts_expression([term])})" for term in terms if words(term))
    return queryset.annotate(
        search_rank=FullTextRank(search_type.model, any_word or '""'),
        search_title=search_type.title_expression(),
        search_snippet=search_type.body_expression(),
    )


def search_queryset(search_type, query):
    """Published records of one type matching the query, best first, each with its rank,
    title and excerpt, and the number of matches (`search_total`) on every row."""
    terms = fallback_terms(query)
    if connection.vendor == "postgresql":
        queryset = _postgresql_search(search_type, terms)
    else:
        queryset = _sqlite_search(search_type, terms)
    if search_type.byline:
        queryset = queryset.select_related(search_type.byline)
    return queryset.annotate(
        search_total=Window(Count("pk"), output_field=IntegerField())
    ).order_by("-search_rank", "pk")
