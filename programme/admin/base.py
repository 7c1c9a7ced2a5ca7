"""What every content admin shares; each model's admin adds only what differs.

`ContentAdmin` (every content type): change history with who and when, "view on site", a
page of deleted records that can be restored, and changelists whose number of queries does
not grow with the number of rows (`list_select_related` and `list_prefetch_related`).

Translatable fields are shown with their translations beside them, English and French side
by side on one row (`translation_fieldsets`, styled by css/admin-translations.css).

`PublishableAdmin` (types with the publication workflow) adds the status column and filter,
and the publish / send to review / unpublish actions. Every write that could change what the
public sees (form, inline, action, history revert, restore, delete) goes through the workflow
functions of programme.publishing.services, which check the user's permission themselves;
the admin only hides what the user may not use.
"""

import datetime
import functools

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import model_ngettext, unquote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Exists, OuterRef, prefetch_related_objects
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.timezone import localtime, now
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries.fields import CountryField
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from programme import registry
from programme.admin.edit_forms import (
    CountriesWidget,
    CountryWidget,
    MarkdownTextarea,
    TagForm,
    VersionCheckedForm,
    WorkflowForm,
    country_choices,
    for_user,
    zone_name,
)
from programme.markup import render_markdown
from programme.models import Status
from programme.public.search import clean_query, matching
from programme.publishing import services
from programme.translation import with_translations

# Fields of the edit form that no fieldset lists: the template places them.
FORM_EXTRAS = ("seen_version", "change_reason")


@functools.cache
def markdown_fields(model):
    """The names of model's Markdown fields (their help says "Markdown"), translations included."""
    with translation.override("en"):
        fields = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, models.TextField) and "Markdown" in str(field.help_text)
        ]
    return frozenset(with_translations(model, fields))


def shortened(text, length=28):
    """text cut to length characters, the whole of it in a tooltip."""
    if len(text) <= length:
        return text
    return format_html('<span title="{}">{}</span>', text, Truncator(text).chars(length))


def yes_no(value):
    """A true or false column in words: a red cross reads as an error."""
    return _("Yes") if value else _("No")


def change_reason(form):
    """The "what changed and why" the editor typed, or None."""
    return (form.cleaned_data.get("change_reason") or "").strip() or None


def translation_fieldsets(model, fieldsets):
    """The fieldsets with each translatable field and its translations on one row.

    A translation listed on its own (as the default fields list it) joins its field's row.
    """
    translated = getattr(model, "translated_fields", ())
    if not translated:
        return fieldsets
    rows = {field: tuple(with_translations(model, [field])) for field in translated}
    siblings = {name for row in rows.values() for name in row[1:]}
    result = []
    for name, options in fieldsets:
        fields = [
            rows.get(field, field) if isinstance(field, str) else field
            for field in options["fields"]
            if field not in siblings
        ]
        options = {**options, "fields": fields}
        if any(field in rows.values() for field in fields):
            options["classes"] = (*options.get("classes", ()), "translated")
        result.append((name, options))
    return result


class HistoryChanges(HistoricalRecordContextHelper):
    """The history's list of changes with an empty value as a dash and times in the site's
    time zone, not "None" and a UTC timestamp."""

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        if value is None or value == "":
            return "–"
        if isinstance(value, datetime.datetime):
            return date_format(localtime(value), "DATETIME_FORMAT")
        return value


