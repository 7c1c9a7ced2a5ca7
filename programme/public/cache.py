"""Whole-page cache for anonymous visitors, emptied by any change to the content.

Every public page is cached under a key made of the content "generation", the language, the
path and the normalised query string. The generation is a number kept in the database (one
row, ContentGeneration): saving, deleting or re-linking any record of the portal's apps
changes it in the edit's own transaction, and every request reads it (one query by primary
key). So once a save returns, no server builds a key from before it, whether or not the
saving server could reach the shared cache; and until the edit is committed, other servers
read the old generation and the old rows together.

The pages themselves are kept in the shared cache (Redis, or the file cache of settings.py),
for PAGE_CACHE_SECONDS at most and never past the next scheduled publication, so a record
scheduled for a time appears on lists, feeds and the sitemap when its time comes.

Only anonymous pages are cached, and the request is first reduced to what makes the page:
query parameters the public pages do not understand are dropped (the page without them is
the same page), and a session cookie that names no signed-in user is ignored. Visitors who
are signed in always get a fresh page. A cache that fails (Redis down) is skipped: the page
is built as if there were no cache.
"""

import functools
import hashlib
import logging
import math
import secrets
from importlib import import_module
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.db import connections, models, router, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import QueryDict
from django.middleware.http import ConditionalGetMiddleware
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag
from django.utils.translation import gettext_lazy as _

from programme import registry

logger = logging.getLogger(__name__)

# Raised whenever what a stored page or its key holds changes (3: the generation comes from
# the database), so that no release reads the pages of another.
CACHE_FORMAT = 3
ROW = 1
# Parameters of the pages that are not a content type's list: search's and pagination's.
OTHER_PARAMETERS = frozenset({"page", "q", "type", "sort"})


@functools.cache
def page_parameters():
    """The query parameters the public pages understand: every list's filters (from the
    registry of content types), search and pagination."""
    return OTHER_PARAMETERS.union(*(each.list_parameters for each in registry.registered()))


@functools.cache
def content_apps():
    """The apps whose changes change pages: those of the registered content types."""
    return frozenset(each.model._meta.app_label for each in registry.registered())


class ContentGeneration(models.Model):
    """The page cache's generation: one row, given a new random value by every edit."""

    value = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("content generation")
        verbose_name_plural = _("content generations")

    def __str__(self):
        return str(self.value)


def current_generation(using=None):
    # Read on every request, cached pages included: one indexed query, written in SQL because
    # building it through the ORM costs several times more than running it (README).
    with connections[using or router.db_for_read(ContentGeneration)].cursor() as cursor:
        table = cursor.db.ops.quote_name(ContentGeneration._meta.db_table)
        cursor.execute(f"SELECT value FROM {table} WHERE id = %s", [ROW])  # noqa: S608
        row = cursor.fetchone()
    return row[0] if row else 0


def record_new_generation(using=None):
    """Give the generation a new value, in the current transaction (so with the edit).

    A random value, not a counter: a database restored from a backup must not count again
    through numbers whose pages the shared cache still holds.
    """
    rows = ContentGeneration.objects.using(using or router.db_for_write(ContentGeneration))
    value = secrets.randbits(62)
    if not rows.filter(pk=ROW).update(value=value):
        rows.bulk_create([ContentGeneration(pk=ROW, value=value)], ignore_conflicts=True)
    return value


def new_generation(using=None, **kwargs):
    """A new generation outside any edit: after migrate, when a server starts, after a bulk
    load. A database that cannot be reached then is logged, not raised: a starting server
    still starts, and serves the 503 page until the database is back."""
    try:
        with transaction.atomic(using=using):
            return record_new_generation(using)
    except Exception:
        logger.warning("Could not start a new page-cache generation", exc_info=True)
        return None


def content_changed(sender, using=None, action="post_", **kwargs):
    # A change of links sends pre_ and post_ signals: the post_ one is enough.
    if (
        sender._meta.app_label in content_apps()
        and sender is not ContentGeneration
        and action.startswith("post_")
    ):
        # In the edit's transaction, not on commit: if the edit commits, so does the new
        # generation, and if it cannot be recorded the edit fails instead of leaving pages
        # older than it in the cache.
        record_new_generation(using)


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(content_changed, dispatch_uid=f"page-cache-{signal!r}")


# The next publication time still to come, worked out once per generation in each process:
# (generation, time or None).
_next_publication = (None, None)


