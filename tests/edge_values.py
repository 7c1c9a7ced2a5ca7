"""Edge values for numbers, dates and codes, and every public address that reads a query string.

The addresses and their parameters come from the URLconf and the FilterSets, so a list, an
export, a feed or a filter added later is tried without anyone adding it here.
"""

from django.contrib.syndication.views import Feed
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from programme.public.listing import FacetedListView

EDGE_VALUES = [
    "",
    "0",
    "0000",
    "-1",
    "1e5",
    "NaN",
    "2019.0",
    "2019-02-30",
    "99999999999999999999",
    "٢٠١٩",  # Arabic-Indic digits: str.isdigit() says yes, int() reads 2019
    "\x00",
    "x" * 5000,
]
# /search/ and its exports are function views: their parameters are named here.
SEARCH_PARAMETERS = ["q", "type", "page"]
SEARCH_VIEWS = {"programme:search", "programme:search_export"}


def _patterns(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _patterns(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def _parameters(pattern, name):
    """The query parameters a public view reads, or None if it reads none."""
    view_class = getattr(pattern.callback, "view_class", None)
    if view_class and issubclass(view_class, FacetedListView):  # a list or its export
        return [*view_class.filterset_class.base_filters, view_class.page_kwarg]
    feed = getattr(pattern.callback, "__wrapped__", pattern.callback)
    if isinstance(feed, Feed) and hasattr(feed, "list_views"):
        names = {"page"}
        for list_view in feed.list_views:
            names.update(list_view.filterset_class.base_filters)
        return sorted(names)
    if name in SEARCH_VIEWS:
        return SEARCH_PARAMETERS
    return None


def addresses_with_parameters(records):
    """[(address, [parameter names])] for every public address that reads its query string.

    `records` is tests.linked.build_linked's result: a theme's and a region's slug for the
    addresses that need one.
    """
    found = []
    for name, pattern in _patterns():
        parameters = _parameters(pattern, name)
        if parameters is None:
            continue
        arguments = set(pattern.pattern.regex.groupindex)
        kwargs_sets = [{}]
        if "format" in arguments:
            kwargs_sets = [{"format": "csv"}, {"format": "json"}]
        elif "slug" in arguments:
            kwargs_sets = [{"slug": records[pattern.default_args["tag"]].slug}]
        found += [(reverse(name, kwargs=kwargs), parameters) for kwargs in kwargs_sets]
    return found
