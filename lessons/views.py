"""Public pages of lessons learned and good practices."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from programme.markup import render_plaintext
from programme.models import Event, Person, Project, Publication, Statement
from programme.public.listing import FacetedListView, PublicDetailView
from programme.public.records import org_ld, person_ld
from programme.public.selectors import published, published_organisations, quoted

from .filters import GoodPracticeFilter, LessonFilter
from .models import GoodPractice, Lesson


class KnowledgeListView(FacetedListView):
    def with_related(self, queryset):
        return queryset.prefetch_related("themes", "regions")


class LessonListView(KnowledgeListView):
    model = Lesson
    filterset_class = LessonFilter
    template_name = "lessons/lesson_list.html"
    heading = _("Lessons learned")
    intro = _("What the programme learned, each with where it came from.")
    count_text = ngettext_lazy("%(count)s lesson learned", "%(count)s lessons learned", "count")


class GoodPracticeListView(KnowledgeListView):
    model = GoodPractice
    filterset_class = GoodPracticeFilter
    template_name = "lessons/goodpractice_list.html"
    heading = _("Good practices")
    intro = _("What worked, and where it could be repeated.")
    count_text = ngettext_lazy("%(count)s good practice", "%(count)s good practices", "count")


class KnowledgeDetailView(PublicDetailView):
    """A lesson or a good practice with its provenance: event, statements, publications."""

    RELATED = 3

    def with_related(self, queryset):
        publications = Publication.objects.published().prefetch_related(
            published_organisations("publisher")
        )
        return queryset.prefetch_related(
            published("event", Event),
            "themes",
            "regions",
            published_organisations("stakeholders"),
            published("people", Person),
            published("projects", Project),
            Prefetch("statements", queryset=quoted(Statement.objects.published())),
            Prefetch("publications", queryset=publications),
        )

    def related(self, model):
        """Other published records that share a theme with this one."""
        themes = [theme.pk for theme in self.object.themes.all()]
        queryset = model.objects.published().filter(themes__in=themes).distinct()
        if model is self.model:
            queryset = queryset.exclude(pk=self.object.pk)
        return queryset[: self.RELATED]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            event=self.object.event,
            related_lessons=self.related(Lesson),
            related_practices=self.related(GoodPractice),
        )
        return context

    def get_structured_data(self):
        knowledge = self.object
        data = {
            "@type": "CreativeWork",
            "name": str(knowledge),
            "description": self.description(),
            "about": [str(theme) for theme in knowledge.themes.all()],
            "spatialCoverage": [str(region) for region in knowledge.regions.all()],
            "citation": [str(p) for p in knowledge.publications.all()],
            "contributor": [org_ld(o) for o in knowledge.stakeholders.all()],
            "isBasedOn": [
                {"@type": "Quotation", "text": str(s.translated("text")), "creator": person_ld(s)}
                for s in knowledge.statements.all()
            ],
        }
        if knowledge.published_at:
            data["datePublished"] = knowledge.published_at.date().isoformat()
        return data


class LessonDetailView(KnowledgeDetailView):
    model = Lesson
    template_name = "lessons/lesson_detail.html"

    def description(self):
        lesson = self.object
        return str(lesson.translated("takeaway")) or render_plaintext(lesson.translated("context"))


class GoodPracticeDetailView(KnowledgeDetailView):
    model = GoodPractice
    template_name = "lessons/goodpractice_detail.html"

    def description(self):
        practice = self.object
        return str(practice.translated("summary")) or render_plaintext(
            practice.translated("approach")
        )
