"""The public pages that are not records: home, about, theme and region pages, the matrix."""

import logging
from collections import defaultdict
from math import ceil
from urllib.parse import urlencode

from django.db import DatabaseError, connection
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView, TemplateView

from programme import registry
from programme.markup import render_plaintext
from programme.models import (
    Event,
    KeyFigure,
    Milestone,
    Programme,
    Project,
    Region,
    Statement,
    Theme,
)
from programme.public import tilemap
from programme.public.countries import named_countries
from programme.public.listing import cited
from programme.public.selectors import (
    published,
    published_count,
    published_organisations,
    quoted,
)

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    """For load balancers and monitors: ok only when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.error("Health check failed: database unreachable: %s", error)
        return JsonResponse({"status": "error", "reason": "database unreachable"}, status=503)
    return JsonResponse({"status": "ok"})


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico on pages (the admin's) that do not name an icon."""
    return redirect(static("img/favicon.svg"), permanent=True)


# Public pages ---------------------------------------------------------------------------------


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        Lesson = registry.get("lessons").model
        GoodPractice = registry.get("good-practices").model
        closing_event = (
            Event.objects.published()
            .filter(kind=Event.Kind.CLOSING)
            .select_related("region")
            .order_by("-date")
            .first()
        )
        featured = ("-featured", "-published_at", "title")
        milestones = list(Milestone.objects.all())
        if closing_event and closing_event.date:
            # From the Dialogue's first step to the closing event; About gives them all.
            milestones = [each for each in milestones if each.when <= closing_event.date]
        context.update(
            country_map=tilemap.tiles(),
            milestones=milestones,
            # The programme's figures as its sources reported them, not counts of the
            # portal's own records.
            key_figures=KeyFigure.objects.prefetch_related("sources"),
            closing_event=closing_event,
            practices=GoodPractice.objects.published()
            .prefetch_related("themes", "regions")
            .order_by(*featured)[:3],
            lessons=Lesson.objects.published()
            .prefetch_related("themes", "regions")
            .order_by(*featured)[:3],
            quote=quoted(Statement.objects.published())
            .order_by("-event__date", "event", "order", "pk")
            .first(),
        )
        return context


class AboutView(TemplateView):
    template_name = "programme/about.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programme = (
            Programme.objects.published()
            .prefetch_related(
                published_organisations("funders"),
                published_organisations("implementers"),
                published_organisations("supporters"),
                "regions",
                "sources",
                published("projects", Project),
            )
            .order_by("-start_year", "pk")
            .first()
        )
        components = []
        if programme:
            # The programme's components are its projects grouped by kind, in the kinds' order.
            projects = programme.projects.all()
            for kind, label in Project.Kind.choices:
                members = [project for project in projects if project.kind == kind]
                if members:
                    components.append({"kind": kind, "label": label, "projects": members})
        context.update(
            programme=programme,
            components=components,
            milestones=Milestone.objects.prefetch_related("sources"),
            **(cited(programme) if programme else {}),
        )
        return context


def tagged_types(parameter):
    """The content types tagged with themes ("theme") or regions ("region"), with the field."""
    return [
        (content_type, content_type.tags[parameter])
        for content_type in registry.registered()
        if parameter in content_type.tags
    ]


def tagged_counts(parameter):
    """{content type key: count} annotations of the published records tagged with the outer
    theme or region (or a region inside that region)."""
    return {
        count_name(content_type): published_count(
            content_type.model, field, inside=parameter == "region"
        )
        for content_type, field in tagged_types(parameter)
    }


def count_name(content_type):
    return f"count_{content_type.model._meta.model_name}"


class TagListView(ListView):
    """The index of themes or regions, each with what is published about it."""

    template_name = "programme/tag_list.html"
    parameter = None  # "theme" or "region"
    heading = None
    intro = None

    def get_queryset(self):
        return self.model.objects.annotate(**tagged_counts(self.parameter))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(heading=self.heading, intro=self.intro, **kwargs)
        counted = [each for each, _field in tagged_types(self.parameter) if each.figure]
        for tag in context["object_list"]:
            numbers = [(each, getattr(tag, count_name(each))) for each in counted]
            tag.figures = [f"{number} {each.figure(number)}" for each, number in numbers]
        return context


class ThemeListView(TagListView):
    model = Theme
    parameter = "theme"
    heading = _("Themes")
    intro = _("The migration topics the programme worked on.")


class RegionListView(TagListView):
    model = Region
    parameter = "region"
    heading = _("Regions")
    intro = _("The regions of the African, Caribbean and Pacific countries the programme served.")

    def get_context_data(self, **kwargs):
        # The regions inside another are listed under it (the same query: no region is more
        # than two deep).
        context = super().get_context_data(**kwargs)
        regions = list(context["object_list"])
        for region in regions:
            region.inside = [each for each in regions if each.parent_id == region.pk]
        context["object_list"] = [region for region in regions if region.parent_id is None]
        return context


