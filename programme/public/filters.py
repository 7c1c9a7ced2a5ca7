"""The filters of the programme's public lists (django-filter FilterSets)."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from programme.models import Event, Organisation, Person, Project, Publication, Region, Theme
from programme.public.facets import (
    ChoiceFacetFilter,
    CountryFacetFilter,
    LanguageFacetFilter,
    ModelFacetFilter,
    RegionFacetFilter,
    SearchFilter,
    SortFilter,
    YearFacetFilter,
)


def theme_filter():
    return ModelFacetFilter(
        "themes", queryset=Theme.objects.all(), label=_("Theme"), phrase=_("on %(values)s")
    )


def region_filter(relation="regions"):
    return RegionFacetFilter(
        relation,
        queryset=Region.objects.all(),
        label=_("Region"),
        phrase=ngettext_lazy("in the %(values)s region", "in the %(values)s regions", "count"),
    )


def country_filter():
    """The countries its records name, through its content type's country paths."""
    return CountryFacetFilter(label=_("Country"), phrase=_("in %(values)s"))


def kind_filter(model, label=None):
    return ChoiceFacetFilter(
        field_name="kind",
        choices=model.Kind.choices,
        label=label or _("Kind"),
        phrase=_("of the kind %(values)s"),
    )


class ProjectFilter(django_filters.FilterSet):
    q = SearchFilter()
    theme = theme_filter()
    region = region_filter()
    country = country_filter()
    kind = ChoiceFacetFilter(
        field_name="kind",
        choices=Project.Kind.choices,
        label=_("Component"),
        phrase=_("in the component %(values)s"),
    )
    year = YearFacetFilter(
        field_name="start_date",
        lookup_expr="year",
        label=_("Started in"),
        phrase=_("started in %(values)s"),
    )
    available = LanguageFacetFilter()
    sort = SortFilter(
        [("title", "title", _("Title")), ("-start", "-start_date", _("Most recent first"))]
    )

    class Meta:
        model = Project
        fields = []


class OrganisationFilter(django_filters.FilterSet):
    q = SearchFilter()
    kind = kind_filter(Organisation)
    country = country_filter()
    available = LanguageFacetFilter()
    sort = SortFilter([("name", "name", _("Name")), ("-added", "-published_at", _("Newest first"))])

    class Meta:
        model = Organisation
        fields = []


class PersonFilter(django_filters.FilterSet):
    q = SearchFilter()
    country = country_filter()
    organisation = ModelFacetFilter(
        "organisation",
        # A callable: published() reads the clock, so it is evaluated per request.
        queryset=lambda request: Organisation.objects.published(),
        label=_("Organisation"),
        phrase=_("at %(values)s"),
        hide_empty=True,  # hundreds of organisations, most with no one listed
    )
    available = LanguageFacetFilter()
    sort = SortFilter([("name", "name", _("Name")), ("-added", "-published_at", _("Newest first"))])

    class Meta:
        model = Person
        fields = []


class EventFilter(django_filters.FilterSet):
    q = SearchFilter()
    theme = theme_filter()
    region = region_filter("region")
    country = country_filter()
    kind = kind_filter(Event)
    year = YearFacetFilter(
        field_name="date", lookup_expr="year", label=_("Year"), phrase=_("in %(values)s")
    )
    available = LanguageFacetFilter()
    sort = SortFilter(
        [
            ("-date", "-date", _("Most recent first")),
            ("date", "date", _("Oldest first")),
            ("title", "title", _("Title")),
        ]
    )

    class Meta:
        model = Event
        fields = []


class PublicationFilter(django_filters.FilterSet):
    q = SearchFilter()
    theme = theme_filter()
    region = region_filter()
    country = country_filter()
    kind = kind_filter(Publication)
    year = YearFacetFilter(field_name="year", label=_("Year"), phrase=_("from %(values)s"))
    available = LanguageFacetFilter()
    sort = SortFilter([("-year", "-year", _("Most recent first")), ("title", "title", _("Title"))])

    class Meta:
        model = Publication
        fields = []
