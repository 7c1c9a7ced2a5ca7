"""Querysets that several pages share, each built on the models' published() rule.

Lessons and good practices are looked up by name (`apps.get_model`): the programme app must
not import the lessons app, which builds on it.
"""

from django.apps import apps
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce

from .models import Organisation


def lesson_model():
    return apps.get_model("lessons", "Lesson")


def practice_model():
    return apps.get_model("lessons", "GoodPractice")


def quoted(statements):
    """Statements with what a quote block shows: the speaker and the event (public with a
    public statement, by its rule), and the speaker's organisation only if it is public."""
    return statements.select_related("speaker", "event").prefetch_related(
        published("speaker__organisation", Organisation)
    )


def published(lookup, model, *related):
    """Prefetch only the published records of a relation (select_related `related`); on a
    foreign key, the related record is None unless it is published."""
    queryset = model.objects.published()
    if related:  # select_related() without names would join every foreign key
        queryset = queryset.select_related(*related)
    return Prefetch(lookup, queryset=queryset)


def published_knowledge():
    """Prefetches of the published lessons and good practices of a record."""
    return (
        published("lessons", lesson_model()),
        published("goodpractices", practice_model()),
    )


def published_organisations(lookup):
    return published(lookup, Organisation)


def published_count(model, field):
    """The number of published `model` records whose `field` points to the outer row."""
    rows = (
        model.objects.published()
        .filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(number=Count("pk", distinct=True))
        .values("number")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)
