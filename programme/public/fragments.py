"""Cached parts of pages ("Russian doll" caching): a record's card is rendered once and reused
by every page that shows it, until the record or what the card shows of its related records
changes.

An edit starts a new page-cache generation (programme/public/cache.py), so the first visitor
of each page after it waits for the page to be built; with the cards kept, that build renders
again only the cards of records that changed, and reuses every other record's.

A fragment's key is made of what it shows, not of when it was saved: the template and the
place in it, the language, the release (the project's code, templates and translations),
and a digest of the record's stored values and of the related records loaded with it
(`select_related`, `prefetch_related`). So a change by any route, a fixture reloaded, a
translation or a template changed, gives a new key; no change needs to delete anything, and
a stale fragment is never read. Keys that are no longer asked for expire on their own.

`{% fragment record %} ... {% endfragment %}` caches its content so. A cache that fails (Redis
down) is skipped, as the page cache is: the part is rendered as if there were no cache.
"""

import functools
import hashlib
import logging
from pathlib import Path

from django import template
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.safestring import mark_safe

logger = logging.getLogger(__name__)

FORMAT = 1
# Set in a page's render context once the cache has failed.
CACHE_DOWN = "fragment cache down"


@functools.cache
def release():
    """A digest of the code, templates and translations this process renders with: the
    project's own apps, the templates folder, the compiled catalogues, and the pinned
    versions of the libraries (requirements.txt), read when the process starts."""
    base = Path(settings.BASE_DIR).resolve()
    roots = {base / "templates", *(Path(path).resolve() for path in settings.LOCALE_PATHS)}
    # The project's apps are folders at its top; the libraries (even in a .venv inside the
    # project) are not.
    roots.update(
        Path(config.path).resolve()
        for config in apps.get_app_configs()
        if Path(config.path).resolve().parent == base
    )
    digest = hashlib.blake2b(digest_size=8)
    requirements = base / "requirements.txt"
    if requirements.is_file():
        digest.update(requirements.read_bytes())
    for root in sorted(roots):
        for path in sorted(root.rglob("*")):
            if path.suffix in (".py", ".html", ".mo") and path.is_file():
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def files_changed(sender, file_path, **kwargs):
    """runserver's autoreloader saw a file change: the next card reads the files again."""
    release.cache_clear()


def _stored_values(record, digest):
    digest.update(record._meta.label.encode())
    for field in record._meta.concrete_fields:
        # Only what was loaded: reading a deferred field here would cost a query.
        digest.update(repr(record.__dict__.get(field.attname)).encode())


def fingerprint(record):
    """A digest of a record's loaded values and of the related records loaded with it."""
    digest = hashlib.blake2b(digest_size=16)
    _stored_values(record, digest)
    for name, related in sorted(record._state.fields_cache.items()):
        digest.update(name.encode())
        if related is not None:
            _stored_values(related, digest)
    for name, related in sorted(getattr(record, "_prefetched_objects_cache", {}).items()):
        digest.update(name.encode())
        for each in related:  # in the order the page shows them
            _stored_values(each, digest)
    return digest.hexdigest()


class FragmentNode(template.Node):
    def __init__(self, nodelist, record):
        self.nodelist = nodelist
        self.record = record

    def key(self, context, record):
        place = f"{context.template.name}:{self.origin.template_name}:{self.token.lineno}"
        return ":".join(
            (
                f"fragment{FORMAT}",
                release(),
                translation.get_language() or settings.LANGUAGE_CODE,
                hashlib.blake2b(place.encode(), digest_size=8).hexdigest(),
                fingerprint(record),
            )
        )

    def render(self, context):
        # Kept longer than pages (a fragment's key changes with what it shows), and not at
        # all when pages are not cached.
        seconds = settings.FRAGMENT_CACHE_SECONDS if settings.PAGE_CACHE_SECONDS > 0 else 0
        record = self.record.resolve(context)
        # A cache that failed once is not asked again for the rest of the page: a Redis that
        # does not answer costs its timeout once, not once per card.
        if seconds <= 0 or record is None or context.render_context.get(CACHE_DOWN):
            return self.nodelist.render(context)
        key = self.key(context, record)
        try:
            html = cache.get(key)
        except Exception:
            logger.warning("Fragment cache unavailable; rendering without it", exc_info=True)
            context.render_context[CACHE_DOWN] = True
            return self.nodelist.render(context)
        if html is None:
            html = self.nodelist.render(context)
            try:
                cache.set(key, str(html), seconds)
            except Exception:
                logger.warning("Could not store a fragment in the cache", exc_info=True)
                context.render_context[CACHE_DOWN] = True
        return mark_safe(html)  # noqa: S308 (rendered by the template, which escaped it)


def do_fragment(parser, token):
    """{% fragment record %}...{% endfragment %}: see the module docstring."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"'{bits[0]}' takes one argument: the record")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, parser.compile_filter(bits[1]))
