"""Countries: which public records name a country, read from the country paths each content
type declares in the registry (`ContentType.countries`). The country pages, their sitemap
entries and the lists' country facet all come from here.

A path ends in a django-countries CountryField, single ("JM") or multiple (stored "BB,JM"),
perhaps through a relation ("organisation__country"); a country named through a record that
is not public (a person's hidden organisation) is not named at all.
"""

from collections import Counter

from django.db.models import Case, CharField, Count, F, Q, Value, When, Window
from django_countries import countries

from programme import registry


def country_field(model, path):
    """The CountryField at the end of `path`."""
    *steps, last = path.split("__")
    for step in steps:
        model = model._meta.get_field(step).related_model
    return model._meta.get_field(last)


def public_condition(model, path):
    # Imported here: facets imports this module.
    from programme.public.facets import through_public

    return through_public(model, path)


def naming(model, paths, codes):
    """The condition that a record names one of `codes` (upper-case ISO codes) through one
    of `paths`, each through public records only."""
    condition = Q()
    for path in paths:
        if country_field(model, path).multiple:
            # Codes have two letters and are comma-separated: a two-letter substring can only
            # match a whole code.
            named = Q()
            for code in codes:
                named |= Q(**{f"{path}__contains": code})
        else:
            named = Q(**{f"{path}__in": list(codes)})
        condition |= named & public_condition(model, path)
    return condition


def counts(queryset, paths):
    """{code: how many records of `queryset` name it}: one aggregate query, each record
    counted once under each country it names, whatever the number of paths naming it."""
    model = queryset.model
    columns = {}
    for number, path in enumerate(paths):
        named = Q(**{f"{path}__isnull": False}) & public_condition(model, path)
        columns[f"country_{number}"] = Case(
            When(named, then=F(path)), default=Value(""), output_field=CharField()
        )
    rows = (
        queryset.order_by()
        .annotate(**columns)
        .values_list(*columns)
        .annotate(facet_count=Count("pk"))
    )
    counter = Counter()
    for *stored, number in rows:
        named = {code for codes in stored for code in (codes or "").split(",") if code}
        for code in named:
            counter[code] += number
    return counter


def located_types():
    """The content types whose records name countries."""
    return [each for each in registry.registered() if each.countries]


def named_countries():
    """[(code, name, [(content type, number)])] of every country a public record names, by
    name: one query per content type with country paths."""
    per_type = {
        content_type.key: counts(
            content_type.model._default_manager.published(), content_type.countries
        )
        for content_type in located_types()
    }
    codes = {code for counter in per_type.values() for code in counter}
    # django-countries lists the countries by their name in the active language.
    return [
        (
            code,
            name,
            [
                (content_type, per_type[content_type.key][code])
                for content_type in located_types()
                if per_type[content_type.key][code]
            ],
        )
        for code, name in countries
        if code in codes
    ]


def records_naming(content_type, code, limit):
    """The first `limit` published records of a content type that name `code`, each with the
    number of all of them (`total`, a window count: one query)."""
    model = content_type.model
    queryset = (
        model._default_manager.published()
        .filter(naming(model, content_type.countries, [code]))
        .annotate(total=Window(Count("pk")))
    )
    if content_type.search and content_type.search.byline:
        # A statement is named by its speaker (the registry's byline).
        queryset = queryset.select_related(content_type.search.byline)
    return list(queryset[:limit])
