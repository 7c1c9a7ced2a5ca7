"""Write the public site as static files (and, if asked, as one WARC file)."""

import shutil
import time
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from programme.management.commands.export_content import default_base_url
from programme.opendata import exports, mirror_files, mirror_search
from programme.opendata.building import BUILDING
from programme.opendata.mirror import Renderer, rendering_settings


def parse_time(value):
    try:
        when = datetime.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--built-at must be an ISO 8601 time, not {value!r}.") from error
    return when if timezone.is_aware(when) else timezone.make_aware(when)


class Command(BaseCommand):
    help = (
        "Write every public page, in every language, with the static files, feeds, sitemap, "
        "robots.txt, data dictionary and every list's exports, under the same addresses, to a "
        "folder any static host serves; with a search that runs in the browser, a README.txt "
        "and SHA256SUMS. --warc also writes the copy as one WARC file."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, required=True, help="The folder to write.")
        parser.add_argument("--warc", type=Path, help="Also write this WARC file (.warc.gz).")
        parser.add_argument(
            "--base-url",
            help=(
                "The live site's address, which the copy's absolute links (sitemap, feeds, "
                "canonical addresses) and the WARC records name (default: the first of "
                "DJANGO_ALLOWED_HOSTS)."
            ),
        )
        parser.add_argument(
            "--built-at",
            help="The build time to state (ISO 8601; default: now). Two builds of the same "
            "content with the same time are identical, file for file.",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Empty the output folder first if it is not empty.",
        )

    def handle(self, *args, output, warc, base_url, built_at, replace, **options):
        started = time.monotonic()
        base_url = (base_url or default_base_url()).rstrip("/")
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise CommandError(
                f"--base-url must be like https://portal.example.org, not {base_url!r}."
            )
        built_at = parse_time(built_at) if built_at else timezone.now().replace(microsecond=0)
        output = Path(output)
        if output.exists() and any(output.iterdir()):
            if not replace:
                raise CommandError(f"{output} is not empty (use --replace to empty it first).")
            shutil.rmtree(output)
        output.mkdir(parents=True, exist_ok=True)
        say = self.progress(options["verbosity"])

        building = BUILDING.set(True)
        created = exports.CREATED_AT.set(built_at)
        try:
            with rendering_settings(parts.netloc):
                say("Rendering the pages ...")
                renderer = Renderer(base_url, progress=say)
                result = renderer.render()
                content_types = {}
                for page in result.pages:
                    mirror_files.write(output, page.file, page.body)
                    content_types[page.file] = page.content_type
                say("The search index ...")
                documents = mirror_search.documents(result.pages)
                index_bytes, search_html = 0, []
                for language, language_documents in documents.items():
                    path, html = mirror_search.search_page(language, language_documents, base_url)
                    search_file = mirror_files.write(output, path.lstrip("/") + "index.html", html)
                    index = mirror_search.index_json(language_documents)
                    mirror_files.write(output, path.lstrip("/") + "index.json", index)
                    content_types[search_file.relative_to(output).as_posix()] = (
                        "text/html; charset=utf-8"
                    )
                    index_bytes += len(index)
                    search_html.append(html)
                say("The static files ...")
                for url_path, disk in renderer.static_files(result.static_links, search_html):
                    mirror_files.copy_static(output, url_path, disk)
        finally:
            exports.CREATED_AT.reset(created)
            BUILDING.reset(building)

        html_pages = sum(1 for page in result.pages if page.is_html) + len(documents)
        mirror_files.write(
            output, "README.txt", mirror_files.readme(built_at, base_url, html_pages)
        )
        checked = mirror_files.write_checksums(output)
        if warc:
            say(f"The WARC file {warc} ...")
            records = mirror_files.write_warc(warc, output, base_url, content_types, built_at)
            say(f"{records} response records written to {warc}")
        for path, why in sorted(result.skipped.items()):
            if why != "needs the live site":
                self.stderr.write(f"Left out {path}: {why}")

        size = sum(path.stat().st_size for path in output.rglob("*") if path.is_file())
        if options["verbosity"] >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Wrote {output}: {html_pages} HTML pages, {checked + 1} files, "
                    f"{size / 1_000_000:.1f} MB, search index {index_bytes / 1000:.0f} KB, "
                    f"in {time.monotonic() - started:.1f} s."
                )
            )

    def progress(self, verbosity):
        def say(message):
            if verbosity >= 1:
                self.stdout.write(message)

        return say
