"""Synthetic benchmark data: clearly marked, hidden from the public by default, removable."""

import pytest
from django.core.management import CommandError, call_command

from lessons.models import GoodPractice, Lesson
from programme.models import Organisation, Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    call_command("load_content", verbosity=0)


def test_sample_records_are_marked_and_hidden_unless_asked_for(content, settings):
    public_before = Lesson.objects.published().count()
    call_command("generate_sample_data", lessons=30, practices=20, projects=10, organisations=5)
    sample = Lesson.objects.filter(is_sample=True)
    assert sample.count() == 30
    assert all(title.startswith("[Sample] ") for title in sample.values_list("title", flat=True))
    assert GoodPractice.objects.filter(is_sample=True).count() == 20
    assert Project.objects.filter(is_sample=True).count() == 10
    assert Organisation.objects.filter(is_sample=True).count() == 5
    assert sample.first().themes.exists()
    # Published, yet not public: the flag keeps them out of every public list.
    assert Lesson.objects.published().count() == public_before
    settings.SHOW_SAMPLE_DATA = True
    assert Lesson.objects.published().count() == public_before + 30


def test_one_command_removes_every_sample_record(content):
    call_command("generate_sample_data", lessons=5, practices=5, projects=5, organisations=5)
    call_command("generate_sample_data", lessons=5)  # a second batch gets new slugs
    assert Lesson.objects.filter(is_sample=True).count() == 10
    real = Lesson.objects.count() - 10
    call_command("generate_sample_data", remove=True)
    for model in (Lesson, GoodPractice, Project, Organisation):
        assert not model.objects.filter(is_sample=True).exists()
    assert Lesson.objects.count() == real


def test_needs_the_content_first():
    with pytest.raises(CommandError, match="load_content"):
        call_command("generate_sample_data", lessons=1)
