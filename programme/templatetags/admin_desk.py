"""The review desk of the admin's index page (programme.admin.desk)."""

from django import template

from programme.admin.desk import desk

register = template.Library()


@register.inclusion_tag("admin/includes/desk.html", takes_context=True)
def review_desk(context):
    return desk(context["request"])
