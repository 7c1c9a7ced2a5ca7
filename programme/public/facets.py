"""The facet filters of the public lists, and the search and sort filters they share.

Facet filters are django-filter filters that also count, in one aggregate query per facet (two
for related records: the counts, then the records), how many results each of their values
would give with the other filters applied. Values that are not understood are ignored.
"""

import django_filters
from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from programme import registry
from programme.limits import MAX_PARAM_LENGTH, MAX_YEAR, MIN_YEAR
from programme.models import Publishable
from programme.public.countries import counts as country_counts
from programme.public.countries import naming
from programme.public.search import clean_query, matching
from programme.translation import (
    AVAILABLE_IN,
    LANGUAGE_NAMES,
    available_in,
    language_codes,
)


def through_public(model, path):
    """The condition that every record with a workflow that `path` (a lookup such as
    "organisation__name") goes through is public: nothing is found, filtered or counted
    through a hidden record."""
    condition, steps = Q(), path.split("__")
    for depth, step in enumerate(steps[:-1]):
        field = model._meta.get_field(step)
        if not field.is_relation:
            break
        model = field.related_model
        if issubclass(model, Publishable):
            lookup = "__".join(steps[: depth + 1])
            condition &= Q(**{f"{lookup}__in": model._default_manager.published()})
    return condition


class FacetMixin:
    """A filter offered as a list of values, each with its count.

    `phrase` describes the active values in the sentence above the results: a string with
    `%(values)s` (and optionally a plural form chosen by `count`, from `ngettext_lazy`).
    `hide_empty`: values that would give no result are hidden rather than shown disabled
    (for long lists such as countries).
    """

    hide_empty = False

    def __init__(self, *args, phrase, **kwargs):
        self.phrase = phrase
        # No filter here joins a row into several (ModelFacetFilter uses a subquery), so no
        # SELECT DISTINCT over every column of the results is needed.
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)

    @property
    def short_label(self):
        return self.label

    def describe(self, labels):
        return self.phrase % {"values": get_text_list(labels), "count": len(labels)}

    def options(self, results, chosen):
        """[(value, label, count)] in display order, counted over `results` in a fixed
        number of queries; `chosen` holds the values selected (as strings)."""
        raise NotImplementedError

    def labels(self, values):
        """[(value, label)] for the selected (cleaned) values."""
        raise NotImplementedError


class ModelFacetFilter(FacetMixin, django_filters.ModelMultipleChoiceFilter):
    """Related records (themes, regions, an organisation) chosen by slug."""

    def __init__(self, relation, *args, hide_empty=False, **kwargs):
        self.relation = relation
        self.hide_empty = hide_empty
        super().__init__(*args, field_name=f"{relation}__slug", to_field_name="slug", **kwargs)

    def options(self, results, chosen):
        # Two queries: the number of results per linked value, counted from the results'
        # side (a record is linked to a value at most once, so no DISTINCT), then the values.
        counts = dict(
            results.order_by().values_list(self.relation).annotate(facet_count=Count("pk"))
        )
        values = self.get_queryset(self.parent.request)
        if self.hide_empty:  # a long list (organisations): only values with results, or chosen
            values = values.filter(Q(pk__in=[pk for pk in counts if pk]) | Q(slug__in=chosen))
        return [(value.slug, str(value), counts.get(value.pk, 0)) for value in values]

    def filter(self, qs, value):
        # The records linked to any of the values, as a subquery: a join would repeat a record
        # once per matching value and call for a DISTINCT over all the columns.
        if not value:
            return qs
        return self.linked_to(qs, value)

    def linked_to(self, qs, value):
        field = self.model._meta.get_field(self.relation)
        if isinstance(field, models.ManyToManyField):  # from the link table alone
            through = field.remote_field.through._default_manager
            linked = through.filter(**{f"{field.m2m_reverse_field_name()}__in": value})
            return qs.filter(pk__in=linked.values(field.m2m_field_name()))
        if field.many_to_one:  # a foreign key: one value per record
            return qs.filter(**{f"{self.relation}__in": value})
        linked = self.model._default_manager.filter(**{f"{self.relation}__in": value})
        return qs.filter(pk__in=linked.values("pk"))

    def labels(self, values):
        return [(value.slug, str(value)) for value in values]


class RegionFacetFilter(ModelFacetFilter):
    """Regions, which may lie inside one another (Southern Africa in Africa): a region also
    finds, and counts once, the records tagged with the regions inside it."""

    def filter(self, qs, value):
        if not value:
            return qs
        # The regions chosen and those inside them, as a subquery.
        model = self.get_queryset(self.parent.request).model
        pks = [region.pk for region in value]
        inside = model._default_manager.filter(Q(pk__in=pks) | Q(parent__in=pks))
        return self.linked_to(qs, inside)

    def options(self, results, chosen):
        # Three queries: the records per region, the records per outer region (each record
        # once, whether it is tagged with the region or with regions inside it), the regions.
        results = results.order_by()
        direct = dict(results.values_list(self.relation).annotate(facet_count=Count("pk")))
        outer = Coalesce(f"{self.relation}__parent", self.relation)
        rolled = dict(results.values_list(outer).annotate(facet_count=Count("pk", distinct=True)))
        values = self.get_queryset(self.parent.request)
        return [
            (value.slug, str(value), max(direct.get(value.pk, 0), rolled.get(value.pk, 0)))
            for value in values
        ]


