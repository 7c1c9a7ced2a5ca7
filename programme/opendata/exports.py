"""Open data: any public list as CSV or JSON, described column by column.

An `ExportSpec` names a content type and its columns. The same specification gives the web
exports of every list (`<list>/export.csv`, `<list>/export.json`), their W3C "CSV on the Web"
metadata (`<list>/export.csv-metadata.json`), the data dictionary page (/data/, generated from
the columns, so it cannot drift from what the files contain) and the archive that
`manage.py export_content` writes.

A column that is a field of the model takes its label and meaning from the field's
`verbose_name` and `help_text`, and the kind of its values from the field's type; an export
spells out only what the model does not say.

Only what the public may see leaves: the records come from the lists' own `published()`
queryset, and a related record (a stakeholder, an event, a speaker) is named only when it is
public itself. Texts are read through the same translation fallback as the pages
(translation.translate), so a record written in French only is exported in French.

An export costs the same number of queries for ten records or ten thousand: each
many-to-many column is one query over the link table, filtered by the exported records as a
subquery, and the records themselves are streamed with `.iterator()`; foreign keys are read
through annotations on the main query.

Each content type's columns are declared with it in the registry (programme/content_types.py,
lessons/content_types.py): this module never names the lessons app.
"""

import csv
import json
import re
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property
from itertools import islice
from urllib.parse import urljoin

from django.apps import apps
from django.conf import settings
from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise

from programme import registry
from programme.middleware import streaming_response
from programme.opendata.columns import (
    CSV_SEPARATOR,
    TEXT,
    Column,
)

# Values a spreadsheet would run as a formula (or that hide one behind a tab or a line
# break) are written with a leading apostrophe: the cell then shows the text as it is
# (OWASP's rule for CSV injection). A negative number is a number, not a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
NEGATIVE_NUMBER = re.compile(r"-\d+(?:\.\d+)?")
# Rows written to the response at a time: fewer, larger writes than one per row.
ROWS_PER_CHUNK = 200
# Records read from the database, and made into rows, at a time.
ROWS_PER_BATCH = 500
# The CSV's W3C "CSV on the Web" metadata file is named after it: export.csv-metadata.json.
# The time an export says it was made; the static mirror sets it to its build time, so that
# two builds of the same content differ only in that date.
CREATED_AT = ContextVar("export_created_at", default=None)
CSVW_FORMAT = "csv-metadata.json"
FORMATS = ("csv", "json", CSVW_FORMAT)


def licence():
    """The licence of the portal's content: {"name": ..., "url": ...} (settings)."""
    return settings.CONTENT_LICENCE


# Specifications ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportSpec:
    """What an export of one content type contains.

    `key` names the files (lessons.csv); `position` orders the data dictionary and the archive;
    `list_url_name` is the list page whose exports these are (its export URL is named
    `<list_url_name>_export`), empty for a content type without a list. `model_label` is empty
    for an export that is not of one model (search results).
    """

    key: str
    model_label: str
    title: Promise
    description: Promise
    column_specs: tuple[Column, ...]
    position: int = 100
    list_url_name: str = ""

    @property
    def model(self):
        return apps.get_model(self.model_label)

    @cached_property
    def columns(self):
        """The columns, with what the model's fields say about them filled in."""
        if not self.model_label:
            return self.column_specs
        return tuple(column.bound(self.model) for column in self.column_specs)

    def queryset(self):
        """Every public record, as the archive and an unfiltered list have them."""
        return self.model._default_manager.published()


def registered():
    """Every content type's export specification, in the order of the data dictionary."""
    return [each.export for each in registry.registered() if each.export]


def export_spec(key):
    return registry.get(key).export


# Writing -----------------------------------------------------------------------------------


def plain(value):
    """A value as JSON can hold it: times in the site's time zone, ISO 8601."""
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


