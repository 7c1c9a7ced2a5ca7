"""The staff side of lessons learned and good practices."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter

from programme.admin.base import PublishableAdmin, yes_no
from programme.models import Statement

from .models import GoodPractice, Lesson

WHERE_IT_APPLIES = (
    _("Where it applies"),
    {"fields": ("themes", "regions", "countries", "stakeholders", "people", "projects")},
)
WHERE_IT_CAME_FROM = (
    _("Where it came from"),
    {
        "fields": ("event", "statements", "publications"),
        "description": _("The event, the quotations and the documents it can be traced to."),
    },
)


class KnowledgeAdmin(PublishableAdmin):
    list_display = ("title", "featured_column", "theme_names")
    list_filter = ("featured", "themes", "regions", ("countries", CountryFilter))
    list_prefetch_related = ("themes",)
    search_fields = ("title",)
    autocomplete_fields = (
        "themes",
        "regions",
        "stakeholders",
        "people",
        "projects",
        "event",
        "statements",
        "publications",
    )
    prepopulated_fields = {"slug": ("title",)}

    @admin.display(description=_("featured"), ordering="featured")
    def featured_column(self, obj):
        return yes_no(obj.featured)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "statements":
            # A statement's name includes its speaker's; one query for all of them.
            kwargs["queryset"] = Statement.objects.select_related("speaker")
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Lesson)
class LessonAdmin(KnowledgeAdmin):
    search_fields = ("title", "takeaway", "context", "recommendation")
    fieldsets = [
        (
            None,
            {
                "fields": (
                    "original_language",
                    "title",
                    "takeaway",
                    "context",
                    "recommendation",
                    "featured",
                )
            },
        ),
        WHERE_IT_APPLIES,
        WHERE_IT_CAME_FROM,
    ]


@admin.register(GoodPractice)
class GoodPracticeAdmin(KnowledgeAdmin):
    search_fields = ("title", "summary", "challenge", "approach", "results")
    fieldsets = [
        (
            None,
            {
                "fields": (
                    "original_language",
                    "title",
                    "summary",
                    "challenge",
                    "approach",
                    "results",
                    "replicability",
                    "featured",
                )
            },
        ),
        WHERE_IT_APPLIES,
        WHERE_IT_CAME_FROM,
    ]
