"""Open data: any public list as CSV or JSON, described column by column.

An `ExportSpec` names a content type and its columns. The same specification gives the web
exports of every list (`<list>/export.csv`, `<list>/export.json`), the data dictionary page
(/data/, generated from the columns, so it cannot drift from what the files contain) and the
archive that `manage.py export_content` writes.

Only what the public may see leaves: the records come from the lists' own `published()`
queryset, and a related record (a stakeholder, an event, a speaker) is named only when it is
public itself.

An export costs the same number of queries for ten records or ten thousand: each
many-to-many column is one query over the link table, filtered by the exported records as a
subquery, and the records themselves are streamed with `.iterator()`; foreign keys are read
through annotations on the main query.

The lessons app registers its own specifications (lessons/exports.py): this app never imports
it.
"""

import csv
import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from itertools import islice
from urllib.parse import urljoin

from django.apps import apps
from django.conf import settings
from django.db.models import Case, CharField, F, Q, Value, When
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .middleware import streaming_response
from .models import Publishable, Statement
from .selectors import public_statements

# Values a spreadsheet would run as a formula (or that hide one behind a tab or a line
# break) are written with a leading apostrophe: the cell then shows the text as it is.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Related items of a many-to-many column in one CSV cell.
CSV_SEPARATOR = "; "
# Rows written to the response at a time: fewer, larger writes than one per row.
ROWS_PER_CHUNK = 200
# Records read from the database, and made into rows, at a time.
ROWS_PER_BATCH = 500
FORMATS = ("csv", "json")


def licence():
    """The licence of the portal's content: {"name": ..., "url": ...} (settings)."""
    return settings.CONTENT_LICENCE


# Columns -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column: `key` in JSON, `label` as the CSV header, `description` in the dictionary.

    `kind` says in the data dictionary what the values are (text, date ...).
    """

    key: str
    label: Promise
    description: Promise
    kind: Promise = _("text")

    def prepare(self, queryset):
        """The main queryset with what this column reads (annotations)."""
        return queryset

    def load(self, queryset):
        """Data read once for every record before the rows are written (or None)."""
        return None

    def value(self, record, loaded, export):
        raise NotImplementedError


@dataclass(frozen=True)
class Field(Column):
    """A field of the record, as stored (text, a number, a date)."""

    attribute: str = ""

    def value(self, record, loaded, export):
        return getattr(record, self.attribute or self.key)


@dataclass(frozen=True)
class Choice(Column):
    """A field with choices: its label (e.g. "Thematic publication"), not its code."""

    attribute: str = ""

    def value(self, record, loaded, export):
        return str(getattr(record, f"get_{self.attribute or self.key}_display")())


@dataclass(frozen=True)
class Countries(Column):
    """Country names (ISO 3166) from a country field, one or several."""

    attribute: str = ""
    kind: Promise = _("country names")

    def value(self, record, loaded, export):
        name = self.attribute or self.key
        countries = getattr(record, name)
        if record._meta.get_field(name).multiple:
            return [str(country.name) for country in countries]
        return str(countries.name) if countries else ""


@dataclass(frozen=True)
class Related(Column):
    """A field of a record reached through a foreign key; empty unless that record is public.

    `path` is the foreign key (or a chain, "speaker__organisation"); `attribute` the field read.
    """

    path: str = ""
    attribute: str = "name"

    @property
    def alias(self):
        return f"export_{self.key}"

    def prepare(self, queryset):
        # Every record along the path must be public; each is checked with its model's own
        # published() rule, as a subquery.
        condition = Q()
        model, steps = queryset.model, self.path.split("__")
        for depth, step in enumerate(steps):
            model = model._meta.get_field(step).related_model
            public = public_records(model)
            if public is not None:
                path = "__".join(steps[: depth + 1])
                condition &= Q(**{f"{path}__in": public.values("pk")})
        value = F(f"{self.path}__{self.attribute}")
        if condition:
            value = Case(When(condition, then=value), default=Value(""), output_field=CharField())
        return queryset.annotate(**{self.alias: value})

    def value(self, record, loaded, export):
        return getattr(record, self.alias) or ""


def public_records(model):
    """The records of `model` the public may see (reference data is always public)."""
    if model is Statement:  # a quote is public only with its speaker
        return public_statements()
    if issubclass(model, Publishable):
        return model._default_manager.published()
    return None


def visible_records(model):
    """What the public sees of `model`: its public records, or all of reference data."""
    records = public_records(model)
    return model._default_manager.all() if records is None else records


def _prefixed(ordering, prefix):
    """A model's Meta.ordering, for ordering rows that reach it through `prefix`."""
    prefixed = []
    for item in ordering:
        if isinstance(item, str):
            descending, name = item.startswith("-"), item.lstrip("-")
            prefixed.append(f"{'-' if descending else ''}{prefix}__{name}")
        else:  # an expression such as F("date").desc(nulls_last=True)
            prefixed.append(item.prefix_references(f"{prefix}__"))
    return prefixed


