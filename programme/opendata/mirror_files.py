"""Writing the static mirror: its files, README.txt, SHA256SUMS and the WARC file."""

import mimetypes
import shutil
from io import BytesIO

from programme.opendata.exports import licence, plain
from programme.opendata.mirror import sha256

README = """ACP-EU Migration Action knowledge portal: a static copy

Built: {built}
From: {base_url}
Licence of the content: {licence_name} ({licence_url})

This folder is the public portal as it was when it was built: {pages} pages in English and
French, under the same addresses as on the live site, with the feeds, the sitemap,
robots.txt, the data dictionary and every list's CSV and JSON exports. Any static web host
serves it as it is; to read it on your own computer, run in this folder

    python3 -m http.server 8000

and open http://127.0.0.1:8000/ (the pages use addresses that start with "/", so opening
the files directly in a browser does not follow the links).

Search runs in the browser (JavaScript), over search/index.json (English) and
fr/search/index.json (French); without JavaScript the search page lists every theme and
record. Filters, sorting and page numbers of the lists need the live site: here a list
shows its first page, and its exports hold every record. The admin and the form to
suggest a correction are not part of the copy.

Quotations (statements) remain the words of their speakers; the press release of the
programme's closing event (11 July 2019) is (c) its publisher, ACP Press, and is cited as
the source of the records that come from it. The software is not part of this copy.

SHA256SUMS lists a checksum of every other file; check them with

    sha256sum -c SHA256SUMS
"""


def write(output, relative, body):
    path = output / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body)
    return path


def copy_static(output, url_path, disk):
    target = output / url_path.lstrip("/")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(disk, target)
    return target


def readme(built_at, base_url, page_count):
    return README.format(
        built=plain(built_at),
        base_url=base_url,
        licence_name=licence()["name"],
        licence_url=licence()["url"],
        pages=page_count,
    ).encode("utf-8")


def write_checksums(output):
    """SHA256SUMS of every file but itself, sorted by name (the format sha256sum -c reads)."""
    files = sorted(
        path.relative_to(output).as_posix()
        for path in output.rglob("*")
        if path.is_file() and path.name != "SHA256SUMS"
    )
    lines = [f"{sha256(output / name)}  {name}\n" for name in files]
    (output / "SHA256SUMS").write_text("".join(lines), encoding="utf-8")
    return len(files)


def content_type_of(name, known):
    if name in known:
        return known[name]
    guessed, _encoding = mimetypes.guess_type(name)
    if guessed and guessed.startswith("text/"):
        guessed += "; charset=utf-8"
    return guessed or "application/octet-stream"


def write_warc(warc_path, output, base_url, content_types, built_at):
    """One WARC file (ISO 28500, gzip-compressed records) with a warcinfo record and one
    response record per file of the mirror, at the address the file copies."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    base = base_url.rstrip("/")
    files = sorted(
        path.relative_to(output).as_posix() for path in output.rglob("*") if path.is_file()
    )
    with open(warc_path, "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        info = writer.create_warcinfo_record(
            warc_path.name,
            {
                "software": "ACP-EU Migration Action knowledge portal, build_static_site",
                "format": "WARC File Format 1.1",
                "isPartOf": base_url,
                "description": "The public portal as a static site, built " + plain(built_at),
                "license": licence()["url"],
            },
        )
        writer.write_record(info)
        for name in files:
            address = name[: -len("index.html")] if name.endswith("index.html") else name
            body = (output / name).read_bytes()
            headers = StatusAndHeaders(
                "200 OK",
                [
                    ("Content-Type", content_type_of(name, content_types)),
                    ("Content-Length", str(len(body))),
                ],
                protocol="HTTP/1.1",
            )
            record = writer.create_warc_record(
                f"{base}/{address}",
                "response",
                payload=BytesIO(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": plain_warc_date(built_at)},
            )
            writer.write_record(record)
    return len(files)


def plain_warc_date(when):
    from datetime import timezone as dt_timezone

    return when.astimezone(dt_timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
