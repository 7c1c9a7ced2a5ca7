"""Whole-page cache for anonymous visitors, emptied by any change to the content.

Every public page is cached under a key made of the content "generation", the language, the
path and the normalised query string. Saving, deleting or re-linking any record of the
portal's apps starts a new generation when the change is committed, so no visitor ever sees a
page older than the last edit. The cache must be shared by every process that serves pages
(Redis, or the file cache of settings.py), or the other processes would not see the new
generation. Visitors with a session (staff, anyone signed in) always get a fresh page. A
cache that fails (Redis down) is skipped: the page is built as if there were no cache.
"""

import hashlib
import logging
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.middleware.http import ConditionalGetMiddleware
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag

logger = logging.getLogger(__name__)

# Raised whenever what a stored page holds changes (2: pages carry the headers of the
# middleware after the cache), so that no release reads the pages of another.
CACHE_FORMAT = 2
GENERATION_KEY = f"content-generation:{CACHE_FORMAT}"
CONTENT_APPS = {"programme", "lessons"}


def current_generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = new_generation()
    return generation


def new_generation(**kwargs):
    generation = time.time_ns()
    try:
        cache.set(GENERATION_KEY, generation, None)
    except Exception:  # a failing cache must never break an edit
        logger.warning("Could not start a new cache generation", exc_info=True)
    return generation


def content_changed(sender, action="post_", **kwargs):
    # A change of links sends pre_ and post_ signals: the post_ one is enough.
    if sender._meta.app_label in CONTENT_APPS and action.startswith("post_"):
        # Only once the change is committed: a page built by another worker before that
        # still reads the old rows, and would be stored under the new generation.
        transaction.on_commit(new_generation)


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(content_changed, dispatch_uid=f"page-cache-{signal!r}")


def normalised_query(request):
    """The query string with its parameters sorted, so that one page has one key."""
    return urlencode(sorted(request.GET.lists()), doseq=True)


class PublicPageCacheMiddleware:
    """Serve anonymous GET requests from the cache; see the module docstring.

    It comes before the middleware that sets headers and chooses the language, so a page
    served from the cache costs two cache reads and little else: the stored response carries
    the headers those gave it when it was built.
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
            key = self.key(request)
            response = cache.get(key)
        except Exception:
            logger.warning("Page cache unavailable; serving without it", exc_info=True)
            return self.get_response(request)
        if response is not None:
            response["X-Cache"] = "hit"
            return self.conditional.process_response(request, response)
        response = self.get_response(request)
        if self.cacheable_response(response):
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
            patch_vary_headers(response, ["Cookie"])
            set_response_etag(response)
            try:
                cache.set(key, response, settings.PAGE_CACHE_SECONDS)
            except Exception:
                logger.warning("Could not store a page in the cache", exc_info=True)
            response["X-Cache"] = "miss"
        return response

    def cacheable_request(self, request):
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            # A huge or random query string must not fill the cache: only the parameters the
            # public pages understand, in a string of bounded length, make a cached page.
            and len(request.META.get("QUERY_STRING", "")) <= settings.PAGE_CACHE_MAX_QUERY
            and set(request.GET) <= settings.PAGE_CACHE_PARAMETERS
            and not request.path.startswith(("/" + settings.ADMIN_URL, settings.STATIC_URL))
        )

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

    def key(self, request):
        # The host and scheme too: pages, the sitemap and robots.txt carry absolute addresses.
        address = f"{request.scheme}://{request.get_host()}{request.path}"
        digest = hashlib.sha256(f"{address}?{normalised_query(request)}".encode()).hexdigest()
        language = self.language(request)
        return f"page{CACHE_FORMAT}:{current_generation()}:{language}:{request.method}:{digest}"
