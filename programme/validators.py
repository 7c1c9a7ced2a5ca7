"""Input checks: uploads by content, not only by the file name; text without control
characters."""

import re

import filetype
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# Content types a publication file may have, with the extensions that go with them.
DOCUMENT_TYPES = {
    "application/pdf": {"pdf"},
    # Office Open XML files are zip archives; the extension says which kind.
    "application/zip": {"docx", "xlsx", "pptx", "odt", "ods", "odp"},
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {"docx"},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"xlsx"},
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": {"pptx"},
    "application/vnd.oasis.opendocument.text": {"odt"},
    "application/vnd.oasis.opendocument.spreadsheet": {"ods"},
    "application/vnd.oasis.opendocument.presentation": {"odp"},
    # Legacy Word, Excel and PowerPoint files share the OLE2 container.
    "application/x-ole-storage": {"doc", "xls", "ppt"},
    "application/msword": {"doc"},
    "application/vnd.ms-excel": {"xls"},
    "application/vnd.ms-powerpoint": {"ppt"},
}
DOCUMENT_EXTENSIONS = sorted(set().union(*DOCUMENT_TYPES.values()))


def file_extension(name):
    """The extension of a file name, lower case, without the dot ("" without one)."""
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def validate_document(upload):
    """Accept PDF and common office documents under the size limit, checked by content."""
    if getattr(upload, "_committed", False):
        # Already stored (checked when it was uploaded): model validation runs on every save,
        # and re-reading the stored file each time would fail if storage is elsewhere.
        return
    limit = settings.MAX_UPLOAD_MB * 1024 * 1024
    if upload.size > limit:
        raise ValidationError(
            _("This file is %(size)s; the largest file accepted is %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )
    extension = file_extension(upload.name)
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        mime = "application/x-ole-storage"
    else:
        mime = kind.mime if kind else None
    if extension not in DOCUMENT_TYPES.get(mime, set()):
        raise ValidationError(
            _("Only PDF and office documents (%(extensions)s) can be uploaded."),
            code="invalid_document",
            params={"extensions": ", ".join(DOCUMENT_EXTENSIONS)},
        )


# C0 and C1 control characters (and DEL), except tab, line feed and carriage return: they are
# invisible, break exports and feeds (XML 1.0 forbids most of them) and have no place in text.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
LINE_BREAKS = re.compile(r"[\r\n]")


def text_errors(value, multiline):
    """The errors of a text value typed into a form: control characters, and line breaks in
    a one-line field."""
    if CONTROL_CHARACTERS.search(value):
        return ValidationError(
            _("Remove the invisible control characters from this text (often pasted in)."),
            code="control_characters",
        )
    if not multiline and LINE_BREAKS.search(value):
        return ValidationError(
            _("This field takes one line: remove the line breaks."), code="newline"
        )
    return None


def validate_text_fields(form):
    """Give form an error for each text field whose value has characters text must not have.

    A text field shown as a text area may have line breaks; any other may not."""
    for name, value in list(form.cleaned_data.items()):
        field = form.fields.get(name)
        if not isinstance(field, forms.CharField) or not isinstance(value, str):
            continue
        error = text_errors(value, multiline=isinstance(field.widget, forms.Textarea))
        if error is not None:
            form.add_error(name, error)
