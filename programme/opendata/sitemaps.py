"""/sitemap.xml: every public page, in English and French, with its last change.

The addresses use the host and scheme the request came to (django.contrib.sites is not
installed, so the sitemap framework falls back to RequestSite). Detail pages come from the
models' published() rule, like every other way out of the site.
"""

from django.apps import apps
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from programme import registry
from programme.public.countries import named_countries


class PortalSitemap(Sitemap):
    # Each page in every language, with hreflang alternates between them.
    i18n = True
    alternates = True
    x_default = True


class RecordSitemap(PortalSitemap):
    """The detail pages of one content type."""

    def __init__(self, model_label):
        self.model_label = model_label

    def items(self):
        records = apps.get_model(self.model_label)._default_manager.published()
        return records.select_related(None).only("slug", "updated_at").order_by("pk")

    def lastmod(self, record):
        return record.updated_at


# Pages that are not a content type's list: (URL name, the label of the model whose last
# change dates the page).
OTHER_PAGES = (
    ("programme:home", None),
    ("programme:about", "programme.Programme"),
    ("programme:country_list", None),
    ("programme:matrix", None),
    ("programme:data_dictionary", None),
)


def pages():
    """Home, about, every content type's list, the matrix and the data dictionary."""
    lists = [
        (content_type.list_url_name, content_type.model_label)
        for content_type in registry.registered()
        if content_type.list_url_name
    ]
    return [*OTHER_PAGES[:2], *lists, *OTHER_PAGES[2:]]


class PageSitemap(PortalSitemap):
    """Home, about, the lists, the matrix and the data dictionary; a list changed when the
    last of its records did."""

    def items(self):
        # (URL name, last change), worked out once per sitemap, not once per language.
        return [(name, label and last_change(label)) for name, label in pages()]

    def location(self, item):
        return reverse(item[0])

    def lastmod(self, item):
        return item[1]


def last_change(label):
    records = apps.get_model(label)._default_manager.published()
    return records.aggregate(last=Max("updated_at"))["last"]


class CountrySitemap(PortalSitemap):
    """A page per country that a public record names (programme.public.countries)."""

    def items(self):
        return [code for code, _name, _found in named_countries()]

    def location(self, code):
        return reverse("programme:country_detail", args=[code.lower()])


SITEMAPS = {
    "pages": PageSitemap(),
    "countries": CountrySitemap(),
    **{
        content_type.key: RecordSitemap(content_type.model_label)
        for content_type in registry.registered()
        if content_type.detail_pages
    },
}
