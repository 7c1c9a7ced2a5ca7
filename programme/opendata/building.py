"""Whether a page is being written into the static mirror (programme.opendata.mirror).

While it is, templates leave out what needs a server (the correction link says it needs the
live site) and show the mirror's notice. A context variable that only the build command sets,
not a request header, so that no visitor of the live site can ask for the mirror's pages (and
no such page can reach the page cache). Its own module, so that the context processor that
reads it on every request imports nothing else.
"""

from contextvars import ContextVar

BUILDING = ContextVar("static_mirror_building", default=False)
