"""The site search page (/search/): a group of results per content type, or one paginated type."""

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from programme.limits import MAX_PAGE
from programme.limits import MAX_PARAM_LENGTH as MAX_QUERY_LENGTH
from programme.models import Theme
from programme.public.best_bets import best_bets
from programme.public.highlight import (
    _highlight,
)
from programme.public.search import (
    PER_PAGE,
    PER_TYPE,
    SearchType,
    clean_query,
    search_queryset,
    search_type_for,
    search_types,
)


def search_url(query, type_key="", page=1):
    """The query string of a search page, from the cleaned query, never the raw input."""
    params = {"q": query}
    if type_key:
        params["type"] = type_key
    if page > 1:
        params["page"] = page
    return "?" + urlencode(params)


@dataclass
class Group:
    type: SearchType
    results: list
    total: int
    more_url: str = ""


def _group(search_type, query, offset, limit):
    results = list(search_queryset(search_type, query)[offset : offset + limit])
    total = results[0].search_total if results else 0
    more_url = search_url(query, search_type.key) if total > len(results) else ""
    return Group(search_type, _highlight(results, query, search_type), total, more_url)


def _page_number(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    if number > MAX_PAGE:
        raise Http404(_("There is no such page of results."))
    return max(number, 1)


@require_safe
def search(request):
    """/search/?q=words[&type=key][&page=n]: every public content type, or one, paginated."""
    query, shortened = clean_query(request.GET.get("q", ""))
    search_type = search_type_for(request.GET.get("type", ""))
    searchable = re.search(r"\w", query) is not None
    groups, page, previous_url, next_url, bets = [], None, "", "", []
    if searchable and search_type:
        number = _page_number(request.GET.get("page"))
        group = _group(search_type, query, (number - 1) * PER_PAGE, PER_PAGE)
        if number > 1 and not group.results:
            raise Http404(_("There is no such page of results."))
        groups = [group]
        # The total came with the rows; Paginator only does the page arithmetic.
        page = Paginator(range(group.total), PER_PAGE).get_page(number)
        if page.has_previous():
            previous_url = search_url(query, search_type.key, page.previous_page_number())
        if page.has_next():
            next_url = search_url(query, search_type.key, page.next_page_number())
    elif searchable:
        groups = [_group(each, query, 0, PER_TYPE) for each in search_types()]
        bets = best_bets(query)
    groups = [group for group in groups if group.results]
    total = sum(group.total for group in groups)
    return render(
        request,
        "programme/search.html",
        {
            "query": query,
            "shortened": shortened,
            "max_query_length": MAX_QUERY_LENGTH,
            "search_types": search_types(),
            "search_type": search_type,
            "groups": groups,
            "best_bets": bets,
            "total": total,
            "page": page,
            "previous_url": previous_url,
            "next_url": next_url,
            "all_url": search_url(query),
            # Every match, not this page: the exports' query string.
            "export_query": search_url(query, search_type.key if search_type else ""),
            # Suggestions when there is nothing to show.
            "themes": [] if total else list(Theme.objects.all()),
        },
    )
