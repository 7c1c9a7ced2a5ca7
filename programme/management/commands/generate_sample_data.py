"""Synthetic records for benchmarks only, in a benchmark database only.

The records are ordinary published records titled "[Sample] ...": nothing in the schema or
in what the public may see knows about them. What keeps them out of the site is where they
are written: the command refuses any database whose name does not end in `_bench` (the
benchmark's PostgreSQL database `portal_bench`, or a SQLite file `*_bench.sqlite3`), so it
cannot fill a real database. `--remove` empties that benchmark database.
"""

import random
from datetime import timedelta
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from lessons.models import GoodPractice, Lesson
from programme.models import Organisation, Programme, Project, Region, Status, Theme
from programme.public.cache import new_generation

BATCH = 1000
BENCHMARK_SUFFIX = "_bench"
WORDS = [
    "migration", "remittances", "diaspora", "mobility", "visas", "readmission", "trafficking",
    "smuggling", "cooperation", "governance", "capacity", "ownership", "dialogue", "regional",
    "national", "data", "policy",
]  # fmt: skip


def is_benchmark_database(database=connection):
    """Whether the database is a benchmark's own: its name (a SQLite file's name without
    `.sqlite3`) ends in `_bench`."""
    name = Path(str(database.settings_dict["NAME"])).name.removesuffix(".sqlite3")
    return name.endswith(BENCHMARK_SUFFIX)


class Command(BaseCommand):
    help = (
        "In a benchmark database (its name ends in _bench), create synthetic records, or "
        "with --remove empty it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--lessons", type=int, default=0)
        parser.add_argument("--practices", type=int, default=0)
        parser.add_argument("--projects", type=int, default=0)
        parser.add_argument("--organisations", type=int, default=0)
        parser.add_argument("--seed", type=int, default=2019)
        parser.add_argument(
            "--remove", action="store_true", help="Empty the benchmark database (every row)."
        )

    def handle(self, *args, **options):
        if not is_benchmark_database():
            raise CommandError(
                f"Refusing: {connection.settings_dict['NAME']} is not a benchmark database "
                f"(its name must end in {BENCHMARK_SUFFIX}; make bench creates portal_bench)."
            )
        if options["remove"]:
            call_command("flush", interactive=False, verbosity=0)
            transaction.on_commit(new_generation)
            self.analyze()
            self.stdout.write(f"Emptied {connection.settings_dict['NAME']}.")
            return
        for name in ("lessons", "practices", "projects", "organisations"):
            if options[name] < 0:
                raise CommandError(f"--{name} cannot be negative.")
        programme = Programme.objects.order_by("pk").first()
        themes, regions = list(Theme.objects.all()), list(Region.objects.all())
        if not (programme and themes and regions):
            raise CommandError("Load the content first: python manage.py load_content")
        # Repeatable filler text, not security: a seeded generator is what is wanted.
        self.random = random.Random(options["seed"])  # noqa: S311
        self.published_at = timezone.now() - timedelta(days=1)
        with transaction.atomic():
            organisations = self.make(
                Organisation,
                options["organisations"],
                lambda i: {"name": f"[Sample] Organisation {i}", "kind": "non-state-actor"},
            )
            projects = self.make(
                Project,
                options["projects"],
                lambda i: {
                    "title": f"[Sample] Project {i} on {self.phrase()}",
                    "kind": "technical-assistance",
                    "programme": programme,
                    "summary": self.sentence(),
                },
            )
            self.tag(
                Project, projects, themes, regions, organisations, "implementing_organisations"
            )
            for model, count, extra in (
                (Lesson, options["lessons"], "takeaway"),
                (GoodPractice, options["practices"], "summary"),
            ):
                records = self.make(
                    model,
                    count,
                    lambda i, model=model, extra=extra: {
                        "title": f"[Sample] {model._meta.verbose_name.capitalize()} {i} "
                        f"on {self.phrase()}",
                        extra: self.sentence(),
                    },
                )
                self.tag(model, records, themes, regions, organisations, "stakeholders")
                self.link(model, records, "projects", projects)
        # bulk_create sends no signals: empty the page cache by hand.
        transaction.on_commit(new_generation)
        self.analyze()
        made = ", ".join(
            f"{options[name]} {name}"
            for name in ("lessons", "practices", "projects", "organisations")
            if options[name]
        )
        self.stdout.write(
            self.style.SUCCESS(f"Sample data created in {connection.settings_dict['NAME']}: ")
            + (made or "nothing asked for (see --help).")
        )

    def analyze(self):
        """Refresh the planner's statistics: thousands of new rows the planner has not seen
        turn a 20 ms query into a 10 s one (the CSV export's) until autovacuum catches up."""
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    def phrase(self):
        return " ".join(self.random.sample(WORDS, 3))

    def sentence(self):
        return " ".join(self.random.choices(WORDS, k=14)).capitalize() + "."

    def make(self, model, count, fields):
        prefix = f"sample-{model._meta.model_name}-"
        start = model.objects.filter(slug__startswith=prefix).count()
        objects = [
            model(
                slug=f"{prefix}{start + i:05d}",
                status=Status.PUBLISHED,
                published_at=self.published_at,
                **fields(start + i),
            )
            for i in range(1, count + 1)
        ]
        model.objects.bulk_create(objects, batch_size=BATCH)
        created = list(model.objects.filter(slug__in=[o.slug for o in objects]).only("pk"))
        self.stdout.write(f"Created {len(created)} sample {model._meta.verbose_name_plural}")
        return created

    def link(self, model, records, field, targets, per_record=1):
        if not targets:
            return
        through = getattr(model, field).through
        source = f"{model._meta.model_name}_id"
        target = f"{getattr(model, field).field.related_model._meta.model_name}_id"
        rows = [
            through(**{source: record.pk, target: choice.pk})
            for record in records
            for choice in self.random.sample(targets, min(per_record, len(targets)))
        ]
        through.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)

    def tag(self, model, records, themes, regions, organisations, organisation_field):
        self.link(model, records, "themes", themes, per_record=2)
        self.link(model, records, "regions", regions)
        self.link(model, records, organisation_field, organisations)