class PrefetchingChangeList(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        # Many-to-many columns (themes, regions) cost one query per page, not one per row.
        return queryset.prefetch_related(*self.model_admin.list_prefetch_related)


class ContentAdmin(SimpleHistoryAdmin):
    form = VersionCheckedForm
    change_form_template = "admin/content_change_form.html"
    object_history_form_template = "admin/content_history_form.html"
    list_prefetch_related = ()
    # An address typed without a scheme ("www.example.org") gets https://, as Django 6 will.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    change_list_template = "admin/content_change_list.html"
    deleted_records_template = "admin/deleted_records.html"
    # Foreign keys a record's name (str) reads, fetched once for a whole list of records.
    name_related = ()

    def get_changelist(self, request, **kwargs):
        return PrefetchingChangeList

    def get_form(self, request, obj=None, change=False, **kwargs):
        return for_user(super().get_form(request, obj, change, **kwargs), request.user)

    def save_form(self, request, form, change):
        # Also the save of a history revert. One historical record per save, with the links
        # the form saves after the record: django-simple-history would otherwise write one
        # when the record is saved (with its old links) and one more for each list of links
        # the form changes, each a copy of every link table, all with the same reason.
        obj = super().save_form(request, form, change)
        obj.skip_history_when_saving = True
        save_m2m = form.save_m2m

        def save_m2m_then_history():
            save_m2m()
            del obj.skip_history_when_saving
            services.write_history(obj, created=not change)

        form.save_m2m = save_m2m_then_history
        return obj

    def save_model(self, request, obj, form, change):
        services.save(request.user, obj, reason=change_reason(form))

    def save_formset(self, request, form, formset, change):
        for obj in formset.save(commit=False):
            services.save(request.user, obj)
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()

    def get_fieldsets(self, request, obj=None):
        return translation_fieldsets(self.model, super().get_fieldsets(request, obj))

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, CountryField):
            if db_field.multiple:
                kwargs.update(widget=CountriesWidget, choices=country_choices)
            else:
                blank = [("", "---------")] if db_field.blank else []
                kwargs.update(widget=CountryWidget, choices=lambda: [*blank, *country_choices()])
        if db_field.name in markdown_fields(self.model):
            kwargs["widget"] = MarkdownTextarea(self.preview_url())
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "published_at" and formfield is not None:
            formfield.label = _("Publication time (%(zone)s)") % {"zone": zone_name()}
            formfield.help_text = _(
                "In %(zone)s. Leave empty to publish now; a later time schedules it."
            ) % {"zone": zone_name()}
        return formfield

    def preview_url(self):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_markdown_preview")

    def markdown_preview_view(self, request):
        """The Markdown fields of the form, or the one whose Preview button was pressed,
        rendered by the public pages' renderer and sanitiser (programme.markup)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        pressed = request.POST.get("_preview", "")
        names = markdown_fields(self.model)
        wanted = [pressed] if pressed.rpartition("-")[2] in names else sorted(names)
        previews = []
        for name in wanted:
            field = self.opts.get_field(name.rpartition("-")[2])
            previews.append((field.verbose_name, render_markdown(request.POST.get(name, ""))))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Preview"),
            "opts": self.opts,
            "previews": previews,
        }
        return TemplateResponse(request, "admin/markdown_preview.html", context)

    def get_search_fields(self, request):
        return (*self.search_fields, "slug")

    def get_search_results(self, request, queryset, search_term):
        """What the public site's search finds (the same function over the same fields, drafts
        included), and what the admin's own fields find (addresses, related names)."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        content_type = registry.for_model(self.model)
        query, _shortened = clean_query(search_term)
        if query and content_type and content_type.search:
            found = matching(self.model._default_manager.all(), query).values("pk")
            results = results | queryset.filter(pk__in=found)
        return results, may_have_duplicates

    # Columns shared by several models; each admin lists the ones it has.
    @admin.display(description=gettext_lazy("themes"))
    def theme_names(self, obj):
        return shortened(", ".join(theme.name for theme in obj.themes.all()))

    @admin.display(description=gettext_lazy("last changed"), ordering="updated_at")
    def changed_column(self, obj):
        return date_format(localtime(obj.updated_at), "SHORT_DATE_FORMAT")

    class Media:
        css = {"all": ["css/admin-translations.css", "css/admin-lists.css"]}

    def get_historical_record_context_helper(self, request, historical_record):
        return HistoryChanges(self.model, historical_record)

    def history_view(self, request, object_id, extra_context=None):
        # django-simple-history looks the record up by the address as typed, so a malformed
        # one ("1/change") failed with a server error where Django's own views say not found.
        try:
            self.opts.pk.to_python(unquote(object_id))
        except ValidationError:
            raise Http404 from None
        return super().history_view(request, object_id, extra_context)

    # History: reverting to an earlier version is a change like any other.
    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST" and not self.has_revert_permission(request, object_id):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def has_revert_permission(self, request, object_id):
        current = self.get_object(request, unquote(object_id))
        if current is None:  # reverting a deleted record brings it back
            return self.has_add_permission(request)
        return self.has_change_permission(request, current)

    # Deleted records: simple-history keeps each record's last state when it is deleted,
    # with its many-to-many links (m2m_fields); services.restore brings it back.
    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "markdown-preview/",
                self.admin_site.admin_view(self.markdown_preview_view),
                name="{}_{}_markdown_preview".format(*info),
            ),
            path(
                "deleted/",
                self.admin_site.admin_view(self.deleted_view),
                name="{}_{}_deleted".format(*info),
            ),
            path(
                "deleted/<int:history_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name="{}_{}_restore".format(*info),
            ),
            *super().get_urls(),
        ]

    def deleted_records(self):
        """The last historical record of each record that is deleted now, newest first."""
        return (
            self.model.history.latest_of_each()
            .filter(history_type="-")
            .select_related("history_user")
            .order_by("-history_date")
        )

    def has_restore_permission(self, request, obj):
        return self.has_add_permission(request) and services.may_restore(request.user, obj)

    def deleted_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("Deleted %(items)s") % {"items": self.opts.verbose_name_plural},
            "opts": self.opts,
            "records": self.named_records(self.deleted_records()),
            "can_restore": self.has_restore_permission(request, None),
        }
        return TemplateResponse(request, self.deleted_records_template, context)

    def named_records(self, records):
        """The historical records, each with its `deleted_object` to name it by, the foreign
        keys its name reads fetched in one query each."""
        records = list(records)
        for record in records:
            record.deleted_object = record.instance
        prefetch_related_objects([record.deleted_object for record in records], *self.name_related)
        return records

    def restore_view(self, request, history_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        record = get_object_or_404(self.deleted_records(), history_id=history_id)
        obj = record.instance
        if not self.has_restore_permission(request, obj):
            raise PermissionDenied
        try:
            # Another record may have taken its slug, or a record it points to may be gone.
            obj = services.restore(request.user, record)
        except ValidationError as error:
            self.message_user(
                request,
                _("“%(obj)s” cannot be restored: %(reasons)s")
                % {"obj": obj, "reasons": " ".join(error.messages)},
                messages.ERROR,
            )
            return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_deleted")
        self.log_addition(request, obj, [{"added": {}}])
        self.message_user(
            request,
            _("“%(obj)s” was restored with the links it had when it was deleted.") % {"obj": obj},
            messages.SUCCESS,
        )
        return redirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk])
        )


