from django import template
from django.db import models
from django.urls import reverse

from programme import registry

register = template.Library()


@register.simple_tag
def correction_url(record):
    """The address of the form to suggest a correction to a record, or "" for none."""
    if not isinstance(record, models.Model):
        return ""  # a page with no record of its own (the variable is then empty)
    content_type = registry.for_model(type(record))
    if content_type is None or not content_type.detail_pages or not getattr(record, "slug", ""):
        return ""
    return reverse("corrections:suggest", args=[content_type.key, record.slug])


@register.inclusion_tag("admin/includes/desk_corrections.html", takes_context=True)
def corrections_desk(context):
    """The review desk's section of corrections waiting for an editor (corrections.desk)."""
    from corrections.desk import waiting_corrections

    return {"corrections": waiting_corrections(context["request"])}