class ChoiceFacetFilter(FacetMixin, django_filters.MultipleChoiceFilter):
    """A field with fixed choices (kind, component)."""

    def counts(self, results):
        """{value: number of results} for the values present in `results`."""
        rows = results.order_by().values_list(self.field_name).annotate(facet_count=Count("pk"))
        return dict(rows)

    def options(self, results, chosen):
        counts = self.counts(results)
        return [(value, str(label), counts.get(value, 0)) for value, label in self.choices()]

    def choices(self):
        return self.extra["choices"]

    def labels(self, values):
        names = dict(self.choices())
        return [(value, str(names[value])) for value in values]


class CountryCodeField(forms.MultipleChoiceField):
    """ISO country codes, checked against django-countries' list rather than carrying it as
    choices: every request's form would copy all 250 of them."""

    def __init__(self, *args, **kwargs):
        kwargs.pop("choices", None)
        super().__init__(*args, **kwargs)

    def valid_value(self, value):
        return value in countries


class CountryFacetFilter(ChoiceFacetFilter):
    """ISO country codes, through the country paths the list's content type declares in the
    registry (programme.public.countries): single or multiple CountryFields, perhaps through
    a relation (a person's organisation), several of them (an organisation's country or its
    member countries)."""

    field_class = CountryCodeField
    hide_empty = True

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("field_name", "country")  # the paths come from the registry
        super().__init__(*args, **kwargs)

    @property
    def paths(self):
        return registry.for_model(self.model).countries

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(naming(self.model, self.paths, value))

    def counts(self, results):
        return country_counts(results, self.paths)

    def options(self, results, chosen):
        counts = self.counts(results)
        # django-countries lists the countries by their name in the active language.
        return [(code, name, counts[code]) for code, name in countries if counts.get(code)]

    def labels(self, values):
        return [(code, countries.name(code)) for code in values]


class YearField(forms.TypedMultipleChoiceField):
    """Years written in ASCII digits, from limits.MIN_YEAR to MAX_YEAR: the valid years are
    the data's, so no list of choices to check."""

    def __init__(self, *args, **kwargs):
        kwargs["coerce"] = int
        kwargs.pop("choices", None)
        super().__init__(*args, **kwargs)

    def valid_value(self, value):
        value = str(value)
        return value.isascii() and value.isdigit() and MIN_YEAR <= int(value) <= MAX_YEAR


class YearFacetFilter(FacetMixin, django_filters.MultipleChoiceFilter):
    """A year: of a date field (lookup_expr="year") or a year field."""

    field_class = YearField

    def year_expression(self):
        if self.lookup_expr == "year":
            return ExtractYear(self.field_name)
        return self.field_name

    def filter(self, qs, value):
        if value:
            qs = qs.filter(through_public(self.model, self.field_name))
        return super().filter(qs, value)

    def options(self, results, chosen):
        results = results.filter(through_public(self.model, self.field_name))
        rows = (
            results.order_by().values_list(self.year_expression()).annotate(facet_count=Count("pk"))
        )
        return sorted(
            ((str(year), str(year), number) for year, number in rows if year),
            reverse=True,
        )

    def labels(self, values):
        return [(str(year), str(year)) for year in values]


class LanguageFacetFilter(ChoiceFacetFilter):
    """The languages a record's text is all available in (see translation.py)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", gettext_lazy("Available in"))
        kwargs.setdefault("phrase", None)  # describe() has a phrase per language
        choices = [(code, LANGUAGE_NAMES.get(code, name)) for code, name in settings.LANGUAGES]
        super().__init__(field_name="original_language", choices=choices, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        condition = Q()
        for code in value:
            condition |= available_in(self.model, code)
        return qs.filter(condition)

    def counts(self, results):
        # One query: a count per language.
        return results.aggregate(
            **{
                code: Count("pk", filter=available_in(self.model, code))
                for code in language_codes()
            }
        )

    def describe(self, labels):
        codes = {str(name): code for code, name in self.extra["choices"]}
        return get_text_list([AVAILABLE_IN.get(codes[label], label) for label in labels])


class SearchFilter(django_filters.CharFilter):
    """Free text, matched as site search matches it, over the fields the list's content type
    declares in the registry (programme.public.search.matching)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", gettext_lazy("Search in this list"))
        kwargs.setdefault("max_length", MAX_PARAM_LENGTH)
        super().__init__(**kwargs)

    short_label = gettext_lazy("Search")

    def filter(self, qs, value):
        query, _shortened = clean_query(value)
        return matching(qs, query) if query else qs

    def describe(self, value):
        return _("matching “%(words)s”") % {"words": value}


class SortFilter(django_filters.OrderingFilter):
    """The sort order: `options` is [(parameter value, order_by field, label)].

    The first option should match the model's default ordering: it is what the form shows
    selected when the address does not choose.
    """

    def __init__(self, options, **kwargs):
        kwargs.setdefault("label", gettext_lazy("Sort by"))
        kwargs.setdefault("empty_label", None)
        fields = {field.lstrip("-"): param.lstrip("-") for param, field, _label in options}
        choices = [(param, label) for param, _field, label in options]
        super().__init__(fields=fields, choices=choices, **kwargs)

    def filter(self, qs, value):
        # The primary key breaks ties, so that no record appears on two pages.
        qs = super().filter(qs, value)
        return qs.order_by(*qs.query.order_by, "pk") if value else qs
