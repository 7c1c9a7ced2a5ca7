"""Uploads are checked by content: documents for publications, images for pictures."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from programme.models import Organisation, Publication
from programme.publishing.roles import PUBLISHERS
from programme.validators import validate_document
from tests.admin_forms import admin_url
from tests.factories import drafts as f

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "navy").save(buffer, "PNG")
    return buffer.getvalue()


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(
    ("name", "content"),
    [("report.pdf", PDF), ("REPORT.PDF", PDF), ("notes.docx", docx_bytes())],
)
def test_documents_are_accepted(name, content):
    validate_document(upload(name, content))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", HTML),  # a web page renamed .pdf
        ("report.pdf", b"#!/bin/sh\nrm -rf /\n"),
        ("report.html", HTML),
        ("report.docx", PDF),  # a real document, but not what its name says
        ("report", PDF),
    ],
)
def test_other_content_is_refused_whatever_its_name(name, content):
    with pytest.raises(ValidationError) as error:
        validate_document(upload(name, content))
    assert error.value.code == "invalid_document"


def test_a_file_over_the_limit_is_refused(settings):
    settings.MAX_UPLOAD_MB = 1
    big = PDF + b"0" * (1024 * 1024)
    with pytest.raises(ValidationError) as error:
        validate_document(upload("big.pdf", big))
    assert error.value.code == "file_too_large"
    validate_document(upload("small.pdf", PDF))


@pytest.fixture
def publisher(client, db):
    client.force_login(f.make_staff(PUBLISHERS))
    return client


def publication_form(**values):
    return {
        "title": "A report",
        "slug": "a-report",
        "kind": Publication.Kind.REPORT,
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        **values,
    }


def test_the_admin_stores_a_pdf(publisher):
    response = publisher.post(
        admin_url(Publication, "add"),
        publication_form(file=upload("report.pdf", PDF, "application/pdf")),
    )
    assert response.status_code == 302
    stored = Publication.objects.get().file
    assert stored.name.endswith(".pdf")
    assert stored.read() == PDF


def test_the_admin_refuses_a_script_renamed_pdf_with_a_clear_error(publisher):
    response = publisher.post(
        admin_url(Publication, "add"),
        publication_form(file=upload("report.pdf", HTML, "application/pdf")),
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["file"]
    assert "Only PDF and office documents" in errors["file"][0]
    assert "Only PDF and office documents" in response.content.decode()
    assert not Publication.objects.exists()


def test_the_admin_refuses_an_oversized_file(publisher, settings):
    settings.MAX_UPLOAD_MB = 1
    response = publisher.post(
        admin_url(Publication, "add"),
        publication_form(file=upload("big.pdf", PDF + b"0" * (1024 * 1024))),
    )
    errors = response.context["adminform"].form.errors
    assert "the largest file accepted is 1.0" in errors["file"][0]
    assert not Publication.objects.exists()


def test_editing_a_publication_does_not_recheck_its_stored_file(publisher, settings):
    publisher.post(
        admin_url(Publication, "add"),
        publication_form(file=upload("report.pdf", PDF)),
    )
    publication = Publication.objects.get()
    settings.MAX_UPLOAD_MB = 0  # stricter now; the stored file was accepted when uploaded
    response = publisher.post(
        admin_url(Publication, "change", publication.pk),
        publication_form(title="Renamed", seen_version=publication.version),
    )
    assert response.status_code == 302
    publication.refresh_from_db()
    assert publication.title == "Renamed"
    assert publication.file.name.endswith(".pdf")


def organisation_form(**values):
    return {
        "name": "An organisation",
        "slug": "an-organisation",
        "kind": Organisation.Kind.THINK_TANK,
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "people-TOTAL_FORMS": "0",
        "people-INITIAL_FORMS": "0",
        **values,
    }


def test_an_image_field_refuses_a_file_that_is_not_an_image(publisher):
    response = publisher.post(
        admin_url(Organisation, "add"),
        organisation_form(logo=upload("logo.png", HTML, "image/png")),
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "Upload a valid image" in errors["logo"][0]
    assert not Organisation.objects.exists()


def test_an_image_field_accepts_an_image(publisher):
    response = publisher.post(
        admin_url(Organisation, "add"),
        organisation_form(logo=upload("logo.png", png_bytes(), "image/png")),
    )
    assert response.status_code == 302
    assert Organisation.objects.get().logo.name.endswith(".png")
