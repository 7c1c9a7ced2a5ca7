"""The public list and detail pages of the programme's records."""

import logging

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from programme.markup import render_plaintext
from programme.models import (
    Event,
    Organisation,
    Person,
    Project,
    Publication,
    Statement,
)
from programme.public.filters import (
    EventFilter,
    OrganisationFilter,
    PersonFilter,
    ProjectFilter,
    PublicationFilter,
)
from programme.public.listing import FacetedListView, PublicDetailView
from programme.public.selectors import (
    published,
    published_knowledge,
    published_organisations,
    quoted,
)

logger = logging.getLogger(__name__)


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
            published_organisations("hosts"),
            published("speakers", Person),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.object
        statements = event.statements.all()
        context.update(
            statements=statements,
            # Those the sources name as speakers, then those quoted.
            speakers=list(
                {
                    **{person.pk: person for person in event.speakers.all()},
                    **{s.speaker_id: s.speaker for s in statements},
                }.values()
            ),
            project=event.project,
            related=Event.objects.published().exclude(pk=event.pk)[:4],
        )
        return context

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
        if event.end_date:
            data["endDate"] = event.end_date.isoformat()
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
            published("authors", Person),
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
