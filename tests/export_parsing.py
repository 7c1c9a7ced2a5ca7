"""Reading exports back the way a user's tools would: csv, json and an XML parser."""

import codecs
import csv
import io
import json

from django.http import StreamingHttpResponse
from django.urls import reverse

from programme.opendata.exports import Export, absolute_url_from, csv_chunks, json_chunks

BASE_URL = "https://data.portal.test"


def content(response):
    """The body of a response, streamed or not."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def parse_csv(data):
    """(header, rows as dicts) of a CSV export given as bytes, read as a program reads a CSV
    file: the first line is the header, every other line a record of as many cells."""
    assert data.startswith(codecs.BOM_UTF8), "no UTF-8 byte order mark"
    # utf-8-sig, as pandas and Python programs read it: the mark is not part of the header.
    reader = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    header = next(reader)
    assert header and not header[0].startswith("#"), header
    rows = list(reader)
    assert all(len(row) == len(header) for row in rows), "a row with a different cell count"
    return header, [dict(zip(header, row, strict=True)) for row in rows]


def parse_json(data):
    return json.loads(data.decode("utf-8"))


def run_export(spec, queryset=None, fmt="csv"):
    """An export written out in full, as bytes, without a request."""
    export = Export(
        spec,
        spec.queryset() if queryset is None else queryset,
        absolute_url=absolute_url_from(BASE_URL),
        source_url=f"{BASE_URL}/source/",
    )
    writer = csv_chunks if fmt == "csv" else json_chunks
    return "".join(writer(export)).encode("utf-8")


def list_slugs(client, list_name, params):
    """The slugs of every record the HTML list shows for `params`, over all its pages."""
    response = client.get(reverse(list_name), params)
    assert response.status_code == 200
    return [record.slug for record in response.context["paginator"].object_list]


def exported_slugs(client, list_name, params):
    """The slugs in the list's CSV and JSON exports for `params`, after checking that both
    stream and agree with each other."""
    slugs = {}
    for fmt in ("csv", "json"):
        response = client.get(reverse(f"{list_name}_export", kwargs={"format": fmt}), params)
        assert response.status_code == 200, fmt
        assert isinstance(response, StreamingHttpResponse), fmt
        data = content(response)
        if fmt == "csv":
            slugs[fmt] = [row["Slug"] for row in parse_csv(data)[1]]
        else:
            parsed = parse_json(data)
            slugs[fmt] = [record["slug"] for record in parsed["records"]]
            assert parsed["count"] == len(slugs[fmt])
    assert slugs["csv"] == slugs["json"]
    return slugs["csv"]
