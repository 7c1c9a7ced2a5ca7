"""Store each searched table's text search document in a generated column.

Migrations 0003 and 0007 indexed the document as an expression: the index found the matching
rows, but ranking them (`ts_rank`) rebuilt every matching row's document, which on 10,000
records made a search for a common word take over 100 ms in the database alone. The document
is now a stored generated column, `search_document`, kept up to date by PostgreSQL on every
insert and update, with the GIN index on it; search ranks what is stored.

The documents are those of migration 0007, unchanged. PostgreSQL only: SQLite searches with
the fallback in programme/search.py and has neither the indexes nor the column.
"""

from importlib import import_module

from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.db.models.sql import Query

CONFIG = "portal_search"
COLUMN = "search_document"


def documents():
    return import_module("programme.migrations.0007_search_translations").DOCUMENTS


def expression_indexes(apps):
    return import_module("programme.migrations.0007_search_translations").search_indexes(
        apps, documents()
    )


def document_sql(model, title, body, schema_editor):
    """The document as SQL over the table's own columns, as a generated column needs it."""
    document = SearchVector(*body, config=CONFIG, weight="B")
    if title:
        document = SearchVector(*title, config=CONFIG, weight="A") + document
    query = Query(model, alias_cols=False)
    compiler = query.get_compiler(connection=schema_editor.connection)
    sql, params = compiler.compile(document.resolve_expression(query))
    return sql % tuple(schema_editor.quote_value(param) for param in params)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, index in expression_indexes(apps):
        schema_editor.remove_index(model, index)
    for (app_label, model_name), (title, body) in documents().items():
        model = apps.get_model(app_label, model_name)
        table = schema_editor.quote_name(model._meta.db_table)
        sql = document_sql(model, title, body, schema_editor)
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN {COLUMN} tsvector "
            f"GENERATED ALWAYS AS ({sql}) STORED"
        )
        index = schema_editor.quote_name(f"{model._meta.db_table}_search")
        schema_editor.execute(f"CREATE INDEX {index} ON {table} USING gin ({COLUMN})")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for app_label, model_name in documents():
        model = apps.get_model(app_label, model_name)
        table = schema_editor.quote_name(model._meta.db_table)
        # Dropping the column drops its index.
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN {COLUMN}")
    for model, index in expression_indexes(apps):
        schema_editor.add_index(model, index)


class Migration(migrations.Migration):
    dependencies = [
        ("programme", "0007_search_translations"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