@dataclass(frozen=True)
class Many(Column):
    """The public related records of a many-to-many field (`relation`, by default the key),
    named by `attribute` ("name", "title", or a path such as "speaker__name"), in their usual
    order, each name once."""

    relation: str = ""
    attribute: str = "name"
    kind: Promise = _("list of names")

    def load(self, queryset):
        relation = queryset.model._meta.get_field(self.relation or self.key)
        through = relation.remote_field.through
        source, target = relation.m2m_field_name(), relation.m2m_reverse_field_name()
        links = through._default_manager.filter(
            **{f"{source}__in": queryset.order_by().values("pk")}
        )
        targets = public_records(relation.related_model)
        if targets is not None:
            links = links.filter(**{f"{target}__in": targets.values("pk")})
        ordering = _prefixed(relation.related_model._meta.ordering, target)
        rows = links.order_by(*ordering, "pk").values_list(
            f"{source}_id", f"{target}__{self.attribute}"
        )
        names = defaultdict(list)
        for pk, name in rows:
            if name not in names[pk]:
                names[pk].append(name)
        return names

    def value(self, record, loaded, export):
        return loaded.get(record.pk, [])


@dataclass(frozen=True)
class PageURL(Column):
    """The record's public page, as an absolute address."""

    kind: Promise = _("web address")

    def value(self, record, loaded, export):
        return export.absolute_url(record.get_absolute_url())


@dataclass(frozen=True)
class FileURL(Column):
    """An uploaded file's absolute address, empty without a file."""

    attribute: str = ""
    kind: Promise = _("web address")

    def value(self, record, loaded, export):
        upload = getattr(record, self.attribute or self.key)
        return export.absolute_url(upload.url) if upload else ""


# The columns every content type ends with.


def identifier_column():
    return Field(
        "slug",
        _("Identifier"),
        _(
            "The record's permanent identifier, the last part of its web address. "
            "Use it to join exports."
        ),
        kind=_("identifier"),
    )


def record_columns():
    return (
        Related(
            "source",
            _("Source"),
            _("The title of the document the record's facts come from."),
            path="source",
            attribute="title",
        ),
        Field(
            "published",
            _("Published"),
            _("When the record was published on the portal."),
            kind=_("date and time"),
            attribute="published_at",
        ),
        Field(
            "updated",
            _("Last changed"),
            _("When the record was last changed."),
            kind=_("date and time"),
            attribute="updated_at",
        ),
        PageURL("url", _("Web page"), _("The record's page on the portal.")),
    )


# Specifications ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportSpec:
    """What an export of one content type contains.

    `key` names the files (lessons.csv); `position` orders the data dictionary and the archive;
    `list_url_name` is the list page whose exports these are (its export URL is named
    `<list_url_name>_export`), empty for a content type without a list.
    """

    key: str
    model_label: str
    title: Promise
    description: Promise
    columns: tuple[Column, ...]
    position: int = 100
    list_url_name: str = ""

    @property
    def model(self):
        return apps.get_model(self.model_label)

    def queryset(self):
        """Every public record, as the archive and an unfiltered list have them."""
        return public_records(self.model)


EXPORTS = {}


def register(spec):
    EXPORTS[spec.key] = spec
    return spec


def registered():
    """Every export specification, in the order of the data dictionary."""
    return sorted(EXPORTS.values(), key=lambda spec: spec.position)


