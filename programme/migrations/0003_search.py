"""Full-text search on PostgreSQL; nothing to do on SQLite, whose fallback needs no schema.

- the `unaccent` extension (trusted since PostgreSQL 13: the database owner may create it);
- the `portal_search` text search configuration: English, with `unaccent` in front of the
  stemmer for words with non-ASCII letters, so "Hagstrom" and "Hagström" give the same lexeme.
  Being a configuration rather than an unaccent() call around the text, it keeps
  to_tsvector(regconfig, text) immutable (indexable) and lets ts_headline mark "Hagström" in
  the original text when someone searched "hagstrom";
- one GIN index per searched table on the weighted document programme/search.py builds.
  PostgreSQL uses an expression index only for the identical expression, so the documents are
  frozen here and any change to them in search.py needs a new migration (the EXPLAIN test in
  tests/programme/test_search.py fails otherwise).
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

CONFIG = "portal_search"

# (app label, model): (fields weighted A, fields weighted B)
DOCUMENTS = {
    ("lessons", "Lesson"): (("title",), ("takeaway", "context", "recommendation")),
    ("lessons", "GoodPractice"): (
        ("title",),
        ("summary", "challenge", "approach", "results", "replicability"),
    ),
    ("programme", "Project"): (("title",), ("summary", "results", "beneficiary_description")),
    ("programme", "Statement"): ((), ("text",)),
    ("programme", "Person"): (("name",), ("honorific", "role", "biography")),
    ("programme", "Organisation"): (("name", "acronym"), ("description",)),
    ("programme", "Event"): (("title",), ("description", "city", "audience")),
    ("programme", "Publication"): (("title",), ("summary", "publisher_name")),
    ("programme", "Theme"): (("name",), ("description",)),
    ("programme", "Region"): (("name",), ("description",)),
}


def search_indexes(apps):
    for (app_label, model_name), (title, body) in DOCUMENTS.items():
        model = apps.get_model(app_label, model_name)
        document = SearchVector(*body, config=CONFIG, weight="B")
        if title:
            document = SearchVector(*title, config=CONFIG, weight="A") + document
        name = f"{model._meta.db_table}_search"
        yield model, GinIndex(document, name=name)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = pg_catalog.english)")
    schema_editor.execute(
        f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} "
        "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem"
    )
    for model, index in search_indexes(apps):
        schema_editor.add_index(model, index)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, index in search_indexes(apps):
        schema_editor.remove_index(model, index)
    # The extension stays: something else may have come to use it.
    schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")


class Migration(migrations.Migration):
    dependencies = [
        ("programme", "0002_roles"),
        ("lessons", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
