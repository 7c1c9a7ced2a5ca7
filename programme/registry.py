"""The public content types, each declared once.

Each app registers its content types from its `AppConfig.ready()` (programme/content_types.py,
lessons/content_types.py), as Django's admin site and sitemaps framework are filled. Search,
exports and the data dictionary, feeds, sitemaps, the archive, roles, the matrix, the theme and
region pages, the country pages and facets, and the page cache's parameters read this registry;
none of them names a content type of another app.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from django.apps import apps
from django.db.models import Expression
from django.urls import resolve, reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class Search:
    """The fields searched, in the default language (their translations are searched too).
    They must match the stored documents of the search migrations (a test searches each)."""

    title_fields: tuple[str, ...]  # weigh most
    body_fields: tuple[str, ...]
    # Builds the title shown (called per search: it may depend on the active language);
    # default: the first title field in the active language.
    shown_title: Callable[[], Expression] | None = None
    # Lookups to the organisations and people whose names also find a record (a lesson's
    # stakeholders, a quote's speaker); its themes, regions (`tags`) and countries
    # (`countries`) find it too.
    through: tuple[str, ...] = ()
    # A related record shown under each result, loaded with it ("speaker": a quote's result
    # is its words, said by its speaker).
    byline: str = ""


@dataclass(frozen=True)
class ContentType:
    key: str  # in addresses (?type=lessons), file names (lessons.csv) and sitemap sections
    model_label: str  # "app_label.ModelName"
    plural: Promise
    singular: Promise
    position: int  # the order of search groups, the data dictionary and figures
    list_url_name: str = ""  # "" for a type without a list page
    description: Promise = ""  # what its export holds (the data dictionary)
    columns: tuple = ()  # the export columns (programme.opendata.exports); () for no export
    search: Search | None = None
    feed_url_name: str = ""
    # {list parameter: field} of the themes and regions it is tagged with ("region": "region"
    # for an event's one region): its records appear on the theme and region pages.
    tags: dict[str, str] = field(default_factory=dict, hash=False)
    # The lookups to the CountryFields (single or multiple) that name its countries, e.g.
    # ("countries",) or ("organisation__country",): the country pages, their sitemap entries
    # and the lists' country facet are derived from them; a record names every country any
    # of them holds.
    countries: tuple[str, ...] = ()
    in_matrix: bool = False  # counted in the theme x region matrix
    on_related_pages: bool = False  # listed on the pages of the records it links to
    figure: Callable[[int], str] | None = None  # "n lessons learned" on theme and region pages
    detail_pages: bool = True  # its records have pages of their own (the sitemap lists them)

    @property
    def model(self):
        return apps.get_model(self.model_label)

    @cached_property
    def export(self):
        """Its export specification (programme.opendata.exports), or None without columns."""
        from programme.opendata.exports import ExportSpec

        if not self.columns:
            return None
        return ExportSpec(
            self.key,
            self.model_label,
            self.plural,
            self.description,
            self.columns,
            self.position,
            self.list_url_name,
        )

    @cached_property
    def search_type(self):
        """What search needs of it (programme.public.search), or None if it is not searched."""
        from programme.public.search import SearchType

        if self.search is None:
            return None
        return SearchType(
            self.key,
            self.model_label,
            self.plural,
            self.singular,
            self.search.title_fields,
            self.search.body_fields,
            self.search.shown_title,
            tuple(self.tags.values()) + self.search.through,
            self.countries,
            self.search.byline,
        )

    @cached_property
    def list_parameters(self):
        """The query parameters its list page reads: its FilterSet's filters."""
        if not self.list_url_name:
            return frozenset()
        view = resolve(reverse(self.list_url_name)).func.view_class
        filterset = getattr(view, "filterset_class", None)
        return frozenset(filterset.base_filters if filterset else ())


CONTENT_TYPES: dict[str, ContentType] = {}


def register(*content_types):
    for content_type in content_types:
        if content_type.key in CONTENT_TYPES:
            raise ValueError(f"Content type {content_type.key!r} is registered twice")
        CONTENT_TYPES[content_type.key] = content_type


def registered():
    """Every content type, in their order."""
    return sorted(CONTENT_TYPES.values(), key=lambda content_type: content_type.position)


def get(key):
    return CONTENT_TYPES[key]


def for_model(model):
    """The content type of a model, or None."""
    label = model._meta.label
    return next((each for each in CONTENT_TYPES.values() if each.model_label == label), None)
