"""What every public list and detail page shares.

- Facet filters (programme/public/facets.py): django-filter filters that also count how many
  results each of their values would give with the other filters applied.
- `FacetedListView`: a list of published records, filtered by a FilterSet, with facets, a
  sentence that says what is shown, links that remove each active filter, and pagination.
- `PublicDetailView`: one record, 404 for the public unless published; staff may preview.

Bad input never breaks a page: values with a NUL byte or longer than any real value are
dropped, filters whose values are not understood are ignored and named on the page, a page
number that is not a number is ignored, and a page that does not exist is a 404. The limits
(lengths, years, pages) are those of limits.py.
"""

import django_filters
from django.core.paginator import InvalidPage
from django.http import Http404, QueryDict
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from programme.limits import MAX_PAGE, MAX_PARAM_LENGTH
from programme.models import SourceVersion
from programme.public.citations import citation_for
from programme.public.facets import (
    FacetMixin,
    SearchFilter,
)


def clean_params(query):
    """The query without values nobody could mean; also returns the names that lost some."""
    clean = QueryDict(mutable=True)
    dropped = set()
    for key, values in query.lists():
        if "\x00" in key or len(key) > MAX_PARAM_LENGTH:
            continue
        kept = [value for value in values if "\x00" not in value and len(value) <= MAX_PARAM_LENGTH]
        if len(kept) < len(values):
            dropped.add(key)
        if kept:
            clean.setlist(key, kept)
    return clean, dropped


class FacetedListView(ListView):
    """A public list: published records, filtered, counted by facet, paginated."""

    filterset_class = None
    paginate_by = 20
    template_name = "list.html"
    # ngettext_lazy("%(count)s thing", "%(count)s things", "count")
    count_text = None
    heading = None
    intro = ""

    def get(self, request, *args, **kwargs):
        self.params, dropped = clean_params(request.GET)
        self.filterset, self.ignored = self.bind_filterset(dropped)
        return super().get(request, *args, **kwargs)

    def published(self):
        """What the public may see, before any filter."""
        return self.model.objects.published()

    def with_related(self, queryset):
        """Add what the cards show (select_related / prefetch_related)."""
        return queryset

    def bind_filterset(self, dropped):
        filterset = self.filterset_class(
            self.params, queryset=self.published(), request=self.request
        )
        ignored = {name for name in filterset.filters if name in dropped}
        if not filterset.is_valid():
            ignored |= set(filterset.errors)
            for name in filterset.errors:
                self.params.pop(name, None)
            filterset = self.filterset_class(
                self.params, queryset=self.published(), request=self.request
            )
            filterset.is_valid()
        return filterset, ignored

    def get_queryset(self):
        return self.with_related(self.filterset.qs)

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        try:
            number = int(self.params.get(self.page_kwarg, 1))
        except ValueError:
            number = 1  # not a page number: ignored
        if number > MAX_PAGE:  # not counted: no list has so many pages
            raise Http404(_("There is no page %(number)s in this list.") % {"number": number})
        try:
            page = paginator.page(number)
        except InvalidPage as error:
            raise Http404(
                _("There is no page %(number)s in this list.") % {"number": number}
            ) from error
        return paginator, page, page.object_list, page.has_other_pages()

    def filtered_except(self, excluded):
        """The published records with every active filter applied except `excluded`."""
        queryset = self.published()
        for name, value in self.filterset.form.cleaned_data.items():
            filter_ = self.filterset.filters[name]
            if name != excluded and not isinstance(filter_, django_filters.OrderingFilter):
                queryset = filter_.filter(queryset, value)
        return queryset

    def active_filters(self):
        """[(filter name, filter, [(value, label)])] for every filter in use.

        Facets come in the FilterSet's order; the words searched for come last, so the
        sentence reads "2 good practices on Visas in the Pacific region matching “fees”".
        """
        facets, searches = [], []
        for name, value in self.filterset.form.cleaned_data.items():
            filter_ = self.filterset.filters[name]
            if not value:
                continue
            if isinstance(filter_, FacetMixin):
                facets.append((name, filter_, filter_.labels(value)))
            elif isinstance(filter_, SearchFilter):
                searches.append((name, filter_, [(value, value)]))
        return facets + searches

    def facets(self, active):
        selected = {name: {str(value) for value, _label in labels} for name, _f, labels in active}
        facets = []
        for name, filter_ in self.filterset.filters.items():
            if not isinstance(filter_, FacetMixin):
                continue
            chosen = selected.get(name, set())
            options = []
            for value, label, number in filter_.options(self.filtered_except(name), chosen):
                is_selected = value in chosen
                if number or is_selected or not filter_.hide_empty:
                    options.append(
                        {
                            "value": value,
                            "label": label,
                            "count": number,
                            "selected": is_selected,
                            "disabled": not number and not is_selected,
                        }
                    )
            # A facet none of whose values would give a result says nothing: leave it out.
            if any(not option["disabled"] for option in options):
                facets.append({"name": name, "label": filter_.label, "options": options})
        return facets

    def remove_url(self, name, value):
        """This page without one filter value (and back on page one)."""
        # Free text has one value, perhaps typed with spaces around it or more than once.
        single = isinstance(self.filterset.filters[name], SearchFilter)
        params = QueryDict(mutable=True)
        for key, values in self.params.lists():
            if key == name:
                values = [] if single else [v for v in values if v != str(value)]
            if values and key != self.page_kwarg:
                params.setlist(key, values)
        return f"?{params.urlencode()}" if params else self.request.path

    def phrases(self, active):
        """What each active filter adds to a sentence about the list ("on Visas" ...)."""
        return [
            str(filter_.describe([label for _value, label in labels]))
            if isinstance(filter_, FacetMixin)
            else str(filter_.describe(labels[0][1]))
            for _name, filter_, labels in active
        ]

    def summary(self, count, active):
        return " ".join([str(self.count_text % {"count": count}), *self.phrases(active)])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        active = self.active_filters()
        form = self.filterset.form
        page = context["page_obj"]
        context.update(
            page_range=page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            heading=self.heading,
            intro=self.intro,
            params=self.params,
            filter_form=form,
            search_field=next(
                (
                    form[name]
                    for name, f in self.filterset.filters.items()
                    if isinstance(f, SearchFilter)
                ),
                None,
            ),
            sort_field=next(
                (
                    form[name]
                    for name, f in self.filterset.filters.items()
                    if isinstance(f, django_filters.OrderingFilter)
                ),
                None,
            ),
            facets=self.facets(active),
            summary=self.summary(context["paginator"].count, active),
            removals=[
                {
                    "label": format_lazy("{}: {}", filter_.short_label, label),
                    "url": self.remove_url(name, value),
                }
                for name, filter_, labels in active
                for value, label in labels
            ],
            ignored=sorted(
                str(self.filterset.filters[name].label)
                for name in self.ignored
                if name in self.filterset.filters
            ),
        )
        return context


