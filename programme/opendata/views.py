"""The open-data pages: the exports of every list and of search results, the data
dictionary, robots.txt.

The exports themselves are in columns.py (the columns) and exports.py (CSV and JSON writers).
"""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from programme import registry
from programme.opendata.columns import WEB_ADDRESS, Column
from programme.opendata.exports import (
    CSVW_FORMAT,
    FORMATS,
    Export,
    ExportSpec,
    export_response,
    export_spec,
    licence,
    registered,
)
from programme.public.highlight import every_match, match_count
from programme.public.listing import clean_params
from programme.public.search import clean_query, search_type_for
from programme.public.search_page import search_url

SEARCH_SPEC = ExportSpec(
    "search",
    "",
    _("Search results"),
    _(
        "Every match of a search (/search/export.csv?q=words), not only the first page, "
        "content type by content type, best first; with type=..., one content type."
    ),
    column_specs=(
        Column("type", _("Type"), _("What the match is: a lesson learned, a project ...")),
        Column("title", _("Title"), _("Its title (a statement's speaker, a person's name).")),
        Column("url", _("Web page"), _("Its page on the portal."), kind=WEB_ADDRESS),
        Column(
            "excerpt",
            _("Excerpt"),
            _("The passage that matches, shortened, as plain text."),
        ),
    ),
)


class SearchExport(Export):
    """Every match of a search, with the columns of SEARCH_SPEC."""

    def __init__(self, query, search_type, **kwargs):
        title = _("Search results for “%(query)s”") % {"query": query}
        super().__init__(SEARCH_SPEC, None, title=title, **kwargs)
        self.query = query
        self.search_type = search_type

    def count(self):
        return match_count(self.query, self.search_type)

    def rows(self):
        def row(match):
            search_type, record, title, excerpt = match
            return {
                "type": str(search_type.label_singular),
                "title": title,
                "url": self.absolute_url(record.get_absolute_url()),
                "excerpt": excerpt,
            }

        return self.rows_in_language(every_match(self.query, self.search_type), row)


def check_format(format):
    if format not in FORMATS:
        raise Http404(_("There is no export in this format."))


class ListExportMixin:
    """Turns a public list view (listing.FacetedListView) into its export: the same
    FilterSet, bound the same way, over the same published() records; every record, no pages.

    Filter values the list would ignore are ignored here too; the page number and any other
    parameter are ignored.
    """

    export_key = None  # the ExportSpec's key

    def get(self, request, *args, format, **kwargs):
        check_format(format)
        self.params, dropped = clean_params(request.GET)
        self.filterset, self.ignored = self.bind_filterset(dropped)
        records = self.filterset.qs
        count = records.count()
        params = self.params.copy()
        params.pop(self.page_kwarg, None)
        query = params.urlencode()
        page = request.path.rsplit("export.", 1)[0] + (f"?{query}" if query else "")
        export = Export(
            export_spec(self.export_key),
            records,
            absolute_url=request.build_absolute_uri,
            source_url=request.build_absolute_uri(page),
            # The sentence the list shows above its results: "3 lessons learned on Visas".
            title=self.summary(count, self.active_filters()),
            count=count,
        )
        return export_response(export, format, self.export_key, request, query)


def list_export(list_view, export_key):
    """The export view of a list view class."""
    export_view = type(
        f"{list_view.__name__}Export", (ListExportMixin, list_view), {"export_key": export_key}
    )
    return export_view.as_view()


@require_safe
def search_export(request, format):
    """/search/export.csv?q=words[&type=key]: what /search/ finds, every match."""
    check_format(format)
    query, _shortened = clean_query(request.GET.get("q", ""))
    search_type = search_type_for(request.GET.get("type", ""))
    query_string = search_url(query, search_type.key if search_type else "")
    page = reverse("programme:search") + query_string
    export = SearchExport(
        query,
        search_type,
        absolute_url=request.build_absolute_uri,
        source_url=request.build_absolute_uri(page),
    )
    return export_response(export, format, "search", request, query_string.lstrip("?"))


class DataDictionaryView(TemplateView):
    """/data/: every column of every export, from the specifications, and the licence."""

    template_name = "programme/data_dictionary.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        datasets = [
            {
                "spec": spec,
                "list_url": reverse(spec.list_url_name),
                "csv_url": reverse(f"{spec.list_url_name}_export", args=["csv"]),
                "json_url": reverse(f"{spec.list_url_name}_export", args=["json"]),
                "metadata_url": reverse(f"{spec.list_url_name}_export", args=[CSVW_FORMAT]),
            }
            if spec.list_url_name
            else {"spec": spec}
            for spec in [*registered(), SEARCH_SPEC]
        ]
        feeds = [
            {"title": each.plural, "url": reverse(each.feed_url_name)}
            for each in registry.registered()
            if each.feed_url_name
        ]
        context.update(datasets=datasets, licence=licence(), feeds=feeds)
        return context


@require_safe
def robots_txt(request):
    """Crawlers may read every public page; not the admin, nor the exports (copies of the
    lists, and costly). The sitemap is named with the address the request came to."""
    lines = [
        "User-agent: *",
        f"Disallow: /{settings.ADMIN_URL}",
        # Every export, in either language: /lessons/export.csv, /fr/search/export.json ...
        "Disallow: /*/export.",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
