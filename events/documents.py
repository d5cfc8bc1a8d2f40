"""Documents uploaded as event materials are recognised by their bytes, not their names."""

import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_BYTES = 20 * 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class DocumentKind:
    extension: str
    content_type: str


PDF = DocumentKind("pdf", "application/pdf")
JPEG = DocumentKind("jpg", "image/jpeg")
PNG = DocumentKind("png", "image/png")
OOXML = {
    "word/": DocumentKind(
        "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ),
    "ppt/": DocumentKind(
        "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    ),
    "xl/": DocumentKind(
        "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ),
}
ODF = {
    "application/vnd.oasis.opendocument.text": DocumentKind(
        "odt", "application/vnd.oasis.opendocument.text"
    ),
    "application/vnd.oasis.opendocument.presentation": DocumentKind(
        "odp", "application/vnd.oasis.opendocument.presentation"
    ),
    "application/vnd.oasis.opendocument.spreadsheet": DocumentKind(
        "ods", "application/vnd.oasis.opendocument.spreadsheet"
    ),
}
# Old binary Office files share one container format; which program made it only the name
# tells, so the name picks the label once the bytes have proved it is an Office file.
LEGACY_OFFICE = {
    "doc": DocumentKind("doc", "application/msword"),
    "xls": DocumentKind("xls", "application/vnd.ms-excel"),
    "ppt": DocumentKind("ppt", "application/vnd.ms-powerpoint"),
}
KINDS_BY_EXTENSION = {
    kind.extension: kind
    for kind in [PDF, JPEG, PNG, *OOXML.values(), *ODF.values(), *LEGACY_OFFICE.values()]
}

NOT_ALLOWED = _(
    "This file is not an allowed document. Upload PDF, DOC(X), PPT(X), XLS(X), ODT, ODP, "
    "ODS, JPEG or PNG."
)


def _zip_kind(upload):
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                return ODF.get(mimetype)
            if "[Content_Types].xml" in names:
                for prefix, kind in OOXML.items():
                    if any(name.startswith(prefix) for name in names):
                        return kind
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return None
    return None


def detect_document(upload):
    """The DocumentKind of an uploaded file, or None."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    kind = None
    if head.startswith(b"%PDF-"):
        kind = PDF
    elif head.startswith(b"\xff\xd8\xff"):
        kind = JPEG
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = PNG
    elif head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(upload)
    elif head.startswith(OLE_MAGIC):
        extension = (upload.name or "").rsplit(".", 1)[-1].lower()
        kind = LEGACY_OFFICE.get(extension)
    upload.seek(0)
    return kind


def check_document(upload):
    """Validate an uploaded material and return its DocumentKind."""
    if not upload or getattr(upload, "_committed", False):
        # A file already stored was checked when it arrived.
        return KINDS_BY_EXTENSION.get((upload.name or "").rsplit(".", 1)[-1].lower(), PDF)
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_BYTES)},
            code="too_large",
        )
    kind = detect_document(upload)
    if kind is None:
        raise ValidationError(NOT_ALLOWED, code="invalid_document")
    return kind
