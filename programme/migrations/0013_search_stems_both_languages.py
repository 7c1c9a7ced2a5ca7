"""Search stems words in English and in French, on both databases.

PostgreSQL: a second text search configuration, `portal_search_fr` (French, `unaccent` in front
of the stemmer, as `portal_search` is for English), and each table's stored `search_document`
(migration 0008) rebuilt so that the French fields (`*_fr`) go through it and the others through
`portal_search`. "transferts de fonds" in a French text is now stored as 'transfert', 'fond'.

SQLite: a full-text (FTS5) table per searched table, `<table>_fts` (rowid = the record's id;
columns title and body), kept up to date by triggers on insert, update and delete. What it
holds is the stems of the words (programme/public/stems.py: the same Snowball stemmers as
PostgreSQL's, English for the English fields, French for the French ones), computed by the
`portal_stems` function that every Django connection is given: a write through another
SQLite client that lacks the function fails rather than leaving the index stale.

SQLite has no ALTER TABLE for most changes and Django rebuilds a table to alter it, which drops
its triggers: a migration that alters a searched table on SQLite must call `create_sqlite(...)`
of this module again (a test checks that every searched table has its triggers).

The searched fields are those of migration 0007, frozen there.
"""

from importlib import import_module

from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.db.models.sql import Query

ENGLISH = "portal_search"
FRENCH = "portal_search_fr"
COLUMN = "search_document"
TRIGGERS = ("insert", "update", "delete")


def documents():
    return import_module("programme.migrations.0007_search_translations").DOCUMENTS


def _split(fields):
    """(English fields, French fields): a field's French sibling ends in _fr."""
    return (
        tuple(name for name in fields if not name.endswith("_fr")),
        tuple(name for name in fields if name.endswith("_fr")),
    )


def _postgresql_document(model, title, body, schema_editor):
    parts = []
    for fields, weight in ((title, "A"), (body, "B")):
        english, french = _split(fields)
        if english:
            parts.append(SearchVector(*english, config=ENGLISH, weight=weight))
        if french:
            parts.append(SearchVector(*french, config=FRENCH, weight=weight))
    document = parts[0]
    for part in parts[1:]:
        document = document + part
    query = Query(model, alias_cols=False)
    compiler = query.get_compiler(connection=schema_editor.connection)
    sql, params = compiler.compile(document.resolve_expression(query))
    return sql % tuple(schema_editor.quote_value(param) for param in params)


def _replace_postgresql_documents(apps, schema_editor, document_sql):
    for (app_label, model_name), (title, body) in documents().items():
        model = apps.get_model(app_label, model_name)
        table = schema_editor.quote_name(model._meta.db_table)
        sql = document_sql(model, title, body, schema_editor)
        # Dropping the column drops its index.
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN {COLUMN}")
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN {COLUMN} tsvector "
            f"GENERATED ALWAYS AS ({sql}) STORED"
        )
        index = schema_editor.quote_name(f"{model._meta.db_table}_search")
        schema_editor.execute(f"CREATE INDEX {index} ON {table} USING gin ({COLUMN})")


def _sqlite_text(fields, prefix):
    """The stems of the fields, English and French, as an SQL expression over `prefix`.*."""
    parts = []
    for language, names in zip(("en", "fr"), _split(fields), strict=True):
        if names:
            joined = " || ' ' || ".join(f"coalesce({prefix}.\"{name}\", '')" for name in names)
            parts.append(f"portal_stems('{language}', {joined})")
    return " || ' ' || ".join(parts) if parts else "''"


def create_sqlite(model, title, body, schema_editor):
    """The FTS5 table of a searched table, its triggers, and its rows for the records there."""
    table = model._meta.db_table
    fts = f"{table}_fts"
    drop_sqlite(model, schema_editor)
    schema_editor.execute(
        f'CREATE VIRTUAL TABLE "{fts}" USING fts5(title, body, tokenize="unicode61")'
    )

    def insert(prefix):
        title_sql, body_sql = _sqlite_text(title, prefix), _sqlite_text(body, prefix)
        return (
            f'INSERT INTO "{fts}"(rowid, title, body) '
            f"VALUES ({prefix}.id, {title_sql}, {body_sql});"
        )

    remove = f'DELETE FROM "{fts}" WHERE rowid = old.id;'
    statements = {
        "insert": insert("new"),
        "update": remove + " " + insert("new"),
        "delete": remove,
    }
    for event, body_sql in statements.items():
        schema_editor.execute(
            f'CREATE TRIGGER "{fts}_{event}" AFTER {event.upper()} ON "{table}" '
            f"BEGIN {body_sql} END"
        )
    title_sql, body_sql = _sqlite_text(title, "t"), _sqlite_text(body, "t")
    schema_editor.execute(
        f'INSERT INTO "{fts}"(rowid, title, body) '
        f'SELECT t.id, {title_sql}, {body_sql} FROM "{table}" AS t'
    )


def drop_sqlite(model, schema_editor):
    fts = f"{model._meta.db_table}_fts"
    for event in TRIGGERS:
        schema_editor.execute(f'DROP TRIGGER IF EXISTS "{fts}_{event}"')
    schema_editor.execute(f'DROP TABLE IF EXISTS "{fts}"')


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {FRENCH}")
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {FRENCH} (COPY = pg_catalog.french)")
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {FRENCH} "
            "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem"
        )
        _replace_postgresql_documents(apps, schema_editor, _postgresql_document)
    elif vendor == "sqlite":
        for (app_label, model_name), (title, body) in documents().items():
            create_sqlite(apps.get_model(app_label, model_name), title, body, schema_editor)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        previous = import_module("programme.migrations.0008_stored_search_documents")
        _replace_postgresql_documents(apps, schema_editor, previous.document_sql)
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {FRENCH}")
    elif vendor == "sqlite":
        for app_label, model_name in documents():
            drop_sqlite(apps.get_model(app_label, model_name), schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("programme", "0012_sources_countries_regions"),
        ("lessons", "0008_sources_and_label"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
