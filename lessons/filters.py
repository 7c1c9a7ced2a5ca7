"""The filters of the lists of lessons learned and good practices."""

import django_filters
from django.utils.translation import gettext_lazy as _

from programme.public.facets import LanguageFacetFilter, SearchFilter, SortFilter, YearFacetFilter
from programme.public.filters import country_filter, region_filter, theme_filter

from .models import GoodPractice, Lesson


def presented_in_filter():
    return YearFacetFilter(
        field_name="event__date",
        lookup_expr="year",
        label=_("Year presented"),
        phrase=_("presented in %(values)s"),
    )


def knowledge_sort():
    return SortFilter(
        [("title", "title", _("Title")), ("-added", "-published_at", _("Newest first"))]
    )


class LessonFilter(django_filters.FilterSet):
    q = SearchFilter()
    theme = theme_filter()
    region = region_filter()
    country = country_filter()
    year = presented_in_filter()
    available = LanguageFacetFilter()
    sort = knowledge_sort()

    class Meta:
        model = Lesson
        fields = []


class GoodPracticeFilter(django_filters.FilterSet):
    q = SearchFilter()
    theme = theme_filter()
    region = region_filter()
    country = country_filter()
    year = presented_in_filter()
    available = LanguageFacetFilter()
    sort = knowledge_sort()

    class Meta:
        model = GoodPractice
        fields = []
