"""Post admin forms the way a browser does: what the page rendered, with some values changed."""

from django import forms
from django.urls import reverse


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def form_values(form):
    """The values a browser would submit for a rendered (unbound) Django form."""
    data = {}
    for name, field in form.fields.items():
        bound = form[name]
        value = bound.value()
        if isinstance(field, forms.FileField):
            continue  # a browser sends no file unless one is chosen
        if isinstance(field.widget, forms.MultiWidget):  # the admin's split date and time
            parts = field.widget.decompress(value) if value else [None] * len(field.widget.widgets)
            for index, part in enumerate(parts):
                data[f"{bound.html_name}_{index}"] = "" if part is None else str(part)
        elif isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(v) for v in value]
        else:
            data[bound.html_name] = "" if value is None else str(value)
    return data


def page_form_values(response):
    """The values of the admin form on a rendered change, add or history page, with inlines."""
    data = form_values(response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets") or []:
        formset = inline.formset
        data.update(form_values(formset.management_form))
        for form in formset.forms:
            data.update(form_values(form))
    return data


def post_changed(client, url, **changes):
    """GET an admin form page, change some values, and POST it back."""
    data = page_form_values(client.get(url))
    data.update(changes)
    return client.post(url, data)
