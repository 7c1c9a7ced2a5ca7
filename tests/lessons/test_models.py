"""Lessons and good practices: provenance both ways, natural keys, the published() rule."""

from datetime import timedelta

import pytest
from django.core import serializers
from django.utils import timezone

from lessons.models import GoodPractice, Lesson
from programme.models import Status
from tests.factories import drafts as f

pytestmark = pytest.mark.django_db


def test_provenance_is_usable_in_both_directions():
    event = f.make_event()
    statement = f.make_statement(event=event)
    publication = f.make_publication()
    lesson = f.make_lesson(
        event=event, m2m={"statements": [statement], "publications": [publication]}
    )
    practice = f.make_good_practice(event=event)

    assert list(event.lessons.all()) == [lesson]
    assert list(event.goodpractices.all()) == [practice]
    assert list(statement.lessons.all()) == [lesson]
    assert list(publication.lessons.all()) == [lesson]
    assert list(statement.speaker.statements.all()) == [statement]


def test_a_lesson_round_trips_through_natural_keys():
    theme = f.make_theme(slug="diaspora-engagement")
    event = f.make_event(slug="closing-event")
    lesson = f.make_lesson(slug="a-lesson", event=event, m2m={"themes": [theme]})
    dumped = serializers.serialize(
        "json", [lesson], use_natural_foreign_keys=True, use_natural_primary_keys=True
    )
    assert '"closing-event"' in dumped and '"pk"' not in dumped
    Lesson.objects.all().delete()

    for item in serializers.deserialize("json", dumped):
        item.save()

    reloaded = Lesson.objects.get_by_natural_key("a-lesson")
    assert reloaded.event == event
    assert list(reloaded.themes.all()) == [theme]


@pytest.mark.parametrize("make", [f.make_lesson, f.make_good_practice])
def test_only_published_and_due_records_are_public(make):
    now = timezone.now()
    public = make(status=Status.PUBLISHED)
    make(status=Status.PUBLISHED, published_at=now + timedelta(days=1))
    make(status=Status.REVIEW)
    make()
    model = type(public)
    assert list(model.objects.published()) == [public]
    assert model in {Lesson, GoodPractice}
