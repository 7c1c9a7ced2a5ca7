"""The review desk of the admin's index page (programme.admin.desk)."""

from django import template

from programme.admin.desk import desk

register = template.Library()


@register.inclusion_tag("admin/includes/desk.html", takes_context=True)
def review_desk(context):
    request = context["request"]
    # The request goes on: other apps' sections (corrections) ask who is signed in.
    return {**desk(request), "request": request}
