"""Load the portal's content from fixtures/, all or nothing, and say what changed.

loaddata would do the saving, but it cannot say which record of which file is broken, nor
which records a reload changed; this command deserializes record by record to do both.
"""

import json
from collections import Counter, defaultdict
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from programme.publishing.services import links_first, write_history

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"
CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


def fixture_files(directory=FIXTURES_DIR):
    """The fixture files in load order: their names start with a number (01-, 02- ...)."""
    return sorted(Path(directory).glob("[0-9][0-9]-*.json"))


def read_records(path):
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CommandError(f"{path.name}: cannot be read as JSON ({error}).") from error
    if not isinstance(records, list):
        raise CommandError(f"{path.name}: expected a JSON list of records.")
    return records


def describe(path, number, record):
    """Name a record the way an editor finds it: file, position, model and slug."""
    fields = record.get("fields") if isinstance(record, dict) else None
    slug = fields.get("slug") if isinstance(fields, dict) else None
    model = record.get("model") if isinstance(record, dict) else None
    return f"{path.name}, record {number} ({model} {slug!r})"


def outcome(item):
    """Whether saving this deserialized record would create, change or keep a row."""
    obj = item.object
    if obj.pk is None:
        return CREATED
    current = type(obj)._base_manager.filter(pk=obj.pk).first()
    if current is None:
        return CREATED
    # A reference deferred to the end of the load points to a record that did not exist yet,
    # so the row must change.
    if item.deferred_fields:
        return UPDATED
    for field in obj._meta.concrete_fields:
        if field.value_from_object(current) != field.value_from_object(obj):
            return UPDATED
    for name, pks in item.m2m_data.items():
        if set(getattr(current, name).values_list("pk", flat=True)) != set(pks):
            return UPDATED
    return UNCHANGED


def load(files):
    """Save every record of the files; return the outcomes as [(where, label, outcome)]."""
    loaded = []
    seen = set()
    for path in files:
        for number, record in enumerate(read_records(path), start=1):
            where = describe(path, number, record)
            try:
                (item,) = serializers.deserialize(
                    "python", [record], handle_forward_references=True
                )
                key = (item.object._meta.label, item.object.natural_key())
                if key in seen:
                    raise CommandError(f"{key[0]} {key[1]} appears twice in the fixtures.")
                seen.add(key)
                # A required reference cannot wait for the end of the load: without it the
                # row cannot be saved at all.
                for field, value in item.deferred_fields.items():
                    if not field.many_to_many and not field.null:
                        raise CommandError(
                            f"broken reference: {field.name} {value} matches no record."
                        )
                result = outcome(item)
                if result != UNCHANGED:
                    with links_first(item.object):
                        item.save()
            except Exception as error:
                raise CommandError(f"{where}: {error}") from error
            loaded.append((where, item, result))
    # References to records that come later in the files are resolved once all are saved;
    # one that still points nowhere is a broken reference.
    for where, item, _ in loaded:
        if item.deferred_fields:
            try:
                with links_first(item.object):
                    item.save_deferred_fields()
            except Exception as error:
                raise CommandError(f"{where}: broken reference: {error}") from error
    # Raw saves skip validation, so check what was written before the transaction commits.
    for where, item, result in loaded:
        if result != UNCHANGED:
            try:
                item.object.full_clean()
            except ValidationError as error:
                raise CommandError(f"{where}: invalid: {error}") from error
    # One historical record for each record created or changed, with its links.
    for _where, item, result in loaded:
        if result != UNCHANGED:
            write_history(item.object, created=result == CREATED)
    return [(where, item.object._meta.label, result) for where, item, result in loaded]


class Command(BaseCommand):
    help = (
        "Load the portal's content from fixtures/ in the order of the files' number prefix, "
        "in one transaction. Records are matched by slug: a reload updates the fixture's "
        "records (undoing staff edits to them), leaves records created by staff alone, and "
        "reports what it created, updated and left unchanged."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory",
            type=Path,
            default=FIXTURES_DIR,
            help="Load the numbered JSON files of this folder instead of fixtures/.",
        )

    def handle(self, *args, directory, **options):
        files = fixture_files(directory)
        if not files:
            raise CommandError(f"No fixtures found in {directory}.")
        try:
            with transaction.atomic():
                results = load(files)
        except CommandError as error:
            raise CommandError(
                f"{error}\nNothing was loaded; the database is unchanged."
            ) from error

        counts = defaultdict(Counter)
        for where, label, result in results:
            counts[label][result] += 1
            if result == UPDATED and options["verbosity"] >= 1:
                self.stdout.write(f"Updated {where}")
        for label, count in counts.items():
            self.stdout.write(
                f"{label}: {count[CREATED]} created, {count[UPDATED]} updated, "
                f"{count[UNCHANGED]} unchanged"
            )
        self.stdout.write(self.style.SUCCESS(f"Loaded {len(files)} fixture files."))
