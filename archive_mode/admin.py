from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse

from archive_mode.models import ROW, ArchiveMode


@admin.register(ArchiveMode)
class ArchiveModeAdmin(admin.ModelAdmin):
    """The switch: one row, changed in place, never added twice nor deleted."""

    fields = ("enabled", "closed_on")

    def has_add_permission(self, request):
        return not ArchiveMode.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # The list of one row is the row itself.
        ArchiveMode.objects.get_or_create(pk=ROW)
        return redirect(reverse("admin:archive_mode_archivemode_change", args=[ROW]))