register(
    ExportSpec(
        "projects",
        "programme.Project",
        _("Projects"),
        _(
            "Technical assistance, support to non-State actors' local projects, regional "
            "meetings and knowledge production."
        ),
        position=30,
        list_url_name="programme:project_list",
        columns=(
            identifier_column(),
            Field("title", _("Title"), _("The project's title.")),
            Choice(
                "component",
                _("Component"),
                _("Which line of the programme's work the project belongs to."),
                attribute="kind",
            ),
            Related(
                "programme",
                _("Programme"),
                _("The programme the project was part of."),
                path="programme",
            ),
            Field("summary", _("Summary"), _("What the project did."), kind=_("Markdown text")),
            Field("results", _("Results"), _("What it achieved."), kind=_("Markdown text")),
            Many("themes", _("Themes"), _("The migration themes it worked on.")),
            Many("regions", _("Regions"), _("The regions it worked in.")),
            Countries("countries", _("Countries"), _("The countries it worked in.")),
            Many(
                "requested_by",
                _("Requested by"),
                _("The organisations that asked for it (the public ones)."),
                relation="requesting_organisations",
            ),
            Many(
                "implemented_by",
                _("Implemented by"),
                _("The organisations that carried it out (the public ones)."),
                relation="implementing_organisations",
            ),
            Field(
                "start_date",
                _("Start date"),
                _("When it started, if known."),
                kind=_("date"),
                attribute="start_date",
            ),
            Field(
                "end_date",
                _("End date"),
                _("When it ended, if known."),
                kind=_("date"),
                attribute="end_date",
            ),
            Field(
                "budget",
                _("Budget"),
                _("The budget, if the source gives one, in the currency of the next column."),
                kind=_("decimal number"),
            ),
            Field("currency", _("Currency"), _("ISO 4217 code of the budget's currency.")),
            Choice(
                "status",
                _("Project status"),
                _("Planned, ongoing or completed."),
                attribute="project_status",
            ),
            Field(
                "beneficiary_count",
                _("Number of beneficiaries"),
                _("When the source gives a number without names (e.g. 15 non-State actors)."),
                kind=_("whole number"),
                attribute="beneficiary_count",
            ),
            Field(
                "beneficiaries",
                _("Beneficiaries are"),
                _("What that number counts."),
                attribute="beneficiary_description",
            ),
            Field(
                "iati_identifier",
                _("IATI identifier"),
                _("The IATI activity identifier, if it has one."),
                attribute="iati_identifier",
            ),
            *record_columns(),
        ),
    )
)

register(
    ExportSpec(
        "stakeholders",
        "programme.Organisation",
        _("Stakeholders"),
        _("The organisations that requested, implemented, supported or took part in the work."),
        position=40,
        list_url_name="programme:organisation_list",
        columns=(
            identifier_column(),
            Field("name", _("Name"), _("The organisation's name.")),
            Field("acronym", _("Acronym"), _("Its acronym, if it has one.")),
            Choice("kind", _("Kind"), _("EU institution, ACP body, UN agency and so on.")),
            Related(
                "part_of",
                _("Part of"),
                _("The larger body this office, unit or Directorate-General belongs to."),
                path="parent",
            ),
            Countries("country", _("Country"), _("Where it is based.")),
            Field("website", _("Website"), _("Its own website."), kind=_("web address")),
            Field(
                "description",
                _("Description"),
                _("About the organisation."),
                kind=_("Markdown text"),
            ),
            FileURL("logo", _("Logo"), _("The address of its logo, if one was uploaded.")),
            *record_columns(),
        ),
    )
)

register(
    ExportSpec(
        "people",
        "programme.Person",
        _("People"),
        _("The people who spoke for the programme and its partners, as the sources name them."),
        position=50,
        list_url_name="programme:person_list",
        columns=(
            identifier_column(),
            Field("name", _("Name"), _("The person's name.")),
            Field("honorific", _("Honorific"), _("For example: Ambassador.")),
            Field("role", _("Role"), _("Job title as the source gives it.")),
            Related(
                "organisation",
                _("Organisation"),
                _("The organisation the person spoke for."),
                path="organisation",
            ),
            Field(
                "email",
                _("Public e-mail"),
                _("Only when a public source published it."),
                kind=_("e-mail address"),
            ),
            Field("phone", _("Public telephone"), _("Only when a public source published it.")),
            Field("biography", _("Biography"), _("About the person."), kind=_("Markdown text")),
            *record_columns(),
        ),
    )
)

register(
    ExportSpec(
        "events",
        "programme.Event",
        _("Events"),
        _("The programme's closing event, regional meetings and other events."),
        position=60,
        list_url_name="programme:event_list",
        columns=(
            identifier_column(),
            Field("title", _("Title"), _("The event's title.")),
            Choice("kind", _("Kind"), _("Closing event, regional peer-to-peer meeting and so on.")),
            Field("date", _("Date"), _("When it took place; empty if unknown."), kind=_("date")),
            Field("city", _("City"), _("Where it took place.")),
            Countries("country", _("Country"), _("The country where it took place.")),
            Related(
                "region",
                _("Region"),
                _("The region where it took place."),
                path="region",
            ),
            Many("themes", _("Themes"), _("The themes it covered.")),
            Field(
                "participants",
                _("Number of participants"),
                _("How many took part; empty if unknown."),
                kind=_("whole number"),
                attribute="participant_count",
            ),
            Field(
                "participants_minimum",
                _("More than this number"),
                _("True when the source says 'over' or 'more than' the number of participants."),
                kind=_("true or false"),
                attribute="participant_count_is_minimum",
            ),
            Field(
                "audience", _("Who attended"), _("The groups that attended, as the source says.")
            ),
            Many(
                "participating_organisations",
                _("Participating organisations"),
                _("The organisations that took part (the public ones)."),
                relation="participating_organisations",
            ),
            Related(
                "project",
                _("Project"),
                _("The project or meeting series the event was part of."),
                path="project",
                attribute="title",
            ),
            Field("description", _("Description"), _("About the event."), kind=_("Markdown text")),
            *record_columns(),
        ),
    )
)

