"""The whole public content, to keep after the site is switched off (manage.py export_content).

Two files:
- `01-public-content.json`: every published record, with the regions and themes, in Django's
  fixture format with natural keys (slugs). `load_content --directory` or `loaddata` loads it
  into an empty database of another installation.
- `public-content-csv.zip`: one CSV file per content type, with the columns of the web exports
  (programme/opendata/exports.py), each with its CSV on the Web metadata file beside it
  (`lessons.csv-metadata.json`), and a README.txt naming the licence and the date.

Only what the public may see is written: the records of each model's published() rule (which
leaves out a record whose parent is not public: a project of an unpublished programme, a
statement of an unpublished speaker); a reference to a record that is not public is left
empty, and a many-to-many link to one is dropped.
"""

import json
import zipfile
from io import TextIOWrapper

from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import timezone

from programme import registry
from programme.opendata.exports import Export, csv_chunks, licence, plain, registered

FIXTURE_NAME = "01-public-content.json"
ZIP_NAME = "public-content-csv.zip"


def models_in_loading_order():
    """The registered content types' models, each as far as it can be after the models it links
    to (links can go round in circles: a record cites a publication that names a project, whose
    records cite publications; Django's loading takes such forward references)."""
    remaining = [content_type.model for content_type in registry.registered()]
    ordered = []
    while remaining:

        def waiting_for(model):
            links = [*model._meta.concrete_fields, *model._meta.many_to_many]
            return len(
                {
                    field.related_model
                    for field in links
                    if field.is_relation and field.related_model in remaining
                }
                - {model}
            )

        model = min(remaining, key=waiting_for)  # the first of the least waiting
        remaining.remove(model)
        ordered.append(model)
    return ordered


def _without_hidden_references(record, model, kept):
    """Empty the references to records the archive does not keep (natural keys: [slug])."""
    fields = record["fields"]
    for field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
        target = field.related_model
        if not field.is_relation or target not in kept or field.name not in fields:
            continue
        value = fields[field.name]
        if field.many_to_many:
            fields[field.name] = [key for key in value if key[0] in kept[target]]
        elif value is not None and value[0] not in kept[target]:
            fields[field.name] = None
    return record


def write_fixture(path):
    """Write the fixture file; return {model label: number of records}."""
    models = models_in_loading_order()
    querysets = {model: model._default_manager.published() for model in models}
    kept = {model: set(qs.values_list("slug", flat=True)) for model, qs in querysets.items()}
    counts = {}
    with path.open("w", encoding="utf-8") as out:
        out.write("[")
        separator = "\n"
        for model in models:
            relations = [f.name for f in model._meta.concrete_fields if f.is_relation]
            many = [f.name for f in model._meta.many_to_many]
            queryset = (
                querysets[model].select_related(*relations).prefetch_related(*many).order_by("pk")
            )
            records = serializers.serialize(
                "python",
                queryset.iterator(chunk_size=500),
                use_natural_foreign_keys=True,
                use_natural_primary_keys=True,
            )
            for record in records:
                record = _without_hidden_references(record, model, kept)
                text = json.dumps(record, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
                out.write(separator + text)
                separator = ",\n"
            counts[model._meta.label] = len(kept[model])
        out.write("\n]\n")
    return counts


README = """{title}

Made: {made}
From: {base_url}
Licence: {licence_name} ({licence_url})

The published content of the portal, one CSV file per content type:
{files}

Every file is UTF-8 with a byte order mark; its first line is the header. Beside each is
its description in the W3C "CSV on the Web" format (lessons.csv-metadata.json): licence,
source, date, and the name, meaning and type of each column. Several related items in one
cell are separated by "; ". A value that starts with =, +, -, @, a tab or a carriage return has an
apostrophe in front, so that spreadsheets do not run it as a formula. Every column is
described in the data dictionary: {dictionary_url}

Quotations (statements) remain the words of their speakers: quote them word for word, naming
the speaker and the source. The press release of the programme's closing event
(11 July 2019) is © its publisher, ACP Press, and is cited as the source of the records that
come from it.
"""


def write_csv_zip(path, absolute_url):
    """Write the zip of CSV files; return {file name: number of records}."""
    made = timezone.now()
    counts = {}
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for spec in registered():
            name = f"{spec.key}.csv"
            export = Export(
                spec,
                spec.queryset(),
                absolute_url=absolute_url,
                source_url=absolute_url(reverse("programme:data_dictionary")) + f"#{spec.key}",
            )
            member_info = zipfile.ZipInfo(name, date_time=timezone.localtime(made).timetuple()[:6])
            member_info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(member_info, "w") as member:
                text = TextIOWrapper(member, encoding="utf-8", newline="")
                for chunk in csv_chunks(export):
                    text.write(chunk)
                text.flush()
                text.detach()
            metadata = json.dumps(export.csvw(name), ensure_ascii=False, indent=1)
            archive.writestr(f"{name}-metadata.json", metadata)
            counts[name] = export.count()
        files = "\n".join(
            f"- {spec.key}.csv: {spec.title} ({counts[f'{spec.key}.csv']})" for spec in registered()
        )
        archive.writestr(
            "README.txt",
            README.format(
                title="ACP-EU Migration Action knowledge portal",
                made=plain(made),
                base_url=absolute_url("/"),
                licence_name=licence()["name"],
                licence_url=licence()["url"],
                files=files,
                dictionary_url=absolute_url(reverse("programme:data_dictionary")),
            ),
        )
    return counts
