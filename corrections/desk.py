"""The corrections readers sent that wait for an editor, for the admin's review desk
(templates/admin/includes/desk.html): how many, and the oldest first with the record each
concerns. Two queries however many there are (one when none waits), and nothing for a user
who may not view corrections."""

from django.contrib import admin
from django.urls import reverse

from corrections.models import Correction
from programme.admin.desk import SHOWN


def waiting_corrections(request):
    """{"count", "items", "changelist"} of the open corrections, or None when request's user
    may not see them. Each item is a correction with its `desk_link` (its admin page) and
    `record_type` (the kind of record it concerns, named by its stored title)."""
    model_admin = admin.site._registry.get(Correction)
    if model_admin is None or not model_admin.has_view_or_change_permission(request):
        return None
    waiting = Correction.objects.filter(status=Correction.Status.NEW)
    count = waiting.count()
    items = []
    if count:
        # The record's kind comes with it; its title was stored when the reader wrote, so no
        # record is fetched.
        items = list(waiting.select_related("content_type").order_by("created", "pk")[:SHOWN])
    for correction in items:
        correction.desk_link = reverse("admin:corrections_correction_change", args=[correction.pk])
        model = correction.content_type.model_class()
        correction.record_type = model._meta.verbose_name if model else ""
    changelist = reverse("admin:corrections_correction_changelist")
    return {
        "count": count,
        "items": items,
        "changelist": f"{changelist}?status__exact={Correction.Status.NEW}",
    }