register(
    ExportSpec(
        "publications",
        "programme.Publication",
        _("Publications"),
        _("Thematic publications, press releases and reports."),
        position=70,
        list_url_name="programme:publication_list",
        columns=(
            identifier_column(),
            Field("title", _("Title"), _("The publication's title.")),
            Choice("kind", _("Kind"), _("Thematic publication, press release, report ...")),
            Field("date", _("Date"), _("Its date, if known."), kind=_("date")),
            Field("year", _("Year"), _("Its year, if known."), kind=_("whole number")),
            Related(
                "publisher",
                _("Publisher"),
                _("The organisation that published it."),
                path="publisher",
            ),
            Field(
                "publisher_as_credited",
                _("Publisher as credited"),
                _("The credit line as printed, e.g. 'ACP Press'."),
                attribute="publisher_name",
            ),
            Field("language", _("Language"), _("Language code, e.g. en or fr.")),
            Many("themes", _("Themes"), _("The themes it covers.")),
            Many("regions", _("Regions"), _("The regions it covers.")),
            Related(
                "project",
                _("Project"),
                _("The project it came from."),
                path="project",
                attribute="title",
            ),
            Field("summary", _("Summary"), _("What it says."), kind=_("Markdown text")),
            Field(
                "web_address",
                _("Web address"),
                _("Where the publication can be read."),
                kind=_("web address"),
                attribute="url",
            ),
            FileURL("file", _("File"), _("The address of the uploaded file, if any.")),
            *record_columns(),
        ),
    )
)

register(
    ExportSpec(
        "statements",
        "programme.Statement",
        _("Statements"),
        _(
            "Quotations, word for word. They remain the words of their speakers: "
            "cite the speaker and the source."
        ),
        position=80,
        columns=(
            identifier_column(),
            Related(
                "speaker",
                _("Speaker"),
                _("Who said it."),
                path="speaker",
            ),
            Related(
                "speaker_role",
                _("Speaker's role"),
                _("The speaker's job title as the source gives it."),
                path="speaker",
                attribute="role",
            ),
            Related(
                "speaker_organisation",
                _("Speaker's organisation"),
                _("The organisation the speaker spoke for."),
                path="speaker__organisation",
            ),
            Field("words", _("Words"), _("The quotation, word for word."), attribute="text"),
            Related(
                "event",
                _("Event"),
                _("The event where it was said."),
                path="event",
                attribute="title",
            ),
            Many("themes", _("Themes"), _("The themes it speaks to.")),
            *record_columns(),
        ),
    )
)


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
        self.created = timezone.now()
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
    """Text a spreadsheet will not run as a formula."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def csv_comment(export):
    """The first line: what the file is, under which licence, made when, from where."""
    meta = export.metadata(None)
    with translation.override(export.language):
        # Labels outside f-strings, where makemessages can find them.
        parts = [
            (_("Licence"), f"{meta['licence']} {meta['licence_url']}"),
            (_("Made"), meta["created"]),
            (_("Source"), meta["source"]),
            (_("Columns"), meta["data_dictionary"]),
        ]
        text = " | ".join([meta["title"], *(f"{label}: {value}" for label, value in parts)])
    # Without quotes or line breaks the line cannot run into the next one.
    text = " ".join(text.replace('"', "'").split())
    return f"# {text}\r\n"


def csv_chunks(export):
    """The export as CSV, a few rows at a time: a byte order mark (so that spreadsheets read
    UTF-8 accents correctly), a comment line starting with "#", the header, the rows."""
    writer = csv.writer(Echo())
    yield "\ufeff" + csv_comment(export)
    yield writer.writerow(export.header())
    lines = []
    for row in export.rows():
        lines.append(writer.writerow([neutralise(csv_text(value)) for value in row.values()]))
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


CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}
WRITERS = {"csv": csv_chunks, "json": json_chunks}


def export_response(export, format, filename):
    """A streaming response of the export in `format` ("csv" or "json")."""
    response = streaming_response(WRITERS[format](export), content_type=CONTENT_TYPES[format])
    disposition = "attachment" if format == "csv" else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}.{format}"'
    response["Link"] = f'<{licence()["url"]}>; rel="license"'
    # Copies of the lists: search engines should index the pages instead.
    response["X-Robots-Tag"] = "noindex"
    # Published data anyone may reuse, from a page on another site too; no cookie is read.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def absolute_url_from(base_url):
    """A function that turns a path into a full address under `base_url`."""
    base = base_url.rstrip("/") + "/"
    return lambda path: urljoin(base, path.lstrip("/"))
