"""Every filter and sort order a public list offers is backed by a database index."""

import pytest
from django.db import models
from django.test.utils import isolate_apps

from lessons.filters import GoodPracticeFilter, LessonFilter
from programme.public.facets import (
    CountryFacetFilter,
    LanguageFacetFilter,
    SearchFilter,
    SortFilter,
)
from programme.public.filters import (
    EventFilter,
    OrganisationFilter,
    PersonFilter,
    ProjectFilter,
    PublicationFilter,
)

FILTERSETS = [
    LessonFilter,
    GoodPracticeFilter,
    ProjectFilter,
    OrganisationFilter,
    PersonFilter,
    EventFilter,
    PublicationFilter,
]
# Leading columns that published() always pins with an equality, so the column after them in
# a composite index is as good as a leading one.
PINNED = {"status"}


def resolve(model, path):
    """The model and field at the end of a lookup path such as "event__date"."""
    *relations, name = path.split("__")
    for relation in relations:
        model = model._meta.get_field(relation).related_model
    return model, model._meta.get_field(name)


def is_indexed(model, field):
    if field.many_to_many or field.is_relation or field.unique or field.db_index:
        return True  # relations are indexed on their foreign keys
    for index in model._meta.indexes:
        columns = [name.lstrip("-") for name in index.fields]
        leading = [c for c in columns if c in PINNED]
        if field.name in columns and columns.index(field.name) == len(leading):
            return True
    return False


def public_fields(filterset):
    model = filterset._meta.model
    for name, declared in filterset.base_filters.items():
        if isinstance(declared, SearchFilter):
            continue  # free text: the site search's GIN index serves it on PostgreSQL
        if isinstance(declared, CountryFacetFilter):
            continue  # a list of codes in one column, matched inside the text
        if isinstance(declared, LanguageFacetFilter):
            continue  # whether text fields are empty, over rows published() has narrowed
        if isinstance(declared, SortFilter):
            for field_name in declared.param_map.values():
                yield f"{name}={field_name}", *resolve(model, field_name)
        else:
            yield name, *resolve(model, declared.field_name)


@pytest.mark.parametrize("filterset", FILTERSETS, ids=lambda f: f.__name__)
def test_every_filter_and_ordering_has_an_index(filterset):
    missing = [
        f"{label} ({model.__name__}.{field.name})"
        for label, model, field in public_fields(filterset)
        if not is_indexed(model, field)
    ]
    assert missing == []


@isolate_apps("programme")
def test_the_check_itself_catches_a_missing_index():
    class Unindexed(models.Model):
        title = models.CharField(max_length=10)

        class Meta:
            app_label = "programme"

        def __str__(self):
            return self.title

    assert not is_indexed(Unindexed, Unindexed._meta.get_field("title"))
