"""/sitemap.xml: every public page, in English and French, with its last change.

The addresses use the host and scheme the request came to (django.contrib.sites is not
installed, so the sitemap framework falls back to RequestSite). Detail pages come from the
models' published() rule, like every other way out of the site.
"""

from django.apps import apps
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse


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


# List and index pages: (URL name, the label of the model whose last change dates the page).
PAGES = (
    ("programme:home", None),
    ("programme:about", "programme.Programme"),
    ("lessons:lesson_list", "lessons.Lesson"),
    ("lessons:goodpractice_list", "lessons.GoodPractice"),
    ("programme:project_list", "programme.Project"),
    ("programme:organisation_list", "programme.Organisation"),
    ("programme:person_list", "programme.Person"),
    ("programme:event_list", "programme.Event"),
    ("programme:publication_list", "programme.Publication"),
    ("programme:theme_list", "programme.Theme"),
    ("programme:region_list", "programme.Region"),
    ("programme:matrix", None),
    ("programme:data_dictionary", None),
)


class PageSitemap(PortalSitemap):
    """Home, about, the lists, the matrix and the data dictionary; a list changed when the
    last of its records did."""

    def items(self):
        # (URL name, last change), worked out once per sitemap, not once per language.
        return [(name, label and last_change(label)) for name, label in PAGES]

    def location(self, item):
        return reverse(item[0])

    def lastmod(self, item):
        return item[1]


def last_change(label):
    records = apps.get_model(label)._default_manager.published()
    return records.aggregate(last=Max("updated_at"))["last"]


SITEMAPS = {
    "pages": PageSitemap(),
    **{
        key: RecordSitemap(label)
        for key, label in (
            ("lessons", "lessons.Lesson"),
            ("good-practices", "lessons.GoodPractice"),
            ("projects", "programme.Project"),
            ("stakeholders", "programme.Organisation"),
            ("people", "programme.Person"),
            ("events", "programme.Event"),
            ("statements", "programme.Statement"),
            ("publications", "programme.Publication"),
            ("themes", "programme.Theme"),
            ("regions", "programme.Region"),
        )
    },
}
