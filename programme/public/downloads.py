"""Uploaded files, served through a view rather than straight from MEDIA_ROOT.

A publication's file is public exactly when the publication is (the same `shown_to` rule as
its page: staff may fetch a draft's file to check it). The response can never run as a page in
the site's origin: its content type comes from the extension the upload validator accepted
(never text/html), the browser is told not to guess another (`nosniff`), to save it rather than
show it (`Content-Disposition: attachment`), and, should it show it anyway, to run nothing
(`default-src 'none'; sandbox`).
"""

import logging
import os

from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from programme.models import Publication
from programme.public.listing import shown_to
from programme.validators import DOCUMENT_TYPES, file_extension

logger = logging.getLogger(__name__)

# The validator accepts a file when its content matches its extension; container types (zip,
# OLE2) stand for several formats, so the download names the precise one for the extension.
CONTAINERS = {"application/zip", "application/x-ole-storage"}
DOWNLOAD_TYPES = {
    extension: content_type
    for content_type, extensions in DOCUMENT_TYPES.items()
    if content_type not in CONTAINERS
    for extension in extensions
}
FILE_POLICY = "default-src 'none'; sandbox"


def stays_inside(storage, name):
    """False when a stored name leads out of the storage's folder (`..`, a symlink)."""
    try:
        location = storage.path("")
        path = storage.path(name)
    except NotImplementedError:  # remote storage: no local path to escape from
        return True
    root = os.path.realpath(location)
    return os.path.commonpath([root, os.path.realpath(path)]) == root


@require_safe
def publication_file(request, slug):
    publication = get_object_or_404(shown_to(request, Publication).exclude(file=""), slug=slug)
    field = publication.file
    try:
        if not stays_inside(field.storage, field.name):
            raise SuspiciousFileOperation(field.name)
        handle = field.storage.open(field.name, "rb")
    except (SuspiciousFileOperation, ValueError) as error:
        # A stored name that points outside the media folder or holds a NUL byte was not
        # written by the upload form: refuse it as if there were no file, and say so.
        logger.warning("Refused to serve publication %s file %r: %s", slug, field.name, error)
        raise Http404 from None
    except OSError:
        logger.error("Publication %s: its file %r is missing from storage", slug, field.name)
        raise Http404 from None
    extension = file_extension(field.name)
    content_type = DOWNLOAD_TYPES.get(extension, "application/octet-stream")
    # The slug is a safe, readable name; the stored name may hold anything the uploader typed.
    filename = f"{publication.slug}.{extension}" if extension in DOWNLOAD_TYPES else slug
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_POLICY
    return response
