"""Published querysets that several pages share.

Lessons and good practices are looked up by name (`apps.get_model`): the programme app must
not import the lessons app, which builds on it.
"""

from django.apps import apps
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce

from .models import Organisation, Person, Statement


def lesson_model():
    return apps.get_model("lessons", "Lesson")


def practice_model():
    return apps.get_model("lessons", "GoodPractice")


def public_statements():
    """Published statements whose speaker is public too, with what a quote block shows."""
    return (
        Statement.objects.published()
        .filter(speaker__in=Person.objects.published())
        .select_related("speaker", "speaker__organisation", "event")
    )


def published(lookup, model, *related):
    """Prefetch only the published records of a relation (select_related `related`)."""
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
