"""Links to the exports and feeds of the page being shown: {% load opendata %}."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def with_filters(context, url, *dropped):
    """`url` with the list's current filters (`params`), without the parameters named in
    `dropped` (the page number, which an export or a feed has no use for)."""
    params = context["params"].copy()
    for name in dropped:
        params.pop(name, None)
    return f"{url}?{params.urlencode()}" if params else url
