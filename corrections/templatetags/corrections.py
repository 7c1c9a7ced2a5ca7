from django import template
from django.urls import reverse

from programme import registry

register = template.Library()


@register.simple_tag
def correction_url(record):
    """The address of the form to suggest a correction to a record, or "" for none."""
    content_type = registry.for_model(type(record)) if record is not None else None
    if content_type is None or not content_type.detail_pages or not getattr(record, "slug", ""):
        return ""
    return reverse("corrections:suggest", args=[content_type.key, record.slug])
