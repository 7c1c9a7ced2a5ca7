import logging
from types import SimpleNamespace
from urllib.parse import urlencode

from django.db import DatabaseError, connection
from django.db.models import Count, Prefetch, Sum
from django.http import JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView, TemplateView

from . import registry
from .filters import (
    EventFilter,
    OrganisationFilter,
    PersonFilter,
    ProjectFilter,
    PublicationFilter,
)
from .listing import FacetedListView, PublicDetailView
from .markup import render_plaintext
from .models import (
    Event,
    Organisation,
    Person,
    Programme,
    Project,
    Publication,
    Region,
    Statement,
    Theme,
)
from .selectors import (
    published,
    published_count,
    published_knowledge,
    published_organisations,
    quoted,
)
from .translation import translate

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
        # Numbers the sources give without names, e.g. "15 non-State actors" supported.
        beneficiaries = (
            Project.objects.published()
            .exclude(beneficiary_count=None)
            .exclude(beneficiary_description="", beneficiary_description_fr="")
            .order_by()
            .values("beneficiary_description", "beneficiary_description_fr")
            .annotate(total=Sum("beneficiary_count"))
        )
        featured = ("-featured", "-published_at", "title")
        context.update(
            figures=figures(),
            beneficiaries=[
                {
                    "number": row["total"],
                    "label": translate(SimpleNamespace(**row), "beneficiary_description"),
                }
                for row in beneficiaries
            ],
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
        context.update(programme=programme, components=components)
        return context


class ProjectListView(FacetedListView):
    model = Project
    filterset_class = ProjectFilter
    template_name = "programme/project_list.html"
    heading = _("Projects")
    count_text = ngettext_lazy("%(count)s project", "%(count)s projects", "count")

    def with_related(self, queryset):
        return queryset.prefetch_related("themes", "regions")


class ProjectDetailView(PublicDetailView):
    model = Project
    template_name = "programme/project_detail.html"

    def with_related(self, queryset):
        return queryset.select_related("programme").prefetch_related(
            "themes",
            "regions",
            published_organisations("requesting_organisations"),
            published_organisations("implementing_organisations"),
            published("events", Event),
            published("publications", Publication),
            *published_knowledge(self.model),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project = self.object
        context.update(
            programme=project.programme,
            related=self.others(kind=project.kind),
        )
        return context

    def get_citation(self):
        project = self.object
        organisations = project.implementing_organisations.all()
        return {
            "title": project.translated("title"),
            "organisation": ", ".join(str(o) for o in organisations) or None,
            "year": project.start_date.year if project.start_date else None,
        }

    def get_structured_data(self):
        project = self.object
        return {
            "@type": "Project",
            "name": str(project),
            "description": render_plaintext(project.translated("summary")),
            "areaServed": [str(region) for region in project.regions.all()],
        }


class OrganisationListView(FacetedListView):
    model = Organisation
    filterset_class = OrganisationFilter
    template_name = "programme/organisation_list.html"
    heading = _("Stakeholders")
    intro = _("The organisations that requested, implemented, supported or took part in the work.")
    count_text = ngettext_lazy("%(count)s stakeholder", "%(count)s stakeholders", "count")


class OrganisationDetailView(PublicDetailView):
    model = Organisation
    template_name = "programme/organisation_detail.html"

    def with_related(self, queryset):
        return queryset.prefetch_related(
            published_organisations("parent"),
            published_organisations("units"),
            published("people", Person),
            published("requested_projects", Project),
            published("implemented_projects", Project),
            published("events", Event),
            published("publications", Publication),
            *published_knowledge(self.model),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organisation = self.object
        projects = {
            *organisation.requested_projects.all(),
            *organisation.implemented_projects.all(),
        }
        context.update(
            parent=organisation.parent,
            projects=sorted(projects, key=str),
            statements=quoted(
                Statement.objects.published().filter(speaker__organisation=organisation)
            ),
            related=self.others(kind=organisation.kind),
        )
        return context

    def get_structured_data(self):
        return org_ld(self.object)


class PersonListView(FacetedListView):
    model = Person
    filterset_class = PersonFilter
    template_name = "programme/person_list.html"
    heading = _("People")
    intro = _("The people who spoke for the programme and its partners, as the sources name them.")
    count_text = ngettext_lazy("%(count)s person", "%(count)s people", "count")

    def with_related(self, queryset):
        return queryset.prefetch_related(published_organisations("organisation"))


class PersonDetailView(PublicDetailView):
    model = Person
    template_name = "programme/person_detail.html"

    def with_related(self, queryset):
        return queryset.prefetch_related(
            published_organisations("organisation"),
            Prefetch("statements", queryset=quoted(Statement.objects.published())),
            *published_knowledge(self.model),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.object
        organisation = person.organisation
        context.update(
            organisation=organisation,
            related=self.others(organisation=organisation) if organisation else [],
        )
        return context

    def get_citation(self):
        person = self.object
        return {"title": str(person), "organisation": person.organisation, "year": None}

    def get_structured_data(self):
        person = self.object
        data = {"@type": "Person", "name": person.name, "jobTitle": person.translated("role")}
        if person.honorific:
            data["honorificPrefix"] = person.honorific
        if person.organisation:
            data["worksFor"] = org_ld(person.organisation)
        return data


class EventListView(FacetedListView):
    model = Event
    filterset_class = EventFilter
    template_name = "programme/event_list.html"
    heading = _("Events")
    count_text = ngettext_lazy("%(count)s event", "%(count)s events", "count")

    def with_related(self, queryset):
        return queryset.select_related("region").prefetch_related("themes")


class EventDetailView(PublicDetailView):
    model = Event
    template_name = "programme/event_detail.html"

    def with_related(self, queryset):
        statements = quoted(Statement.objects.published()).order_by("order", "pk")
        return queryset.select_related("region").prefetch_related(
            "themes",
            published("project", Project),
            Prefetch("statements", queryset=statements),
            *published_knowledge(self.model),
            published_organisations("participating_organisations"),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.object
        statements = event.statements.all()
        context.update(
            statements=statements,
            speakers=list({s.speaker_id: s.speaker for s in statements}.values()),
            project=event.project,
            related=Event.objects.published().exclude(pk=event.pk)[:4],
        )
        return context

    def get_citation(self):
        event = self.object
        return {
            "title": event.translated("title"),
            "organisation": None,
            "year": event.date.year if event.date else None,
        }

    def get_structured_data(self):
        event = self.object
        data = {
            "@type": "Event",
            "name": str(event),
            "description": render_plaintext(event.translated("description")),
            "eventStatus": "https://schema.org/EventScheduled",
            "performer": [person_ld(s) for s in self.object.statements.all()],
        }
        if event.date:
            data["startDate"] = event.date.isoformat()
        if event.city or event.country:
            data["location"] = {
                "@type": "Place",
                "address": {
                    "@type": "PostalAddress",
                    "addressLocality": event.city,
                    "addressCountry": event.country.code or "",
                },
            }
        return data


class StatementDetailView(PublicDetailView):
    model = Statement
    template_name = "programme/statement_detail.html"

    def with_related(self, queryset):
        return quoted(queryset).prefetch_related("themes", *published_knowledge(self.model))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        statement = self.object
        event = statement.event
        context.update(
            speaker=statement.speaker,
            organisation=statement.speaker.organisation,
            event=event,
            related=quoted(Statement.objects.published().filter(event=event)).exclude(
                pk=statement.pk
            )
            if event
            else [],
        )
        return context

    def get_citation(self):
        statement = self.object
        event = statement.event
        return {
            "title": gettext("Statement by %(speaker)s") % {"speaker": statement.speaker},
            "organisation": None,
            "year": event.date.year if event and event.date else None,
        }

    def get_structured_data(self):
        statement = self.object
        return {
            "@type": "Quotation",
            "text": statement.translated("text"),
            "creator": person_ld(statement),
        }


class PublicationListView(FacetedListView):
    model = Publication
    filterset_class = PublicationFilter
    template_name = "programme/publication_list.html"
    heading = _("Publications")
    count_text = ngettext_lazy("%(count)s publication", "%(count)s publications", "count")

    def with_related(self, queryset):
        return queryset.prefetch_related("themes")


class PublicationDetailView(PublicDetailView):
    model = Publication
    template_name = "programme/publication_detail.html"

    def with_related(self, queryset):
        return queryset.prefetch_related(
            published_organisations("publisher"),
            published("project", Project),
            "themes",
            "regions",
            *published_knowledge(self.model),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        publication = self.object
        context.update(
            publisher=publication.publisher,
            project=publication.project,
            related=self.others(kind=publication.kind),
        )
        return context

    def get_citation(self):
        publication = self.object
        return {
            "title": publication.translated("title"),
            "organisation": publication.publisher_name or publication.publisher,
            "year": publication.year,
        }

    def get_structured_data(self):
        publication = self.object
        data = {
            "@type": "Report" if publication.kind == Publication.Kind.REPORT else "CreativeWork",
            "name": str(publication),
            "description": render_plaintext(publication.translated("summary")),
            "inLanguage": publication.language,
        }
        if publication.year:
            data["datePublished"] = str(publication.year)
        if publication.date:
            data["datePublished"] = publication.date.isoformat()
        publisher = publication.publisher
        if publisher or publication.publisher_name:
            data["publisher"] = org_ld(publisher) if publisher else publication.publisher_name
        return data


def figures():
    """The home page's figures: how many published records of each content type that has one."""
    figures = []
    for content_type in registry.registered():
        if content_type.figure:
            number = content_type.model._default_manager.published().count()
            if number:
                url = reverse(content_type.list_url_name)
                figures.append({"number": number, "label": content_type.figure(number), "url": url})
    return figures


def tagged_types(parameter):
    """The content types tagged with themes ("theme") or regions ("region"), with the field."""
    return [
        (content_type, content_type.tags[parameter])
        for content_type in registry.registered()
        if parameter in content_type.tags
    ]


def tagged_counts(parameter):
    """{content type key: count} annotations of the published records tagged with the outer
    theme or region."""
    return {
        count_name(content_type): published_count(content_type.model, field)
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
        for tag in context["object_list"]:
            tag.figures = [
                f"{number} {content_type.figure(number)}"
                for content_type, _field in tagged_types(self.parameter)
                if content_type.figure
                for number in [getattr(tag, count_name(content_type))]
            ]
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
        return self.model.objects.annotate(**tagged_counts(self.parameter))

    def section(self, content_type, field):
        query = urlencode({self.parameter: self.object.slug})
        published = content_type.model._default_manager.published()
        return {
            "id": content_type.key,
            "heading": content_type.plural,
            "items": published.filter(**{field: self.object})[: self.SHOWN],
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
            sections=sections,
            has_records=any(section["count"] for section in sections),
            statements=quoted(Statement.objects.published().filter(**self.statement_filter()))[
                : self.SHOWN
            ],
            kind_label=self.kind_label,
            index_url=reverse(self.index_name),
            permanent_url=url,
            citation={
                "title": tag.translated("name"),
                "organisation": None,
                "year": None,
                "url": url,
                "accessed": timezone.localdate(),
            },
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

    def statement_filter(self):
        return {"themes": self.object}


class RegionDetailView(TaggedDetailView):
    model = Region
    kind_label = _("Region")
    index_name = "programme:region_list"
    parameter = "region"

    def statement_filter(self):
        return {"event__region": self.object}


class MatrixView(TemplateView):
    """Themes down, regions across: how many records of each content type counted in the
    matrix (lessons, practices and projects) in each cell."""

    template_name = "programme/matrix.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        themes, regions = list(Theme.objects.all()), list(Region.objects.all())
        kinds = [each for each in registry.registered() if each.in_matrix]
        counts = {}
        for kind in kinds:
            rows = (
                kind.model._default_manager.published()
                .order_by()
                .values_list("themes", "regions")
                .annotate(number=Count("pk", distinct=True))
            )
            counts[kind.key] = {(theme, region): number for theme, region, number in rows}
        context["regions"] = regions
        context["rows"] = [
            {
                "theme": theme,
                "cells": [
                    {
                        "region": region,
                        "counts": [
                            {
                                "key": kind.key,
                                "number": number,
                                "label": kind.figure(number),
                                "url": f"{reverse(kind.list_url_name)}?"
                                + urlencode({"theme": theme.slug, "region": region.slug}),
                            }
                            for kind in kinds
                            for number in [counts[kind.key].get((theme.pk, region.pk), 0)]
                        ],
                    }
                    for region in regions
                ],
            }
            for theme in themes
        ]
        return context


def org_ld(organisation):
    data = {"@type": "Organization", "name": str(organisation.translated("name"))}
    if organisation.acronym:
        data["alternateName"] = organisation.acronym
    if organisation.website:
        data["sameAs"] = organisation.website
    return data


def person_ld(statement):
    speaker = statement.speaker
    return {"@type": "Person", "name": speaker.name, "jobTitle": str(speaker.translated("role"))}
