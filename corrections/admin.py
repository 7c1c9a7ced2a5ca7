from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from corrections import services
from corrections.models import Correction


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Correction
        fields = ("status", "editor_note")

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("status") == Correction.Status.DECLINED
            and not cleaned.get("editor_note", "").strip()
        ):
            self.add_error("editor_note", _("Say why the correction is declined."))
        return cleaned


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    """Editors read what readers sent (always as text) and accept or decline it."""

    form = DecisionForm
    list_display = ("created", "record_title", "short_text", "status", "has_email")
    list_filter = ("status", "content_type")
    list_select_related = ("content_type",)
    search_fields = ("record_title", "what_is_wrong", "source")
    readonly_fields = (
        "record_link",
        "what_is_wrong",
        "source",
        "email",
        "created",
        "decided_at",
        "decided_by",
    )
    fields = (*readonly_fields[:5], "status", "editor_note", "decided_at", "decided_by")

    def has_add_permission(self, request):
        return False  # corrections come from readers only

    @admin.display(description=_("what is wrong"))
    def short_text(self, correction):
        text = correction.what_is_wrong
        return text if len(text) <= 80 else text[:79] + "…"  # escaped by the admin

    @admin.display(boolean=True, description=_("e-mail"))
    def has_email(self, correction):
        return bool(correction.email)

    @admin.display(description=_("record"))
    def record_link(self, correction):
        from django.utils.html import format_html

        record = correction.record
        if record is None:
            return correction.record_title
        return format_html(
            '<a href="{}">{}</a>', record.get_absolute_url(), correction.record_title
        )

    def save_model(self, request, obj, form, change):
        decided = "status" in form.changed_data and obj.status != Correction.Status.NEW
        if decided:
            services.decide(obj, obj.status, request.user, obj.editor_note)
        else:
            super().save_model(request, obj, form, change)
