"""Write the whole public content to a folder, to archive it or move it elsewhere."""

from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from programme.opendata.archive import FIXTURE_NAME, ZIP_NAME, write_csv_zip, write_fixture
from programme.opendata.exports import absolute_url_from

LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "testserver"}


def default_base_url():
    """The site's address: the first real host name it serves, else a local copy's."""
    for host in settings.ALLOWED_HOSTS:
        if host != "*" and not host.startswith(".") and host not in LOCAL_HOSTS:
            return f"https://{host}"
    return "http://127.0.0.1:8000"


class Command(BaseCommand):
    help = (
        "Write the whole public content (published records, regions and themes) to a folder: "
        f"{FIXTURE_NAME}, which 'load_content --directory' or 'loaddata' loads into another "
        f"installation, and {ZIP_NAME}, one CSV file per content type with the columns of "
        "the web exports and a README.txt naming the licence and the date."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", type=Path, required=True, help="The folder to write to (created)."
        )
        parser.add_argument(
            "--base-url",
            help=(
                "The site's address, for the links to each record's page, e.g. "
                "https://portal.example.org (default: the first of DJANGO_ALLOWED_HOSTS)."
            ),
        )

    def handle(self, *args, output, base_url, **options):
        output, base_url = Path(output), base_url or default_base_url()
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise CommandError(
                f"--base-url must be like https://portal.example.org, not {base_url!r}."
            )
        try:
            output.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CommandError(f"Cannot create {output}: {error}") from error

        # Written beside, then renamed: an interrupted export never leaves half a file.
        fixture, archive = output / FIXTURE_NAME, output / ZIP_NAME
        partial_fixture = fixture.with_name(fixture.name + ".part")
        partial_archive = archive.with_name(archive.name + ".part")
        try:
            records = write_fixture(partial_fixture)
            files = write_csv_zip(partial_archive, absolute_url_from(base_url))
            partial_fixture.replace(fixture)
            partial_archive.replace(archive)
        finally:
            partial_fixture.unlink(missing_ok=True)
            partial_archive.unlink(missing_ok=True)

        if options["verbosity"] >= 1:
            for label, count in records.items():
                self.stdout.write(f"{label}: {count}")
            self.stdout.write(
                self.style.SUCCESS(
                    f"Wrote {fixture} ({sum(records.values())} records) and {archive} "
                    f"({len(files)} CSV files)."
                )
            )