class Export:
    """One run of an export: the records of `queryset` with the columns of `spec`.

    `absolute_url` turns a path into a full address (the request's, or a base address given
    to the management command); `source_url` is the page the export reproduces.
    """

    def __init__(self, spec, queryset, *, absolute_url, source_url, title=None, count=None):
        self.spec = spec
        self.queryset = queryset
        self.absolute_url = absolute_url
        self.source_url = source_url
        self.title = str(title or spec.title)
        self.created = CREATED_AT.get() or timezone.now()
        self._count = count
        # A streamed response is written after the view returns, perhaps in another thread:
        # every row is made in the language of the request.
        self.language = translation.get_language()

    @property
    def columns(self):
        return self.spec.columns

    def count(self):
        if self._count is None:
            self._count = self.queryset.count()
        return self._count

    def metadata(self, count):
        return {
            "title": self.title,
            "licence": licence()["name"],
            "licence_url": licence()["url"],
            "created": plain(self.created),
            "source": self.source_url,
            "data_dictionary": self.absolute_url(self.dictionary_path()),
            "count": count,
        }

    def dictionary_path(self):
        with translation.override(self.language):
            return reverse("programme:data_dictionary")

    def rows(self):
        """Each record as {column key: value}, streamed."""
        loaded = {column.key: column.load(self.queryset) for column in self.columns}
        queryset = self.queryset
        for column in self.columns:
            queryset = column.prepare(queryset)
        records = queryset.iterator(chunk_size=ROWS_PER_BATCH)
        yield from self.rows_in_language(
            records,
            lambda record: {
                column.key: plain(column.value(record, loaded[column.key], self))
                for column in self.columns
            },
        )

    def rows_in_language(self, items, make_row):
        """make_row(item) for each item, made in the export's language. The language is
        switched once per batch, not once per row: between two yields the code reading the
        rows runs, in whatever language it had."""
        items = iter(items)
        while batch := list(islice(items, ROWS_PER_BATCH)):
            with translation.override(self.language):
                rows = [make_row(item) for item in batch]
            yield from rows

    def header(self):
        with translation.override(self.language):
            return [str(column.label) for column in self.columns]

    def csvw(self, csv_url):
        """The W3C "CSV on the Web" metadata of the CSV at `csv_url` (JSON-LD): what it is,
        its licence, source and date, and each column's name, title, meaning and datatype."""
        with translation.override(self.language):
            columns = []
            for column in self.columns:
                kind = column.kind or TEXT
                described = {
                    "name": column.key,
                    "titles": str(column.label),
                    "dc:description": str(column.description),
                    "datatype": kind.datatype,
                }
                if kind.separator:
                    described["separator"] = kind.separator
                columns.append(described)
            return {
                "@context": [
                    "http://www.w3.org/ns/csvw",
                    {"@language": self.language or settings.LANGUAGE_CODE},
                ],
                "url": csv_url,
                "dc:title": self.title,
                "dc:description": str(self.spec.description),
                "dc:license": {"@id": licence()["url"]},
                "dc:source": {"@id": self.source_url},
                "dc:created": {"@value": plain(self.created), "@type": "xsd:dateTime"},
                "rdfs:seeAlso": {"@id": self.absolute_url(self.dictionary_path())},
                "dialect": {"header": True, "encoding": "utf-8"},
                "tableSchema": {"columns": columns},
            }


class Echo:
    """csv.writer writes into this and gets the line back, for streaming."""

    def write(self, value):
        return value


def csv_text(value):
    """A value as the text of a CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return CSV_SEPARATOR.join(csv_text(item) for item in value)
    return str(value)


def neutralise(text):
    """Text a spreadsheet will not run as a formula (a negative number stays a number)."""
    if text.startswith(FORMULA_PREFIXES) and not NEGATIVE_NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_row(writer, values):
    return writer.writerow([neutralise(csv_text(value)) for value in values])


def csv_chunks(export):
    """The export as CSV, a few rows at a time: the header, then the rows. Nothing comes
    before the header but a byte order mark, which spreadsheets need to read UTF-8 accents
    (and CSV readers remove); what the file is, its licence, source and date are in its
    metadata file and the response's Link headers."""
    writer = csv.writer(Echo())
    yield "\ufeff" + csv_row(writer, export.header())
    lines = []
    for row in export.rows():
        lines.append(csv_row(writer, row.values()))
        if len(lines) == ROWS_PER_CHUNK:
            yield "".join(lines)
            lines = []
    yield "".join(lines)


def json_number(value):
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def json_chunks(export):
    """The export as one JSON object, written as the records come: the metadata, then
    "records", a list of objects keyed like the data dictionary."""
    head = json.dumps(export.metadata(export.count()), ensure_ascii=False, indent=1)
    yield head[: head.rindex("}")].rstrip() + ',\n "records": [\n'
    separator = ""
    for row in export.rows():
        yield separator + json.dumps(row, ensure_ascii=False, default=json_number)
        separator = ",\n"
    yield "\n ]\n}\n"


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    CSVW_FORMAT: "application/csvm+json",
}
WRITERS = {"csv": csv_chunks, "json": json_chunks}


def export_response(export, format, filename, request, query=""):
    """The response of the export in `format` ("csv", "json", or the CSV's metadata file),
    for `request` to `<path>/export.<format>`; `query` is the export's cleaned query string.

    The Link header names the licence, the page the export reproduces ("via"), the data
    dictionary and, for the CSV, its metadata file (the last "describedby", as CSV on the Web
    processors take the last one)."""
    base = request.path.rpartition("export.")[0] + "export."
    suffix = f"?{query}" if query else ""
    csv_url = request.build_absolute_uri(f"{base}csv{suffix}")
    if format == CSVW_FORMAT:
        response = JsonResponse(
            export.csvw(csv_url), json_dumps_params={"ensure_ascii": False, "indent": 1}
        )
        response["Content-Type"] = CONTENT_TYPES[format]
    else:
        response = streaming_response(WRITERS[format](export), content_type=CONTENT_TYPES[format])
        disposition = "attachment" if format == "csv" else "inline"
        response["Content-Disposition"] = f'{disposition}; filename="{filename}.{format}"'
    links = [
        f'<{licence()["url"]}>; rel="license"',
        f'<{export.source_url}>; rel="via"',
        f'<{export.absolute_url(export.dictionary_path())}>; rel="describedby"; type="text/html"',
    ]
    if format == "csv":
        metadata_url = request.build_absolute_uri(f"{base}{CSVW_FORMAT}{suffix}")
        links.append(f'<{metadata_url}>; rel="describedby"; type="application/csvm+json"')
    response["Link"] = ", ".join(links)
    # Copies of the lists: search engines should index the pages instead.
    response["X-Robots-Tag"] = "noindex"
    # Published data anyone may reuse, from a page on another site too; no cookie is read.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def absolute_url_from(base_url):
    """A function that turns a path into a full address under `base_url`."""
    base = base_url.rstrip("/") + "/"
    return lambda path: urljoin(base, path.lstrip("/"))