class TaggedDetailView(DetailView):
    """A theme or a region: everything published that is tagged with it.

    Each kind of content shows its first SHOWN records and links to the list filtered by
    this theme or region, which shows them all.
    """

    SHOWN = 6
    template_name = "programme/tagged_detail.html"
    kind_label = None
    index_name = None
    parameter = None  # the parameter of the lists: "theme" or "region"

    def get_queryset(self):
        return self.model.objects.annotate(**tagged_counts(self.parameter)).prefetch_related(
            "sources"
        )

    def section(self, content_type, field):
        query = urlencode({self.parameter: self.object.slug})
        model = content_type.model
        tagged = model._default_manager.filter(self.tagged(field)).values("pk")
        return {
            "id": content_type.key,
            "heading": content_type.plural,
            "items": model._default_manager.published().filter(pk__in=tagged)[: self.SHOWN],
            "count": getattr(self.object, count_name(content_type)),
            "url": f"{reverse(content_type.list_url_name)}?{query}",
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tag = self.object
        url = self.request.build_absolute_uri(tag.get_absolute_url())
        sections = [
            self.section(content_type, field)
            for content_type, field in tagged_types(self.parameter)
        ]
        context.update(
            **cited(tag),
            sections=sections,
            has_records=any(section["count"] for section in sections),
            statements=quoted(
                Statement.objects.published().filter(self.tagged(self.statement_field))
            )[: self.SHOWN],
            kind_label=self.kind_label,
            index_url=reverse(self.index_name),
            permanent_url=url,
            structured_data={
                "@context": "https://schema.org",
                "@type": "CollectionPage",
                "name": str(tag),
                "url": url,
                "description": render_plaintext(tag.translated("description")),
            },
        )
        return context


class ThemeDetailView(TaggedDetailView):
    model = Theme
    kind_label = _("Theme")
    index_name = "programme:theme_list"
    parameter = "theme"

    statement_field = "themes"

    def tagged(self, field):
        return Q(**{field: self.object})


class RegionDetailView(TaggedDetailView):
    model = Region
    kind_label = _("Region")
    index_name = "programme:region_list"
    parameter = "region"

    statement_field = "event__region"

    def get_queryset(self):
        return super().get_queryset().select_related("parent").prefetch_related("subregions")

    def tagged(self, field):
        """Tagged with the region or with a region inside it."""
        return Q(**{field: self.object}) | Q(**{f"{field}__parent": self.object})

    def countries(self):
        """The countries in the region (or in a region inside it) that public records name,
        by name, each with its page. Which region a country lies in is the map's table
        (programme.public.tilemap), keyed by the regions' slugs; the records are those of
        every content type, as on the country pages."""
        slugs = {self.object.slug, *(each.slug for each in self.object.subregions.all())}
        return [
            {
                "code": code,
                "name": name,
                "url": reverse("programme:country_detail", args=[code.lower()]),
            }
            for code, name, _found in named_countries()
            if tilemap.POSITIONS.get(code, (None, None, None))[2] in slugs
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            parent=self.object.parent,
            inside=self.object.subregions.all(),
            countries=self.countries(),
            **kwargs,
        )


class MatrixView(TemplateView):
    """Themes down, regions across: how many records of each content type counted in the
    matrix (lessons, practices and projects) in each cell, with a column for the records that
    name no region (they concern them all, or none in particular), the totals of each row and
    column, and a shade for each cell by how many records it counts."""

    template_name = "programme/matrix.html"
    SHADES = 4  # cells with records are shaded in this many steps

    def collect(self, kind):
        """{key: {pk}} of one content type's published records: one query. A record counts
        once in each cell it falls in ("cell", theme, region), in its row ("row", theme), its
        columns ("column", region) and the whole ("all",). A region's cell also counts the
        records of the regions inside it, as the list its cell links to finds them; region
        None holds the records that name no region."""
        found = defaultdict(set)
        pairs = (
            kind.model._default_manager.published()
            .order_by()
            .values_list("pk", "themes", "regions", "regions__parent")
        )
        for pk, theme, region, parent in pairs:
            if theme is None:  # not in any row
                continue
            found["row", theme].add(pk)
            found["all",].add(pk)
            for each in {region, parent} if parent else {region}:
                found["cell", theme, each].add(pk)
                found["column", each].add(pk)
        return found

    def counts(self, kinds, found, key, query):
        """The numbers of one cell, each kind's linking to its list filtered by `query`
        (None: no list to link to); a cell with nothing links nowhere."""
        return [
            {
                "key": kind.key,
                "number": number,
                "label": kind.figure(number),
                "url": reverse(kind.list_url_name) + (f"?{urlencode(query)}" if query else "")
                if number and query is not None
                else "",
            }
            for kind in kinds
            for number in [len(found[kind.key].get(key, ()))]
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        themes, regions = list(Theme.objects.all()), list(Region.objects.all())
        kinds = [each for each in registry.registered() if each.in_matrix]
        found = {kind.key: self.collect(kind) for kind in kinds}

        def cell(key, query, **extra):
            counts = self.counts(kinds, found, key, query)
            return {"counts": counts, "total": sum(c["number"] for c in counts), **extra}

        rows = [
            {
                "theme": theme,
                "cells": [
                    cell(
                        ("cell", theme.pk, region.pk),
                        {"theme": theme.slug, "region": region.slug},
                        region=region,
                    )
                    for region in regions
                ],
                "nowhere": cell(("cell", theme.pk, None), None),
                "total": cell(("row", theme.pk), {"theme": theme.slug}),
            }
            for theme in themes
        ]
        highest = max(
            (each["total"] for row in rows for each in [*row["cells"], row["nowhere"]]),
            default=0,
        )
        for row in rows:
            for each in [*row["cells"], row["nowhere"]]:
                each["shade"] = ceil(each["total"] * self.SHADES / highest) if highest else 0
        context.update(
            regions=regions,
            rows=rows,
            column_totals=[
                cell(("column", region.pk), {"region": region.slug}, region=region)
                for region in regions
            ],
            nowhere_total=cell(("column", None), None),
            grand_total=cell(("all",), {}),
            shades=range(1, self.SHADES + 1),
        )
        return context
