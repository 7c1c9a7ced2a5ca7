"""Citations a researcher can use: one rule for who wrote a record and when, the "Cite this"
box, Highwire Press `citation_*` meta tags (read by Zotero and Google Scholar), and BibTeX and
RIS files.

Citable records are those with an author and a text of their own that a researcher quotes:
publications, statements, lessons learned and good practices. Other pages (projects, people,
organisations, events, themes, regions, countries) describe records rather than say something,
and offer no citation. The rule for author and date is the source's:
- a publication: its public authors (or else its publisher, as a corporate author), its date
  or year, its publisher;
- a statement: its speaker, and the date of the event where it was said;
- a lesson or good practice: the portal, as a corporate author, and no date (the portal
  compiled it; the date of its source is on its page, through its provenance).
"""

import datetime
import re
from dataclasses import dataclass, field

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from programme import registry
from programme.models import Person, Publication, Statement
from programme.public.selectors import published, published_organisations, quoted

CITABLE = ("publications", "statements", "lessons", "good-practices")


@dataclass
class Citation:
    kind: str  # "report", "document" or "page": BibTeX and RIS entry types
    key: str  # the BibTeX key
    title: str
    url: str  # the record's page
    authors: list = field(default_factory=list)  # people's names
    corporate_author: str = ""  # an organisation as author, when no person is named
    year: int | None = None
    date: datetime.date | None = None
    publisher: str = ""
    language: str = ""
    pdf_url: str = ""  # the publication's file on this site
    original_url: str = ""  # where it was first published
    bibtex_url: str = ""  # this site's files of it, in the page's language
    ris_url: str = ""

    @property
    def author_line(self):
        return ", ".join(self.authors) if self.authors else self.corporate_author

    @property
    def container(self):
        return _("ACP-EU Migration Action knowledge portal")


def citable(record):
    content_type = registry.for_model(type(record))
    return content_type is not None and content_type.key in CITABLE


def loaded(queryset):
    """Citable records with what their citation reads, public only, as their pages load it."""
    if queryset.model is Publication:
        return queryset.prefetch_related(
            published_organisations("publisher"), published("authors", Person)
        )
    if queryset.model is Statement:
        return quoted(queryset)
    return queryset


def citation_for(record, request):
    """The citation of a citable record (loaded as `loaded()` loads it), with absolute
    addresses; None for other records."""
    if not citable(record):
        return None
    key = registry.for_model(type(record)).key
    url = request.build_absolute_uri(record.get_absolute_url())
    citation = Citation("page", f"{key}-{record.slug}", "", url)
    citation.bibtex_url = reverse("programme:citation_bibtex", args=[key, record.slug])
    citation.ris_url = reverse("programme:citation_ris", args=[key, record.slug])
    portal = citation.container
    if isinstance(record, Publication):
        citation.kind = "report" if record.kind == Publication.Kind.REPORT else "document"
        citation.title = str(record.translated("title"))
        # Loaded as `loaded()` loads them: public authors only, the publisher None unless public.
        citation.authors = [person.name for person in record.authors.all()]
        publisher = record.publisher_name or (str(record.publisher) if record.publisher else "")
        citation.publisher = publisher
        citation.corporate_author = publisher or portal
        citation.date = record.date
        citation.year = record.date.year if record.date else record.year
        citation.language = record.language
        citation.original_url = record.url
        if record.file:
            path = reverse("programme:publication_file", args=[record.slug])
            citation.pdf_url = request.build_absolute_uri(path)
    elif isinstance(record, Statement):
        citation.kind = "document"
        citation.title = _("Statement by %(speaker)s") % {"speaker": record.speaker}
        event = record.event  # public with a public statement, by its rule
        if event:
            citation.title += f", {event.translated('title')}"
        citation.authors = [record.speaker.name]
        event_date = event.date if event else None
        citation.date, citation.year = event_date, event_date.year if event_date else None
        citation.publisher = portal
    else:
        citation.title = str(record.translated("title"))
        citation.corporate_author = portal
        citation.publisher = portal
    return citation


# Files ---------------------------------------------------------------------------------------

_BIBTEX_SPECIAL = re.compile(r"([\\{}&%$#_~^])")


def _bibtex_text(text):
    def escape(match):
        char = match.group(1)
        return {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\^{}"}.get(
            char, "\\" + char
        )

    return _BIBTEX_SPECIAL.sub(escape, " ".join(str(text).split()))


def bibtex(citation):
    """One BibTeX entry (UTF-8; biblatex's `date` beside BibTeX's `year`)."""
    entry_type = {"report": "techreport", "document": "misc", "page": "online"}[citation.kind]
    if citation.authors:
        author = " and ".join(_bibtex_text(name) for name in citation.authors)
    else:
        author = "{" + _bibtex_text(citation.corporate_author) + "}"  # one corporate name
    fields = [("author", author), ("title", _bibtex_text(citation.title))]
    if citation.year:
        fields.append(("year", str(citation.year)))
    if citation.date:
        fields.append(("date", citation.date.isoformat()))
    if citation.publisher:
        name = "institution" if citation.kind == "report" else "publisher"
        fields.append((name, _bibtex_text(citation.publisher)))
    if citation.language:
        fields.append(("language", _bibtex_text(citation.language)))
    fields.append(("url", citation.url))
    if citation.original_url:
        fields.append(("note", _bibtex_text(_("First published at %s") % citation.original_url)))
    fields.append(("urldate", datetime.date.today().isoformat()))
    key = re.sub(r"[^A-Za-z0-9:_-]", "", citation.key)
    lines = [f"@{entry_type}{{{key},"]
    lines += [f"  {name} = {{{value}}}," for name, value in fields]
    lines.append("}")
    return "\n".join(lines) + "\n"


def ris(citation):
    """One RIS record (CRLF line ends, as the format says)."""
    ris_type = {"report": "RPRT", "document": "GEN", "page": "ELEC"}[citation.kind]
    lines = [("TY", ris_type), ("TI", citation.title)]
    lines += [("AU", name) for name in citation.authors] or [("AU", citation.corporate_author)]
    if citation.year:
        lines.append(("PY", str(citation.year)))
    if citation.date:
        lines.append(("DA", citation.date.strftime("%Y/%m/%d")))
    if citation.publisher:
        lines.append(("PB", citation.publisher))
    if citation.language:
        lines.append(("LA", citation.language))
    lines.append(("UR", citation.url))
    if citation.pdf_url:
        lines.append(("L1", citation.pdf_url))
    if citation.original_url:
        lines.append(("UR", citation.original_url))
    lines.append(("Y2", datetime.date.today().strftime("%Y/%m/%d")))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {' '.join(str(value).split())}\r\n" for tag, value in lines)


def _record(key, slug):
    if key not in CITABLE:
        raise Http404(_("This kind of record has no citation."))
    model = registry.get(key).model
    try:
        return loaded(model._default_manager.published()).get(slug=slug)
    except model.DoesNotExist as missing:
        raise Http404(_("There is no such record.")) from missing


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Content-Language"] = get_language()
    return response


@require_safe
def bibtex_file(request, key, slug):
    """/cite/<type>/<slug>.bib: the record's BibTeX entry, in the page's language."""
    citation = citation_for(_record(key, slug), request)
    return _download(bibtex(citation), "application/x-bibtex", f"{key}-{slug}.bib")


@require_safe
def ris_file(request, key, slug):
    """/cite/<type>/<slug>.ris: the record's RIS record, in the page's language."""
    citation = citation_for(_record(key, slug), request)
    return _download(ris(citation), "application/x-research-info-systems", f"{key}-{slug}.ris")