def next_publication(generation):
    """The earliest publication time after now among records the public may see on a
    schedule (models with published()), or None.

    Drafts and records in review count too: the status is not looked at, which can only
    make a page expire earlier than needed, never later.
    """
    from programme.models import Publishable  # programme.models imports this module

    global _next_publication
    now = timezone.now()
    known_for, when = _next_publication
    if known_for == generation and (when is None or when > now):
        return when
    times = [
        model._base_manager.filter(published_at__gt=now).aggregate(next=models.Min("published_at"))[
            "next"
        ]
        for model in (each.model for each in registry.registered())
        if issubclass(model, Publishable)
    ]
    when = min((time for time in times if time is not None), default=None)
    _next_publication = (generation, when)
    return when


def page_timeout(generation):
    """How long a page built now may be kept: PAGE_CACHE_SECONDS, or less if a scheduled
    record is published before that."""
    when = next_publication(generation)
    if when is None:
        return settings.PAGE_CACHE_SECONDS
    seconds = math.ceil((when - timezone.now()).total_seconds())
    return max(1, min(settings.PAGE_CACHE_SECONDS, seconds))


def signed_in(request):
    """Whether the request's session cookie names a session with a signed-in user."""
    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if key is None:
        return False
    try:
        session = import_module(settings.SESSION_ENGINE).SessionStore(key)
        return session.get(SESSION_KEY) is not None
    except Exception:
        # The sessions cannot be read (database down): build the page as for that user,
        # who then gets the 503 page.
        return True


def keep_known_parameters(request):
    """Reduce the query string to the parameters the public pages understand, sorted, so
    that one page has one key and the stored page is the one without the others."""
    known = sorted(
        (name, value)
        for name, values in request.GET.lists()
        if name in page_parameters()
        for value in values
    )
    query = urlencode(known)
    if query != request.META.get("QUERY_STRING", ""):
        request.META["QUERY_STRING"] = query
        request.GET = QueryDict(query)


class PublicPageCacheMiddleware:
    """Serve anonymous GET requests from the cache; see the module docstring.

    It comes before the middleware that sets headers and chooses the language, so a page
    served from the cache costs a read of the generation, a cache read and little else: the
    stored response carries the headers those gave it when it was built.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        # A cached page answers 304 Not Modified as a fresh one would.
        self.conditional = ConditionalGetMiddleware(get_response)

    def __call__(self, request):
        if not self.cacheable_request(request):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                patch_cache_control(response, private=True, no_cache=True)
            return response
        try:
            generation = current_generation()
            key = self.key(request, generation)
            response = cache.get(key)
        except Exception:
            logger.warning("Page cache unavailable; serving without it", exc_info=True)
            return self.get_response(request)
        if response is not None:
            response["X-Cache"] = "hit"
            return self.conditional.process_response(request, response)
        response = self.get_response(request)
        if self.cacheable_response(response):
            try:
                timeout = page_timeout(generation)
            except Exception:
                logger.warning("Could not read the publication schedule", exc_info=True)
                return response
            patch_cache_control(
                response, public=True, max_age=min(settings.PUBLIC_CACHE_SECONDS, timeout)
            )
            patch_vary_headers(response, ["Cookie"])
            set_response_etag(response)
            try:
                cache.set(key, response, timeout)
            except Exception:
                logger.warning("Could not store a page in the cache", exc_info=True)
            response["X-Cache"] = "miss"
        return response

    def cacheable_request(self, request):
        """Whether the page may come from the cache; if so, the request is reduced to the
        anonymous visitor's request for it (see the module docstring)."""
        if not (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and not request.path.startswith(("/" + settings.ADMIN_URL, settings.STATIC_URL))
            and not signed_in(request)
        ):
            return False
        request.COOKIES.pop(settings.SESSION_COOKIE_NAME, None)
        keep_known_parameters(request)
        # A huge query string must not fill the cache: only a string of bounded length (a
        # link someone could share) makes a cached page.
        return len(request.META["QUERY_STRING"]) <= settings.PAGE_CACHE_MAX_QUERY

    def cacheable_response(self, response):
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not response.has_header("Cache-Control")
        )

    def language(self, request):
        """The page's language, as LocaleMiddleware will choose it: the address's prefix, or
        English. (The addresses outside i18n_patterns, the sitemap and robots.txt, are the
        same in every language; any other page they serve is an error, never cached.)"""
        return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE

    def key(self, request, generation):
        # The host and scheme too: pages, the sitemap and robots.txt carry absolute addresses.
        address = f"{request.scheme}://{request.get_host()}{request.path}"
        digest = hashlib.sha256(f"{address}?{request.META['QUERY_STRING']}".encode()).hexdigest()
        language = self.language(request)
        return f"page{CACHE_FORMAT}:{generation}:{language}:{request.method}:{digest}"
