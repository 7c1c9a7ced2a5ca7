"""Querysets that several pages share, each built on the models' published() rule.

The programme app never imports the lessons app, which builds on it: what links to a record
is found through the registry of content types.
"""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce

from programme import registry
from programme.models import Organisation


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


def published_knowledge(model):
    """Prefetches of the published records that link to a `model` record and are listed on
    its page (lessons and good practices: the registry's `on_related_pages`)."""
    return [
        published(relation.get_accessor_name(), relation.related_model)
        for relation in model._meta.related_objects
        for content_type in [registry.for_model(relation.related_model)]
        if content_type and content_type.on_related_pages
    ]


def published_organisations(lookup):
    return published(lookup, Organisation)


def published_count(model, field, inside=False):
    """The number of published `model` records whose `field` points to the outer row; with
    `inside`, or to a row inside it (a region's sub-regions), each record counted once."""
    condition = Q(**{field: OuterRef("pk")})
    if inside:
        condition |= Q(**{f"{field}__parent": OuterRef("pk")})
    rows = (
        model.objects.published()
        .filter(condition)
        .order_by()
        # A constant is not grouped by: one row, the count over every match.
        .values(each=Value(1))
        .annotate(number=Count("pk", distinct=True))
        .values("number")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)
