"""manage.py export_content: the whole public content as a loadable fixture and a zip of CSV
files; nothing that is not public leaves, and the fixture loads into an empty database."""

import json
import zipfile
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from lessons.models import GoodPractice, Lesson
from programme.models import (
    Event,
    Organisation,
    Person,
    Programme,
    Project,
    Publication,
    Region,
    Statement,
    Status,
    Theme,
)
from programme.opendata.archive import FIXTURE_NAME, ZIP_NAME, models_in_loading_order
from programme.opendata.exports import registered
from tests import factories as f
from tests.export_parsing import parse_csv, run_export

pytestmark = pytest.mark.django_db

BASE_URL = "https://archive.portal.test"
PUBLISHED = {"status": Status.PUBLISHED}
NOT_PUBLIC = {
    "draft": {"status": Status.DRAFT},
    "review": {"status": Status.REVIEW},
    "scheduled": {"status": Status.PUBLISHED, "published_at": timezone.now() + timedelta(days=9)},
}
# Deleting in this order never meets a protected reference.
CONTENT = [
    GoodPractice,
    Lesson,
    Statement,
    Event,
    Publication,
    Project,
    Programme,
    Person,
    Organisation,
    Theme,
    Region,
]


def hidden_records():
    """A draft, an in-review and a scheduled record of every type, each linked from a public
    record, so that a leak through a reference would show too."""
    public_lesson = Lesson.objects.get(slug="demand-driven-technical-assistance-builds-ownership")
    public_practice = GoodPractice.objects.order_by("pk").first()
    public_programme = Programme.objects.get()
    for state, fields in NOT_PUBLIC.items():
        organisation = f.make_organisation(slug=f"hidden-organisation-{state}", **fields)
        person = f.make_person(slug=f"hidden-person-{state}", **fields)
        programme = f.make_programme(slug=f"hidden-programme-{state}", **fields)
        project = f.make_project(slug=f"hidden-project-{state}", programme=programme, **fields)
        event = f.make_event(slug=f"hidden-event-{state}", **fields)
        statement = f.make_statement(slug=f"hidden-statement-{state}", speaker=person, **fields)
        publication = f.make_publication(slug=f"hidden-publication-{state}", **fields)
        f.make_lesson(slug=f"hidden-lesson-{state}", **fields)
        f.make_good_practice(slug=f"hidden-good-practice-{state}", **fields)
        # Public records that cannot exist without a hidden one.
        f.make_project(slug=f"orphan-project-{state}", programme=programme, **PUBLISHED)
        f.make_statement(slug=f"orphan-statement-{state}", speaker=person, **PUBLISHED)
        # Public records that point to hidden ones.
        f.make_person(slug=f"person-pointing-{state}", organisation=organisation, **PUBLISHED)
        f.make_project(
            slug=f"project-pointing-{state}",
            programme=public_programme,
            **PUBLISHED,
        )
        public_lesson.stakeholders.add(organisation)
        public_lesson.people.add(person)
        public_lesson.projects.add(project)
        public_lesson.statements.add(statement)
        public_lesson.publications.add(publication)
        public_practice.event = event
        public_practice.save()


@pytest.fixture
def content():
    call_command("load_content", verbosity=0)
    hidden_records()


def export(tmp_path, **options):
    call_command("export_content", output=tmp_path, base_url=BASE_URL, verbosity=0, **options)
    return json.loads((tmp_path / FIXTURE_NAME).read_text(encoding="utf-8"))


def public_keys():
    """{(model label, slug)} of everything public, by the models' own published() rule."""
    keys = set()
    for model in CONTENT:
        queryset = model.objects.published()
        keys |= {
            (model._meta.label_lower, slug) for slug in queryset.values_list("slug", flat=True)
        }
    return keys


def empty_the_database():
    Region.objects.exclude(parent=None).delete()  # a region inside another protects it
    for model in CONTENT:
        model.objects.all().delete()


