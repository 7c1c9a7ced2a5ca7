"""The columns of the open data exports: what a column holds, its label, meaning and kind.

A column that is a field of the model takes its label and meaning from the field's
`verbose_name` and `help_text`, and the kind of its values from the field's type; an export
spells out only what the model does not say. Only what the public may see leaves: a related
record (a stakeholder, an event, a speaker) is named only when it is public itself.
"""

from collections import defaultdict
from dataclasses import dataclass, replace
from types import SimpleNamespace

from django.conf import settings
from django.db import models
from django.db.models import Case, CharField, F, Q, Value, When
from django.utils import translation
from django.utils.functional import Promise, lazy
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from programme.models import Publishable, slug_url
from programme.translation import field_name, language_codes, translate

# Related items of a many-to-many column in one CSV cell.
CSV_SEPARATOR = "; "


@dataclass(frozen=True)
class Kind:
    """What the values of a column are: said in words in the data dictionary (`label`), and
    as a CSV on the Web datatype in the metadata file (`datatype`)."""

    label: Promise
    datatype: str | dict = "string"
    # Several values in one cell, separated by this (CSV on the Web's "separator").
    separator: str = ""

    def __str__(self):
        return str(self.label)


TEXT = Kind(_("text"))
MARKDOWN = Kind(_("Markdown text"))
IDENTIFIER = Kind(_("identifier"))
DATE = Kind(_("date"), "date")
DATE_TIME = Kind(_("date and time"), "datetime")
DECIMAL = Kind(_("decimal number"), "decimal")
WHOLE_NUMBER = Kind(_("whole number"), "integer")
BOOLEAN = Kind(_("true or false"), {"base": "boolean", "format": "true|false"})
WEB_ADDRESS = Kind(_("web address"), "anyURI")
EMAIL = Kind(_("e-mail address"))
COUNTRY_NAMES = Kind(_("country names"), separator=CSV_SEPARATOR)
NAMES = Kind(_("list of names"), separator=CSV_SEPARATOR)
TITLES = Kind(_("list of titles"), separator=CSV_SEPARATOR)

# The kind of a model field's values, by its class (the first that matches).
FIELD_KINDS = (
    (models.SlugField, IDENTIFIER),
    (models.URLField, WEB_ADDRESS),
    (models.EmailField, EMAIL),
    (models.DateTimeField, DATE_TIME),
    (models.DateField, DATE),
    (models.DecimalField, DECIMAL),
    (models.IntegerField, WHOLE_NUMBER),
    (models.BooleanField, BOOLEAN),
)


def field_kind(field):
    return next((kind for cls, kind in FIELD_KINDS if isinstance(field, cls)), TEXT)


MARKDOWN_NOTE = "Markdown."


def meaning(help_text, kind):
    """What a field's help text says of its value: without the note "Markdown." that tells
    editors how to write it, which the column's kind says."""
    if kind is not MARKDOWN:
        return help_text
    with translation.override(None):  # the help text as written, in English
        if not str(help_text).removesuffix(MARKDOWN_NOTE).strip():
            return ""
    return lazy(lambda: str(help_text).removesuffix(MARKDOWN_NOTE).strip(), str)()


@dataclass(frozen=True)
class Column:
    """One column: `key` in JSON, `label` as the CSV header, `description` in the dictionary.

    A column that is a field of the model (`model_field` says which) leaves `label`,
    `description` and `kind` empty, and they come from the field; `description` is given only
    where the field's help text is an instruction to editors ("Markdown.", "Leave empty if
    unknown.") rather than what the value means, and `label` only for a column that is not
    the field itself (a speaker's role, the speakers of the statements).
    """

    key: str
    label: Promise | None = None
    description: Promise | None = None
    kind: Kind | None = None

    def model_field(self, model):
        """The model field this column shows, or None."""
        return None

    def bound(self, model):
        """The column with its label, description and kind filled in from `model`."""
        field = self.model_field(model)
        if field is None:
            return self
        kind = self.kind or self.field_kind(field)
        return replace(
            self,
            label=self.label or capfirst(field.verbose_name),
            description=self.description or meaning(field.help_text, kind),
            kind=kind,
        )

    def field_kind(self, field):
        return field_kind(field)

    def prepare(self, queryset):
        """The main queryset with what this column reads (annotations)."""
        return queryset

    def load(self, queryset):
        """Data read once for every record before the rows are written (or None)."""
        return None

    def value(self, record, loaded, export):
        raise NotImplementedError


def _target(model, path):
    """(model, field name) at the end of `path` ("title", "speaker__name")."""
    *steps, name = path.split("__")
    for step in steps:
        model = model._meta.get_field(step).related_model
    return model, name


def text_fields(model, path):
    """What to read for the text at `path`: with its translations and the original language
    of its record when it is translatable, so that translate() can fall back."""
    target, name = _target(model, path)
    if name not in getattr(target, "translated_fields", ()):
        return [path]
    prefix = path[: -len(name)]
    return [f"{prefix}{field_name(name, code)}" for code in language_codes()] + [
        f"{prefix}original_language"
    ]


