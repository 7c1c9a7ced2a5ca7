"""Word stems for search on SQLite, with the Snowball stemmers PostgreSQL's own `english_stem`
and `french_stem` dictionaries use (the `snowballstemmer` package), so both databases take
"remittances" to "remitt" and "transferts" to "transfert".

Text is folded first (accents and case, `fold`), then cut into words, then each word stemmed:
the index (the FTS5 tables' triggers, migration 0013) and the query go through the same steps,
so a word typed is always compared with the word stored as it was processed.
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

ENGLISH, FRENCH = "en", "fr"
_STEMMERS = {ENGLISH: "english", FRENCH: "french"}
_WORD = re.compile(r"\w+")
SQLITE_STEMS_FUNCTION = "portal_stems"


def fold(text):
    """Text compared without accents or case: "Hagström" and "HAGSTROM" fold alike.

    Applied character by character it gives the same result as on the whole string, which
    is what lets the highlighter map a match in folded text back to the original.
    """
    if text is None:
        return None
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    text = unicodedata.normalize("NFKD", text)
    return "".join(char for char in text if not unicodedata.combining(char))


@lru_cache(maxsize=2)
def _stemmer(language):
    return snowballstemmer.stemmer(_STEMMERS[language])


@lru_cache(maxsize=50_000)
def stem(word, language):
    """The stem of one folded word."""
    return _stemmer(language).stemWord(word)


def words(text):
    """The folded words of a text."""
    return _WORD.findall(fold(text or ""))


def stems(text, language):
    """The stems of a text's words in one language, space-separated (what FTS5 indexes)."""
    return " ".join(stem(word, language) for word in words(text))


def word_stems(word):
    """The stems a word may stand for, in either language (a query is read both ways)."""
    folded = fold(word)
    return {stem(folded, ENGLISH), stem(folded, FRENCH)}


def register_sqlite_stems(connection):
    """Give an SQLite connection `portal_stems(language, text)`, which the FTS5 triggers call."""
    connection.create_function(SQLITE_STEMS_FUNCTION, 2, _sqlite_stems, deterministic=True)


def _sqlite_stems(language, text):
    return stems(text, language)