class PublishableInline:
    """An inline of records with a publishing workflow of their own: edited here, published
    and deleted on their own pages (deleting here would bypass the rules on published
    records). Saved through the workflow functions by ContentAdmin.save_formset."""

    form = WorkflowForm
    readonly_fields = ("status",)
    extra = 0
    show_change_link = True
    can_delete = False

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = for_user(formset.form, request.user)
        return formset


class PublishableAdmin(ContentAdmin):
    date_hierarchy = "published_at"
    history_list_display = ["status"]
    actions = ["publish", "send_to_review", "unpublish", "add_tags"]

    publishing_fields = ("slug", "status", "published_at", "sources")

    @property
    def status_field_name(self):
        return str(self.opts.get_field("status").verbose_name)

    def get_list_display(self, request):
        # A 1280 px screen shows every column: the status first, then the record's few columns
        # (its name first, clamped to two lines by css/admin-lists.css), then the last change.
        return ("status_column", *self.list_display, "changed_column")

    def get_list_display_links(self, request, list_display):
        return self.list_display[:1]

    def get_queryset(self, request):
        # Whether the public sees each record, by the one rule, in the list's own query.
        shown = self.model._default_manager.published().filter(pk=OuterRef("pk"))
        return super().get_queryset(request).annotate(public_now=Exists(shown))

    def get_list_filter(self, request):
        return ("status", *self.list_filter)

    def get_autocomplete_fields(self, request):
        return ("sources", *self.autocomplete_fields)

    def get_fieldsets(self, request, obj=None):
        publishing = (
            _("Publishing"),
            {
                "fields": self.publishing_fields,
                "description": _(
                    "The page address, and whether and when the public sees this record."
                ),
            },
        )
        fieldsets = self.fieldsets or [
            (
                None,
                {
                    "fields": [
                        f
                        for f in self.get_fields(request, obj)
                        if f not in (*self.publishing_fields, *FORM_EXTRAS)
                    ]
                },
            )
        ]
        # Whether and when it is public comes first: what an editor checks on opening a record.
        return translation_fieldsets(self.model, [publishing, *fieldsets])

    def status(self, record):
        """The status column of the history page, which is headed by this method's name."""
        return record.get_status_display()

    def status_label(self, obj):
        """(kind, words) of obj's status as the public sees it; the kind names the colour."""
        if obj.status != Status.PUBLISHED:
            return obj.status, obj.get_status_display()
        if obj.public_now:
            return "published", obj.get_status_display()
        if obj.published_at > now():
            when = date_format(localtime(obj.published_at), "SHORT_DATETIME_FORMAT")
            return "scheduled", _("Scheduled for %(when)s") % {"when": when}
        return "hidden", _("Published, not shown: a record it depends on is not public")

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def status_column(self, obj):
        kind, words = self.status_label(obj)
        return format_html('<span class="status-label status-{}">{}</span>', kind, words)

    # The workflow buttons beside Save (templates/admin/submit_line.html): each saves the form
    # and takes one step of the workflow, through the workflow functions.
    WORKFLOW_STEPS = {
        "_send_to_review": (services.send_to_review, gettext_lazy("“%(obj)s” was sent to review.")),
        "_publish": (services.publish, gettext_lazy("“%(obj)s” was published.")),
        "_send_back": (services.send_back, gettext_lazy("“%(obj)s” was sent back to its editor.")),
    }

    def workflow_buttons(self, request, obj):
        status = obj.status if obj is not None else Status.DRAFT
        publisher = self.has_publish_permission(request)
        return {
            "send_to_review": status == Status.DRAFT,
            "publish": publisher and status != Status.PUBLISHED,
            "send_back": publisher and status == Status.REVIEW,
            "preview_url": obj.get_absolute_url() if obj is not None and obj.pk else "",
        }

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["workflow"] = self.workflow_buttons(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        step = next((name for name in self.WORKFLOW_STEPS if name in request.POST), None)
        if step is None:
            return super().save_model(request, obj, form, change)
        take, message = self.WORKFLOW_STEPS[step]
        # The step saves the form's changes too, as one change with the reason typed; it
        # refuses (PermissionDenied, the whole save undone) what this user may not do.
        take(request.user, obj, change_reason(form))
        self.message_user(request, message % {"obj": obj}, messages.SUCCESS)

    # Who may publish: the workflow functions decide; the admin hides what they would refuse.
    def has_publish_permission(self, request, obj=None):
        return services.can_publish(request.user, self.model)

    def is_published_out_of_reach(self, request, obj):
        """True when obj is published and this user may not publish."""
        return (
            obj is not None
            and obj.status == Status.PUBLISHED
            and not self.has_publish_permission(request)
        )

    def has_delete_permission(self, request, obj=None):
        if not services.may_delete(request.user, obj):
            return False
        return super().has_delete_permission(request, obj)

    def delete_model(self, request, obj):
        services.delete(request.user, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                services.delete(request.user, obj)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not self.has_publish_permission(request):
            kwargs["choices"] = [(v, label) for v, label in Status.choices if v != Status.PUBLISHED]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if self.is_published_out_of_reach(request, obj):
            # Editors may correct a published record, not take it off the public site.
            readonly = (*readonly, "status", "published_at")
        return readonly

    # Actions.
    def change_status(self, request, queryset, status, change, message):
        changed = refused = 0
        # One save per record, so that each keeps a revision and a log entry.
        for obj in queryset.exclude(status=status):
            try:
                change(request.user, obj)
            except PermissionDenied:
                refused += 1
                continue
            self.log_change(request, obj, [{"changed": {"fields": [self.status_field_name]}}])
            changed += 1
        if refused:
            self.message_user(
                request,
                _(
                    "%(count)d published %(items)s left as they are: only publishers can "
                    "take a record off the public site."
                )
                % {"count": refused, "items": model_ngettext(self.opts, refused)},
                messages.WARNING,
            )
        self.message_user(
            request,
            message % {"count": changed, "items": model_ngettext(self.opts, changed)},
            messages.SUCCESS if changed else messages.WARNING,
        )

    @admin.action(description=gettext_lazy("Publish the selected records"), permissions=["publish"])
    def publish(self, request, queryset):
        self.change_status(
            request,
            queryset,
            Status.PUBLISHED,
            services.publish,
            _("%(count)d %(items)s published."),
        )

    @admin.action(
        description=gettext_lazy("Unpublish the selected records (back to draft)"),
        permissions=["publish"],
    )
    def unpublish(self, request, queryset):
        self.change_status(
            request,
            queryset,
            Status.DRAFT,
            services.unpublish,
            _("%(count)d %(items)s unpublished."),
        )

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not TagForm(self.model).fields:
            actions.pop("add_tags", None)
        return actions

    @admin.action(
        description=gettext_lazy("Add a theme, region or country to the selected records"),
        permissions=["change"],
    )
    def add_tags(self, request, queryset):
        """Asks which tags on a page of its own, then adds them to each record the user may
        tag (services.may_tag: Editors not to published records)."""
        applying = "apply" in request.POST
        form = TagForm(self.model, request.POST if applying else None)
        if applying and form.is_valid():
            tagged = refused = 0
            for obj in queryset:
                try:
                    services.add_tags(request.user, obj, **form.tags())
                except PermissionDenied:
                    refused += 1
                    continue
                self.log_change(request, obj, _("Tagged"))
                tagged += 1
            if refused:
                self.message_user(
                    request,
                    _(
                        "%(count)d published %(items)s left as they are: only publishers can "
                        "tag a published record."
                    )
                    % {"count": refused, "items": model_ngettext(self.opts, refused)},
                    messages.WARNING,
                )
            self.message_user(
                request,
                _("%(count)d %(items)s tagged.")
                % {"count": tagged, "items": model_ngettext(self.opts, tagged)},
                messages.SUCCESS if tagged else messages.WARNING,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Add a theme, region or country"),
            "opts": self.opts,
            "form": form,
            "records": queryset,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "select_across": request.POST.get("select_across", "0"),
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/add_tags.html", context)

    @admin.action(
        description=gettext_lazy("Send the selected records to review"), permissions=["change"]
    )
    def send_to_review(self, request, queryset):
        self.change_status(
            request,
            queryset,
            Status.REVIEW,
            services.send_to_review,
            _("%(count)d %(items)s sent to review."),
        )