def text_value(path, values):
    """The text at `path` from the values read for text_fields(), in the active language or
    its fallback."""
    if len(values) == 1:
        return values[0]
    name = path.rsplit("__", 1)[-1]
    *texts, original_language = values
    record = SimpleNamespace(original_language=original_language or settings.LANGUAGE_CODE)
    for code, text in zip(language_codes(), texts, strict=True):
        setattr(record, field_name(name, code), text)
    return str(translate(record, name))


@dataclass(frozen=True)
class Field(Column):
    """A field of the record, as stored (text, a number, a date); a translatable text in the
    export's language, or the language it was written in."""

    attribute: str = ""

    def model_field(self, model):
        return model._meta.get_field(self.attribute or self.key)

    def value(self, record, loaded, export):
        name = self.attribute or self.key
        if name in getattr(record, "translated_fields", ()):
            return str(translate(record, name))
        return getattr(record, name)


@dataclass(frozen=True)
class Choice(Field):
    """A field with choices: its label (e.g. "Thematic publication"), not its code."""

    def field_kind(self, field):
        return TEXT

    def value(self, record, loaded, export):
        return str(getattr(record, f"get_{self.attribute or self.key}_display")())


@dataclass(frozen=True)
class Countries(Field):
    """Country names (ISO 3166) from a country field, one or several."""

    def field_kind(self, field):
        return COUNTRY_NAMES if field.multiple else TEXT

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
    Label and description come from the foreign key when the column names the record it
    points to.
    """

    path: str = ""
    attribute: str = "name"

    @property
    def alias(self):
        return f"export_{self.key}"

    def model_field(self, model):
        """The foreign key, when the column names the record it points to."""
        if "__" in self.path or self.attribute not in ("name", "title"):
            return None
        return model._meta.get_field(self.path)

    def field_kind(self, field):
        return TEXT

    def prepare(self, queryset):
        # Every record along the path must be public; each is checked with its model's own
        # published() rule, as a subquery.
        condition = Q()
        model, steps = queryset.model, self.path.split("__")
        for depth, step in enumerate(steps):
            model = model._meta.get_field(step).related_model
            if issubclass(model, Publishable):
                path = "__".join(steps[: depth + 1])
                public = model._default_manager.published()
                condition &= Q(**{f"{path}__in": public.values("pk")})
        annotations = {}
        for number, path in enumerate(self.reads(queryset.model)):
            value = F(path)
            if condition:
                value = Case(
                    When(condition, then=value), default=Value(""), output_field=CharField()
                )
            annotations[f"{self.alias}_{number}"] = value
        return queryset.annotate(**annotations)

    def reads(self, model):
        return text_fields(model, f"{self.path}__{self.attribute}")

    def value(self, record, loaded, export):
        paths = self.reads(type(record))
        values = [getattr(record, f"{self.alias}_{n}") for n in range(len(paths))]
        return text_value(self.attribute, values) or ""


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

    def model_field(self, model):
        return model._meta.get_field(self.relation or self.key)

    def field_kind(self, field):
        return NAMES if self.attribute.endswith("name") else TITLES

    def load(self, queryset):
        relation = queryset.model._meta.get_field(self.relation or self.key)
        through = relation.remote_field.through
        source, target = relation.m2m_field_name(), relation.m2m_reverse_field_name()
        links = through._default_manager.filter(
            **{f"{source}__in": queryset.order_by().values("pk")}
        )
        if issubclass(relation.related_model, Publishable):
            targets = relation.related_model._default_manager.published()
            links = links.filter(**{f"{target}__in": targets.values("pk")})
        ordering = _prefixed(relation.related_model._meta.ordering, target)
        reads = text_fields(relation.related_model, self.attribute)
        rows = links.order_by(*ordering, "pk").values_list(
            f"{source}_id", *(f"{target}__{path}" for path in reads)
        )
        names = defaultdict(list)
        for pk, *values in rows:
            name = text_value(self.attribute, values)
            if name not in names[pk]:
                names[pk].append(name)
        return names

    def value(self, record, loaded, export):
        return loaded.get(record.pk, [])


@dataclass(frozen=True)
class PageURL(Column):
    """The record's public page, as an absolute address."""

    kind: Kind = WEB_ADDRESS

    def value(self, record, loaded, export):
        return export.absolute_url(record.get_absolute_url())


@dataclass(frozen=True)
class FileURL(Field):
    """The address of the public view that serves an uploaded file (`url_name`, given the
    record's slug), empty without a file. Never the storage's own address, which the public
    cannot reach, nor the uploader's file name."""

    url_name: str = ""

    def field_kind(self, field):
        return WEB_ADDRESS

    def value(self, record, loaded, export):
        upload = getattr(record, self.attribute or self.key)
        return export.absolute_url(slug_url(self.url_name, record.slug)) if upload else ""


# The columns every content type ends with.


def identifier_column():
    return Field(
        "slug",
        description=_(
            "The record's permanent identifier, the last part of its web address. "
            "Use it to join exports."
        ),
    )


def record_columns():
    return (
        Many(
            "sources",
            description=_("The addresses of the public pages its facts come from."),
            attribute="url",
        ),
        Field(
            "published",
            description=_("When the record was published on the portal."),
            attribute="published_at",
        ),
        Field(
            "updated",
            description=_("When the record was last changed."),
            attribute="updated_at",
        ),
        PageURL("url", _("Web page"), _("The record's page on the portal.")),
    )
