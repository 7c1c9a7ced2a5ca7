"""Synthetic benchmark data: only in a benchmark database, outside the schema and the rule."""

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection

from lessons.models import GoodPractice, Lesson
from programme.management.commands.generate_sample_data import is_benchmark_database
from programme.models import Organisation, Project, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    call_command("load_content", verbosity=0)


@pytest.fixture
def benchmark_database(monkeypatch):
    """The test database, named as the benchmark names its own (the connection stays open)."""
    monkeypatch.setitem(connection.settings_dict, "NAME", "portal_bench")


@pytest.mark.parametrize(
    ("name", "is_benchmark"),
    [
        ("portal_bench", True),
        ("/srv/bench/portal_bench.sqlite3", True),
        ("portal", False),
        ("bench", False),
        ("portal_bench_old", False),
        ("/srv/portal/db.sqlite3", False),
    ],
)
def test_a_benchmark_database_is_named_so(name, is_benchmark, monkeypatch):
    monkeypatch.setitem(connection.settings_dict, "NAME", name)
    assert is_benchmark_database() is is_benchmark


def test_refuses_any_other_database(content):
    lessons = Lesson.objects.count()
    for options in [{"lessons": 5}, {"remove": True}]:
        with pytest.raises(CommandError, match="not a benchmark database"):
            call_command("generate_sample_data", **options)
    assert Lesson.objects.count() == lessons


def test_no_model_carries_a_sample_flag():
    for model in apps.get_models():
        assert "is_sample" not in {field.name for field in model._meta.get_fields()}, model


def test_sample_records_are_ordinary_published_records(content, benchmark_database):
    public_before = Lesson.objects.published().count()
    call_command("generate_sample_data", lessons=30, practices=20, projects=10, organisations=5)
    sample = Lesson.objects.filter(slug__startswith="sample-")
    assert sample.count() == 30
    assert all(title.startswith("[Sample] ") for title in sample.values_list("title", flat=True))
    assert GoodPractice.objects.filter(slug__startswith="sample-").count() == 20
    assert Project.objects.filter(slug__startswith="sample-").count() == 10
    assert Organisation.objects.filter(slug__startswith="sample-").count() == 5
    assert sample.first().themes.exists()
    # No setting decides: in the benchmark's database they are public like any record.
    assert Lesson.objects.published().count() == public_before + 30
    call_command("generate_sample_data", lessons=5)  # a second batch gets new slugs
    assert Lesson.objects.filter(slug__startswith="sample-").count() == 35


def test_remove_empties_the_benchmark_database(content, benchmark_database):
    call_command("generate_sample_data", lessons=5, practices=5, projects=5, organisations=5)
    # PostgreSQL cannot empty tables (TRUNCATE) with foreign key checks still pending from rows
    # written in the same transaction; the command runs in a fresh one outside the tests.
    connection.check_constraints()
    call_command("generate_sample_data", remove=True)
    for model in (Lesson, GoodPractice, Project, Organisation, Theme):
        assert not model.objects.exists()


def test_needs_the_content_first(benchmark_database):
    with pytest.raises(CommandError, match="load_content"):
        call_command("generate_sample_data", lessons=1)
