"""Synthetic records for benchmarks and load tests only.

Every record it makes is flagged `is_sample`, titled "[Sample] ...", and hidden from the
public unless DJANGO_SHOW_SAMPLE_DATA=1 (only the benchmark sets it). `make run` never calls
this command; `--remove` deletes every sample record again.
"""

import random
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from lessons.models import GoodPractice, Lesson
from programme.cache import new_generation
from programme.models import Organisation, Programme, Project, Region, Status, Theme

BATCH = 1000
SAMPLE_MODELS = [Lesson, GoodPractice, Project, Organisation]
WORDS = [
    "migration", "remittances", "diaspora", "mobility", "visas", "readmission", "trafficking",
    "smuggling", "cooperation", "governance", "capacity", "ownership", "dialogue", "regional",
    "national", "data", "policy",
]  # fmt: skip


class Command(BaseCommand):
    help = "Create (or with --remove, delete) clearly marked synthetic records for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--lessons", type=int, default=0)
        parser.add_argument("--practices", type=int, default=0)
        parser.add_argument("--projects", type=int, default=0)
        parser.add_argument("--organisations", type=int, default=0)
        parser.add_argument("--seed", type=int, default=2019)
        parser.add_argument("--remove", action="store_true", help="Delete every sample record.")

    def handle(self, *args, **options):
        if options["remove"]:
            with transaction.atomic():
                for model in SAMPLE_MODELS:
                    deleted, _ = model.objects.filter(is_sample=True).delete()
                    self.stdout.write(f"Deleted {deleted} sample rows of {model._meta.label}")
            self.analyze()
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
        self.stdout.write(self.style.SUCCESS("Sample data created (flagged is_sample)."))

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
                is_sample=True,
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
