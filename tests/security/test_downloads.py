"""Uploaded files: served through a view, only when public, in a form that cannot run as a page."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.urls import Resolver404, resolve, reverse

from programme.models import Publication
from tests.admin_forms import admin_url
from tests.factories import drafts, make_publication, make_staff
from tests.programme.test_uploads import PDF, docx_bytes

pytestmark = pytest.mark.django_db

SECRET = b"SECRET_KEY = 'outside the media folder'\n"


@pytest.fixture
def media(settings, tmp_path):
    """A real folder on disk as MEDIA_ROOT, with a file beside it that must never be served."""
    root = tmp_path / "media"
    root.mkdir()
    (tmp_path / "settings.py").write_bytes(SECRET)
    settings.MEDIA_ROOT = root
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root)},
        },
    }
    return root


def with_file(publication, name="Annual report (final).pdf", content=PDF):
    publication.file.save(name, ContentFile(content))
    return publication


def file_url(publication):
    return reverse("programme:publication_file", args=[publication.slug])


def test_a_public_file_is_an_attachment_that_cannot_run_as_a_page(client, media):
    publication = with_file(make_publication(slug="annual-report"))
    response = client.get(file_url(publication))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="annual-report.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    # The file is stored under its own name, but the download is named after the slug.
    assert publication.file.name.startswith("publications/Annual_report")


def test_the_content_type_follows_the_validated_kind(client, media):
    publication = with_file(make_publication(), "notes.docx", docx_bytes())
    response = client.get(file_url(publication))
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    # A name the validator would never have accepted is sent as opaque bytes, not as a page.
    Publication.objects.filter(pk=publication.pk).update(file="publications/page.html")
    media.joinpath("publications", "page.html").write_bytes(b"<script>alert(1)</script>")
    response = client.get(file_url(publication))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == f'attachment; filename="{publication.slug}"'


def test_the_detail_page_links_to_the_download_view(client, media):
    publication = with_file(make_publication())
    body = client.get(publication.get_absolute_url()).content.decode()
    assert f'href="{file_url(publication)}"' in body
    assert "/media/" not in body


def test_a_drafts_file_is_not_found_for_visitors_and_served_to_staff(client, media):
    publication = with_file(drafts.make_publication())
    assert client.get(file_url(publication)).status_code == 404
    client.force_login(make_staff())
    response = client.get(file_url(publication))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    # Nobody between the server and the editor may keep a copy of a draft.
    assert "private" in response["Cache-Control"]


def test_no_file_or_a_missing_file_is_not_found(client, media):
    assert client.get(file_url(make_publication())).status_code == 404
    publication = with_file(make_publication())
    (media / publication.file.name).unlink()
    assert client.get(file_url(publication)).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/publications/..%2f..%2fsettings.py/file/",
        "/publications/..%2F..%2Fsettings.py/file/",
        "/publications/%2e%2e/file/",
        "/publications/report%00/file/",
        "/publications/report/file/..%2f..%2fsettings.py",
        "/publications/report/file/%00",
        "/publications/report/file/../../settings.py",
    ],
)
def test_traversal_in_the_address_is_not_found(client, media, path):
    with_file(make_publication(slug="report"))
    response = client.get(path)
    assert response.status_code == 404
    assert SECRET not in response.getvalue()


@pytest.mark.parametrize(
    "stored_name", ["../settings.py", "publications/../../settings.py", "report\x00.pdf"]
)
def test_a_stored_name_that_leaves_the_media_folder_is_not_found(
    client, media, caplog, stored_name
):
    if "\x00" in stored_name and connection.vendor == "postgresql":
        pytest.skip("PostgreSQL cannot store a NUL byte in text: such a name cannot exist")
    publication = with_file(make_publication())
    Publication.objects.filter(pk=publication.pk).update(file=stored_name)
    response = client.get(file_url(publication))
    assert response.status_code == 404
    assert SECRET not in response.getvalue()
    assert "Refused to serve publication" in caplog.text


def test_a_symlink_out_of_the_media_folder_is_not_followed(client, media):
    publication = make_publication()
    (media / "publications").mkdir()
    (media / "publications" / "link.pdf").symlink_to(media.parent / "settings.py")
    Publication.objects.filter(pk=publication.pk).update(file="publications/link.pdf")
    assert client.get(file_url(publication)).status_code == 404


def test_only_get_and_head(client, media):
    publication = with_file(make_publication())
    assert client.head(file_url(publication)).status_code == 200
    assert client.post(file_url(publication)).status_code == 405


def test_nothing_serves_the_media_folder(client, media, settings):
    publication = with_file(make_publication())
    direct = settings.MEDIA_URL + publication.file.name
    with pytest.raises(Resolver404):
        resolve(direct)
    assert client.get(direct).status_code == 404
    # Nor whitenoise or the static files: the media folder is not among them.
    static_folders = [settings.STATIC_ROOT, *settings.STATICFILES_DIRS]
    assert not any(media.is_relative_to(folder) for folder in static_folders)
    assert not getattr(settings, "WHITENOISE_ROOT", None)


def test_the_admin_links_the_current_file_to_the_download_view(client, media):
    publication = with_file(drafts.make_publication())
    client.force_login(make_staff())
    body = client.get(admin_url(Publication, "change", publication.pk)).content.decode()
    assert f'href="{file_url(publication)}"' in body
    assert "/media/" not in body
