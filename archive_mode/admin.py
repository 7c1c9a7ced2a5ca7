from django.contrib import admin

from archive_mode.models import ArchiveMode


@admin.register(ArchiveMode)
class ArchiveModeAdmin(admin.ModelAdmin):
    """The switch: one row, changed in place, never added twice nor deleted."""

    fields = ("enabled", "closed_on")
    list_display = ("__str__", "closed_on")

    def has_add_permission(self, request):
        return not ArchiveMode.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False
