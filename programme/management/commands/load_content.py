from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


def fixture_files():
    """The fixture files in load order: their names start with a number (01-, 02- ...)."""
    return sorted(FIXTURES_DIR.glob("[0-9][0-9]-*.json"))


def row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"programme", "lessons"}
        and not model._meta.label.split(".")[1].startswith("Historical")
    }


class Command(BaseCommand):
    help = (
        "Load the portal's content from fixtures/ in order. Safe to run again: records are "
        "matched by their slug, so a reload updates them instead of adding copies, and "
        "records created by staff are left alone."
    )

    def handle(self, *args, **options):
        files = fixture_files()
        if not files:
            raise CommandError(f"No fixtures found in {FIXTURES_DIR}.")
        before = row_counts()
        try:
            with transaction.atomic():
                for path in files:
                    call_command("loaddata", str(path), verbosity=0)
                    self.stdout.write(f"Loaded {path.name}")
        except Exception as error:
            raise CommandError(
                f"Nothing was loaded; the database is unchanged. The problem: {error}"
            ) from error
        after = row_counts()
        added = {label: after[label] - before.get(label, 0) for label in after}
        added = {label: n for label, n in added.items() if n}
        if added:
            summary = ", ".join(f"{n} {label}" for label, n in sorted(added.items()))
            self.stdout.write(self.style.SUCCESS(f"New records: {summary}."))
        else:
            self.stdout.write(self.style.SUCCESS("No new records; existing ones were updated."))