def test_the_fixture_holds_exactly_the_public_records(content, tmp_path):
    records = export(tmp_path)
    keys = {(record["model"], record["fields"]["slug"]) for record in records}
    assert keys == public_keys()
    assert len(keys) == len(records)
    text = (tmp_path / FIXTURE_NAME).read_text(encoding="utf-8")
    for slug_part in ("hidden-", "orphan-"):
        assert slug_part not in text
    assert [record["model"] for record in records] == sorted(
        (record["model"] for record in records),
        key=lambda label: [m._meta.label_lower for m in models_in_loading_order()].index(label),
    )
    by_key = {(r["model"], r["fields"]["slug"]): r["fields"] for r in records}
    for state in NOT_PUBLIC:
        assert by_key[("programme.person", f"person-pointing-{state}")]["organisation"] is None


def test_the_fixture_loads_into_an_empty_database_with_load_content(content, tmp_path):
    records = export(tmp_path)
    lesson = Lesson.objects.get(slug="demand-driven-technical-assistance-builds-ownership")
    public_people = set(lesson.people.published().values_list("slug", flat=True))
    expected = public_keys()
    empty_the_database()

    call_command("load_content", directory=tmp_path, verbosity=0)
    loaded = {
        (model._meta.label_lower, slug)
        for model in CONTENT
        for slug in model.objects.values_list("slug", flat=True)
    }
    assert loaded == expected
    assert len(loaded) == len(records)
    lesson = Lesson.objects.get(slug="demand-driven-technical-assistance-builds-ownership")
    assert set(lesson.people.values_list("slug", flat=True)) == public_people
    assert not Lesson.objects.exclude(pk__in=Lesson.objects.published()).exists()


def test_the_fixture_loads_with_loaddata_too(content, tmp_path):
    records = export(tmp_path)
    empty_the_database()
    call_command("loaddata", tmp_path / FIXTURE_NAME, verbosity=0)
    assert sum(model.objects.count() for model in CONTENT) == len(records)


def test_the_zip_has_one_csv_per_content_type_like_the_web_exports_and_a_readme(content, tmp_path):
    export(tmp_path)
    with zipfile.ZipFile(tmp_path / ZIP_NAME) as archive:
        assert archive.namelist() == [
            name
            for spec in registered()
            for name in (f"{spec.key}.csv", f"{spec.key}.csv-metadata.json")
        ] + ["README.txt"]
        readme = archive.read("README.txt").decode("utf-8")
        for spec in registered():
            header, rows = parse_csv(archive.read(f"{spec.key}.csv"))
            metadata = json.loads(archive.read(f"{spec.key}.csv-metadata.json"))
            assert metadata["url"] == f"{spec.key}.csv"
            assert [c["titles"] for c in metadata["tableSchema"]["columns"]] == header
            web_header, web_rows = parse_csv(run_export(spec))
            assert header == web_header, spec.key
            strip = lambda rows: [{k: v for k, v in row.items() if k != "Web page"} for row in rows]  # noqa: E731
            assert strip(rows) == strip(web_rows), spec.key
            assert all(row["Web page"].startswith(f"{BASE_URL}/") for row in rows)
            assert not any("hidden-" in row["Slug"] for row in rows)
            assert f"{spec.key}.csv: {spec.title} ({len(rows)})" in readme
    assert "Licence: CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)" in readme
    assert f"Made: {timezone.localdate().isoformat()}T" in readme
    assert "remain the words of their speakers" in readme


@pytest.mark.parametrize("base_url", ["portal.example.org", "ftp://portal.example.org", "https://"])
def test_a_base_url_that_is_not_a_web_address_is_refused(tmp_path, base_url):
    with pytest.raises(CommandError, match="--base-url"):
        call_command("export_content", output=tmp_path, base_url=base_url)
    assert list(tmp_path.iterdir()) == []


def test_without_a_base_url_the_site_host_is_used(tmp_path, settings):
    settings.ALLOWED_HOSTS = ["localhost", "portal.example.org"]
    f.make_project(slug="visas", **PUBLISHED)
    call_command("export_content", output=tmp_path, verbosity=0)
    with zipfile.ZipFile(tmp_path / ZIP_NAME) as archive:
        (row,) = parse_csv(archive.read("projects.csv"))[1]
    assert row["Web page"].startswith("https://portal.example.org/")
