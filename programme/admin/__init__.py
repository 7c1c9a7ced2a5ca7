"""The staff side of the programme's content. Shared behaviour lives in admin_base."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminFileWidget
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter

from programme.admin.base import ContentAdmin, PublishableAdmin, PublishableInline, yes_no
from programme.admin.edit_forms import language_choices
from programme.models import (
    Event,
    KeyFigure,
    Milestone,
    Organisation,
    Person,
    Programme,
    Project,
    Publication,
    Region,
    Source,
    SourceVersion,
    Statement,
    Theme,
)

admin.site.site_header = _("ACP-EU Migration Action portal")
admin.site.site_title = _("ACP-EU Migration Action portal")
admin.site.index_title = _("Content")


@admin.register(Region)
class RegionAdmin(ContentAdmin):
    fields = ("original_language", "name", "slug", "parent", "order", "description", "sources")
    autocomplete_fields = ("sources",)
    list_display = ("name", "order", "updated_at")
    list_editable = ("order",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Theme)
class ThemeAdmin(ContentAdmin):
    fields = ("original_language", "name", "slug", "description", "sources")
    autocomplete_fields = ("sources",)
    list_display = ("name", "updated_at")
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Source)
class SourceAdmin(ContentAdmin):
    fields = ("url", "original_language", "site", "title", "date", "read_on")
    list_display = ("site", "url", "date", "read_on")
    search_fields = ("url", "site", "title")


@admin.register(SourceVersion)
class SourceVersionAdmin(ContentAdmin):
    fields = (
        "content_type",
        "object_slug",
        "original_language",
        "topic",
        "text",
        "source",
        "order",
    )
    list_display = ("topic", "text", "object_slug", "source")
    list_filter = ("content_type",)
    search_fields = ("topic", "text", "object_slug")
    autocomplete_fields = ("source",)


@admin.register(KeyFigure)
class KeyFigureAdmin(ContentAdmin):
    fields = ("original_language", "value", "label", "reported", "slug", "order", "sources")
    list_display = ("value", "label", "reported", "order")
    search_fields = ("label", "value")
    autocomplete_fields = ("sources",)


@admin.register(Milestone)
class MilestoneAdmin(ContentAdmin):
    fields = ("original_language", "year", "month", "day", "title", "slug", "sources")
    list_display = ("title", "year", "month", "day")
    search_fields = ("title",)
    autocomplete_fields = ("sources",)


class PersonInline(PublishableInline, admin.TabularInline):
    """People are edited with their organisation; their full record has its own page."""

    model = Person
    fields = ("name", "honorific", "role", "slug", "status")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Organisation)
class OrganisationAdmin(PublishableAdmin):
    list_display = ("name", "acronym", "kind")
    list_filter = ("kind", ("country", CountryFilter))
    search_fields = ("name", "acronym")
    autocomplete_fields = ("parent",)
    prepopulated_fields = {"slug": ("name",)}
    inlines = [PersonInline]


@admin.register(Person)
class PersonAdmin(PublishableAdmin):
    list_display = ("name", "role", "organisation")
    list_filter = ("organisation__kind",)
    list_select_related = ("organisation",)
    search_fields = ("name", "role", "organisation__name", "organisation__acronym")
    autocomplete_fields = ("organisation",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Programme)
class ProgrammeAdmin(PublishableAdmin):
    list_display = ("name", "acronym", "start_year", "end_year")
    list_filter = ("regions",)
    search_fields = ("name", "acronym", "summary")
    autocomplete_fields = ("funders", "implementers", "supporters", "regions")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Project)
class ProjectAdmin(PublishableAdmin):
    list_display = ("title", "kind", "start_date")
    list_filter = ("kind", "project_status", "themes", "regions", ("countries", CountryFilter))
    date_hierarchy = "start_date"
    search_fields = ("title", "summary", "results", "iati_identifier")
    autocomplete_fields = (
        "themes",
        "regions",
        "requesting_organisations",
        "implementing_organisations",
    )
    prepopulated_fields = {"slug": ("title",)}


class StatementInline(PublishableInline, admin.StackedInline):
    """An event's statements, in the order they were made."""

    model = Statement
    fields = ("order", "speaker", "original_language", ("text", "text_fr"), "slug", "status")
    autocomplete_fields = ("speaker",)
    prepopulated_fields = {"slug": ("text",)}
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3})}}

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("speaker")


@admin.register(Event)
class EventAdmin(PublishableAdmin):
    list_display = ("title", "kind", "date")
    list_filter = ("kind", "region", "themes", ("country", CountryFilter))
    date_hierarchy = "date"
    search_fields = ("title", "city", "audience", "description")
    autocomplete_fields = (
        "project",
        "region",
        "themes",
        "hosts",
        "speakers",
        "participating_organisations",
    )
    prepopulated_fields = {"slug": ("title",)}
    inlines = [StatementInline]


@admin.register(Statement)
class StatementAdmin(PublishableAdmin):
    list_display = ("words", "speaker", "event")
    list_filter = ("themes",)
    search_fields = ("text", "speaker__name", "event__title")
    autocomplete_fields = ("speaker", "event", "themes")
    prepopulated_fields = {"slug": ("text",)}
    name_related = ("speaker",)

    def get_queryset(self, request):
        # A statement's name includes its speaker's: needed by every list and autocomplete.
        return super().get_queryset(request).select_related(*self.name_related, "event")

    @admin.display(description=_("words"), ordering="text")
    def words(self, obj):
        return obj.text if len(obj.text) <= 80 else obj.text[:77] + "..."


class StoredFile:
    """A stored file as the file widget shows it, linked to the download view."""

    def __init__(self, name, url):
        self.name, self.url = name, url

    def __str__(self):
        return self.name


class DownloadViewFileWidget(AdminFileWidget):
    """Links the current file to the download view: nothing serves /media/ directly."""

    download_url = None

    def format_value(self, value):
        value = super().format_value(value)
        if value and self.download_url:
            return StoredFile(value.name, self.download_url)
        return value


@admin.register(Publication)
class PublicationAdmin(PublishableAdmin):
    list_display = ("title", "kind", "year", "has_file")
    list_filter = ("kind", "year", "language", "themes", "regions")
    date_hierarchy = "date"
    search_fields = ("title", "summary", "publisher_name", "publisher__name")
    autocomplete_fields = ("project", "publisher", "authors", "themes", "regions")
    prepopulated_fields = {"slug": ("title",)}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "language":
            # A choice, not a code to remember; a stored code outside the list stays offered.
            kwargs["widget"] = forms.Select(choices=language_choices())
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        language = form.base_fields.get("language")
        if obj is not None and language is not None:
            language.widget.choices = language_choices(obj.language)
        field = form.base_fields.get("file")
        if obj is not None and obj.file and field is not None:
            field.widget = DownloadViewFileWidget()
            field.widget.download_url = reverse("programme:publication_file", args=[obj.slug])
        return form

    @admin.display(description=_("file attached"))
    def has_file(self, obj):
        return yes_no(obj.file)
