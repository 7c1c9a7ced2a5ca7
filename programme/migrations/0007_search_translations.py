"""Search the French text too: the GIN indexes of migration 0003 rebuilt on documents that
add each searched field's French sibling, with the same weight and the same `portal_search`
configuration. As in 0003, the documents are frozen here and must stay identical to the ones
programme/search.py builds (the EXPLAIN test in tests/programme/test_search.py checks it).
"""

from importlib import import_module

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

CONFIG = "portal_search"

# (app label, model): (fields weighted A, fields weighted B), each followed by its French.
DOCUMENTS = {
    ("lessons", "Lesson"): (
        ("title", "title_fr"),
        (
            "takeaway",
            "takeaway_fr",
            "context",
            "context_fr",
            "recommendation",
            "recommendation_fr",
        ),
    ),
    ("lessons", "GoodPractice"): (
        ("title", "title_fr"),
        (
            "summary",
            "summary_fr",
            "challenge",
            "challenge_fr",
            "approach",
            "approach_fr",
            "results",
            "results_fr",
            "replicability",
            "replicability_fr",
        ),
    ),
    ("programme", "Project"): (
        ("title", "title_fr"),
        (
            "summary",
            "summary_fr",
            "results",
            "results_fr",
            "beneficiary_description",
            "beneficiary_description_fr",
        ),
    ),
    ("programme", "Statement"): ((), ("text", "text_fr")),
    ("programme", "Person"): (
        ("name",),
        ("honorific", "role", "role_fr", "biography", "biography_fr"),
    ),
    ("programme", "Organisation"): (
        ("name", "name_fr", "acronym"),
        ("description", "description_fr"),
    ),
    ("programme", "Event"): (
        ("title", "title_fr"),
        ("description", "description_fr", "city", "audience", "audience_fr"),
    ),
    ("programme", "Publication"): (
        ("title", "title_fr"),
        ("summary", "summary_fr", "publisher_name"),
    ),
    ("programme", "Theme"): (("name", "name_fr"), ("description", "description_fr")),
    ("programme", "Region"): (("name", "name_fr"), ("description", "description_fr")),
}


def search_indexes(apps, documents):
    for (app_label, model_name), (title, body) in documents.items():
        model = apps.get_model(app_label, model_name)
        document = SearchVector(*body, config=CONFIG, weight="B")
        if title:
            document = SearchVector(*title, config=CONFIG, weight="A") + document
        yield model, GinIndex(document, name=f"{model._meta.db_table}_search")


def replace(apps, schema_editor, old, new):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, index in search_indexes(apps, old):
        schema_editor.remove_index(model, index)
    for model, index in search_indexes(apps, new):
        schema_editor.add_index(model, index)


def english_only():
    return import_module("programme.migrations.0003_search").DOCUMENTS


def forwards(apps, schema_editor):
    replace(apps, schema_editor, english_only(), DOCUMENTS)


def backwards(apps, schema_editor):
    replace(apps, schema_editor, DOCUMENTS, english_only())


class Migration(migrations.Migration):
    dependencies = [
        ("programme", "0006_translations"),
        ("lessons", "0005_translations"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
