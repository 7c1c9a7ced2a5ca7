"""Building the static mirror from the fixtures in a test, and serving it over HTTP."""

import contextlib
import functools
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit
from xml.etree import ElementTree

from django.core.management import call_command
from django.test import Client

BASE_URL = "https://portal.example.org"
BUILT_AT = "2026-01-15T10:00:00+01:00"


def build(output, **options):
    """Load the fixtures, build the mirror into output, and return the live sitemap's paths
    (in a test with the database)."""
    call_command("load_content", verbosity=0)
    call_command(
        "build_static_site",
        output=output,
        base_url=BASE_URL,
        built_at=BUILT_AT,
        verbosity=0,
        **options,
    )
    sitemap = Client().get("/sitemap.xml").content
    root = ElementTree.fromstring(sitemap)  # noqa: S314 (the site's own sitemap)
    locs = [urlsplit(each.text).path for each in root.iter() if each.tag.endswith("}loc")]
    return sorted(set(locs))


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def serve(directory):
    """A throw-away static server of the folder on 127.0.0.1; yields its address."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=directory))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@functools.cache
def built_once(folder):
    """The mirror built into folder the first time a test asks (the run's mirror_folder):
    {"output", "warc", "sitemap"}. The database of that first test is rolled back after it;
    the files stay for the other tests."""
    output, warc = folder / "site", folder / "site.warc.gz"
    return {"output": output, "warc": warc, "sitemap": build(output, warc=warc)}
