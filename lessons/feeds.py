"""Atom feeds of new and updated lessons learned and good practices.

/feeds/ (both), /feeds/lessons/, /feeds/good-practices/; any of them for a filtered list with
the list's own parameters (?theme=visas&region=pacific), bound by the list's FilterSet exactly
as the list binds it, so a feed follows what its list shows; /themes/<slug>/feed/ and
/regions/<slug>/feed/ for a theme's or a region's page. Newest change first.
"""

import re
from types import SimpleNamespace

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from programme.markup import render_plaintext
from programme.models import Region, Theme
from programme.opendata.exports import CREATED_AT, licence
from programme.public.listing import clean_params

from .views import GoodPracticeListView, LessonListView

SITE = _("ACP-EU Migration Action knowledge portal")
TAGS = {"theme": Theme, "region": Region}
# Characters XML 1.0 cannot carry: a typed query or text pasted from a word processor may hold
# them, and Django's feed writer raises on them (a server error) rather than dropping them.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(value):
    if isinstance(value, str):
        return NOT_XML.sub("", value)
    if isinstance(value, list | tuple):
        return type(value)(xml_safe(part) for part in value)
    return value


class XMLSafeAtomFeed(Atom1Feed):
    def write(self, outfile, encoding):
        self.feed = {key: xml_safe(value) for key, value in self.feed.items()}
        self.items = [{key: xml_safe(value) for key, value in item.items()} for item in self.items]
        super().write(outfile, encoding)

    def latest_post_date(self):
        # A feed with no entry says when it was made: the static mirror's build time, so that
        # two builds of the same content are identical (Django would say "now").
        if not self.items and CREATED_AT.get():
            return CREATED_AT.get()
        return super().latest_post_date()


class KnowledgeFeed(Feed):
    feed_type = XMLSafeAtomFeed
    max_items = 50
    list_views = (LessonListView, GoodPracticeListView)
    heading = _("Lessons learned and good practices")
    author_name = SITE

    def get_object(self, request, tag=None, slug=None):
        """What the feed shows, for this request: the list filters that apply.

        (A Feed instance serves every request, so nothing is kept on it.)
        """
        params, _dropped = clean_params(request.GET)
        tagged = None
        if tag:
            tagged = get_object_or_404(TAGS[tag], slug=slug)
            params.setlist(tag, [slug])
        # The order is the feed's: newest change first.
        params.pop("sort", None)
        params.pop("page", None)
        views = [self.bound_view(view_class, request, params) for view_class in self.list_views]
        return SimpleNamespace(request=request, params=params, tagged=tagged, views=views)

    @staticmethod
    def bound_view(view_class, request, params):
        """A list view with its FilterSet bound to the parameters, as the list binds it."""
        view = view_class()
        view.setup(request)
        view.params = params.copy()
        view.filterset, _ignored = view.bind_filterset(dropped=set())
        return view

    def title(self, obj):
        view = obj.views[0]
        return " ".join([str(self.heading), *view.phrases(view.active_filters())])

    def subtitle(self, obj):
        return _("New and updated, newest first: %(site)s") % {"site": SITE}

    def link(self, obj):
        """The page the feed follows: the theme's or region's, or the list's."""
        if obj.tagged:
            return obj.tagged.get_absolute_url()
        path = self.list_url()
        params = obj.views[0].params
        return f"{path}?{params.urlencode()}" if params else path

    def list_url(self):
        return reverse("lessons:lesson_list")

    def feed_url(self, obj):
        return obj.request.get_full_path()

    def feed_guid(self, obj):
        # The feed's own address: the lessons feed and the combined one follow the same page.
        return obj.request.build_absolute_uri()

    def feed_copyright(self):
        return f"{licence()['name']} {licence()['url']}"

    def items(self, obj):
        records = []
        for view in obj.views:
            records += view.filterset.qs.order_by("-updated_at", "-pk").prefetch_related(
                "themes", "regions"
            )[: self.max_items]
        records.sort(key=lambda record: record.updated_at, reverse=True)
        return records[: self.max_items]

    # Entries say what the list's cards say, read through the same translation fallback: a
    # record written in French only is in French in the English feed too.

    def item_title(self, item):
        return str(item.translated("title"))

    def item_description(self, item):
        """The card's text: the Markdown as plain text. Atom carries a summary as HTML, so the
        text is escaped; no markup typed by an editor reaches a feed reader."""
        text = item.translated("takeaway" if hasattr(item, "takeaway") else "summary")
        return escape(render_plaintext(text))

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        kind = item._meta.verbose_name
        return [str(kind).capitalize()] + [
            str(tag) for tag in (*item.themes.all(), *item.regions.all())
        ]


class LessonFeed(KnowledgeFeed):
    list_views = (LessonListView,)
    heading = _("Lessons learned")


class GoodPracticeFeed(KnowledgeFeed):
    list_views = (GoodPracticeListView,)
    heading = _("Good practices")

    def list_url(self):
        return reverse("lessons:goodpractice_list")