def cited(record):
    """What the sources block of a page shows (templates/includes/sources.html): the record's
    sources (prefetched) and every source's version of the facts they disagree on."""
    return {"sources": record.sources.all(), "versions": SourceVersion.of(record)}


def shown_to(request, model):
    """The records of `model` a request may open: staff preview drafts and scheduled records
    (pages say so with a banner); everyone else gets the published() rule."""
    manager = model._default_manager
    return manager.all() if request.user.is_staff else manager.published()


class PublicDetailView(DetailView):
    """One published record; staff also see drafts and scheduled records, with a banner.

    A related record reached through a foreign key is loaded with `selectors.published()`,
    so that it is None on the page unless it is public.
    """

    def get_queryset(self):
        # Every record shows its sources: one query for all of them.
        return self.with_related(shown_to(self.request, self.model)).prefetch_related("sources")

    def with_related(self, queryset):
        return queryset

    def others(self, **filters):
        """Up to four other published records of this type that share `filters`."""
        return self.model.objects.published().filter(**filters).exclude(pk=self.object.pk)[:4]

    def get_structured_data(self):
        return {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        url = self.request.build_absolute_uri(self.object.get_absolute_url())
        structured = {
            "@context": "https://schema.org",
            "url": url,
            **self.get_structured_data(),
        }
        context.update(
            # Only staff can be shown a record that is not public: nobody else asks.
            is_preview=self.request.user.is_staff and not self.object.is_public,
            permanent_url=url,
            # The day a reader's citation says the page was read.
            accessed=timezone.localdate(),
            # Citable records only (citations.py): the box, the meta tags and the files.
            scholarly=citation_for(self.object, self.request),
            structured_data=structured,
            **cited(self.object),
        )
        return context
