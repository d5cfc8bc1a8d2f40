"""One policy for every uploaded file: its kind is read from its bytes, never from its name
or the browser's word, and then proved by parsing it.

A file is taken when, in this order:
1. it is not empty and not over the size limit of its field;
2. its first bytes (and, for ZIP files, its list of parts) name a kind the field allows;
3. its name, if it has an extension, agrees with that kind (a PDF named .docx is refused,
   not quietly renamed: the uploader may have picked the wrong file);
4. it is not also another file: no ZIP joined to a PDF or an image and, in a PDF or an old
   Office file (stored as they came), no HTML page in its first kilobyte;
5. it reads as that kind: a PDF opens with pypdf and has a page and no password; an image
   decodes under the pixel cap (checked in the header first) and is re-encoded, so what is
   stored is the clean copy; an Office or OpenDocument file is the ZIP it must be, with its
   main parts, and unpacks to a sane size; an old Office file has a sound container header.
"""

import io
import os
import struct
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps
from pypdf import PdfReader

MAX_PIXELS = 40_000_000
# Office files are ZIP archives. Real ones have hundreds of parts at most and compress
# text about ten to one; a "ZIP bomb" packs gigabytes of zeros into a few kilobytes.
MAX_ZIP_ENTRIES = 5_000
MAX_ZIP_UNPACKED_BYTES = 300 * 1024 * 1024
MAX_ZIP_RATIO = 100  # for parts of more than a megabyte unpacked
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HTML_MARKERS = (b"<html", b"<!doctype", b"<script", b"<body", b"<iframe", b"<svg")
# What a damaged ZIP raises; NotImplementedError and RuntimeError: an unknown compression,
# a password.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    EOFError,
    KeyError,
    ValueError,
    NotImplementedError,
    RuntimeError,
)


@dataclass(frozen=True)
class Kind:
    extension: str
    content_type: str
    label: str
    other_extensions: tuple = ()

    @property
    def extensions(self):
        return (self.extension, *self.other_extensions)


PDF = Kind("pdf", "application/pdf", "PDF")
JPEG = Kind("jpg", "image/jpeg", "JPEG", ("jpeg", "jpe", "jfif"))
PNG = Kind("png", "image/png", "PNG")
WEBP = Kind("webp", "image/webp", "WebP")
GIF = Kind("gif", "image/gif", "GIF")  # recognised, to be named when it is refused
DOCX = Kind(
    "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX"
)
XLSX = Kind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX")
PPTX = Kind(
    "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "PPTX"
)
ODT = Kind("odt", "application/vnd.oasis.opendocument.text", "ODT")
ODS = Kind("ods", "application/vnd.oasis.opendocument.spreadsheet", "ODS")
ODP = Kind("odp", "application/vnd.oasis.opendocument.presentation", "ODP")
DOC = Kind("doc", "application/msword", "DOC")
XLS = Kind("xls", "application/vnd.ms-excel", "XLS")
PPT = Kind("ppt", "application/vnd.ms-powerpoint", "PPT")

IMAGE_FORMATS = {"JPEG": JPEG, "PNG": PNG, "WEBP": WEBP}
# The folder that tells the Office program, and the part every such file must have.
OOXML = {
    "word/": (DOCX, "word/document.xml"),
    "xl/": (XLSX, "xl/workbook.xml"),
    "ppt/": (PPTX, "ppt/presentation.xml"),
}
ODF = {kind.content_type: kind for kind in (ODT, ODS, ODP)}
# Old binary Office files share one container format; which program made it only the name
# tells, so the name picks the kind once the bytes have shown the container.
LEGACY_OFFICE = {kind.extension: kind for kind in (DOC, XLS, PPT)}
STORED_AS_SENT = {PDF, *LEGACY_OFFICE.values()}
# Extensions that say nothing about the content ("some bytes").
NEUTRAL_EXTENSIONS = {"", "bin"}


@dataclass(frozen=True)
class Policy:
    """What one upload field takes: the kinds, the size limit and its own messages."""

    kinds: tuple
    max_bytes: int
    not_allowed: str
    not_allowed_code: str
    too_large: str


IMAGES = Policy(
    kinds=(JPEG, PNG, WEBP),
    max_bytes=5 * 1024 * 1024,
    not_allowed=_("This file is not an image. Upload a JPEG, PNG or WebP file."),
    not_allowed_code="invalid_image",
    too_large=_("The image is %(size)s; the limit is %(limit)s."),
)
PDFS = Policy(
    kinds=(PDF,),
    max_bytes=20 * 1024 * 1024,
    not_allowed=_("This file is not a PDF document. Save it as PDF and upload it again."),
    not_allowed_code="not_pdf",
    too_large=_("The file is %(size)s; the limit for a PDF is %(limit)s."),
)
DOCUMENTS = Policy(
    kinds=(PDF, JPEG, PNG, DOCX, XLSX, PPTX, ODT, ODS, ODP, DOC, XLS, PPT),
    max_bytes=20 * 1024 * 1024,
    not_allowed=_(
        "This file is not an allowed document. Upload PDF, DOC(X), PPT(X), XLS(X), ODT, ODP, "
        "ODS, JPEG or PNG."
    ),
    not_allowed_code="invalid_document",
    too_large=_("The file is %(size)s; the limit is %(limit)s."),
)
SPREADSHEETS = Policy(
    kinds=(XLSX,),
    max_bytes=5 * 1024 * 1024,
    not_allowed=_("The file is not an XLSX workbook."),
    not_allowed_code="not_xlsx",
    too_large=_("The file is %(size)s; the limit is %(limit)s."),
)


@dataclass(frozen=True)
class Checked:
    kind: Kind
    file: object  # the upload itself, renamed, or for an image its re-encoded copy


def check_upload(upload, policy, max_bytes=None):
    """Return ``Checked(kind, file)`` for an upload the policy takes, or raise
    ValidationError with a message for the uploader.

    The result is kept on the upload, so the form field and the model (its validator and
    its save) can all ask without the file being parsed again."""
    cached = getattr(upload, "_upload_check", None)
    if cached is not None and cached[0] is policy:
        return cached[1]
    max_bytes = policy.max_bytes if max_bytes is None else max_bytes
    if not upload.size:
        raise ValidationError(_("The file is empty."), code=policy.not_allowed_code)
    if upload.size > max_bytes:
        raise ValidationError(
            policy.too_large
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
            code="too_large",
        )
    kind = detect_kind(upload)
    if kind is None:
        raise ValidationError(policy.not_allowed, code=policy.not_allowed_code)
    if kind not in policy.kinds:
        content = _("Its content is %(kind)s.") % {"kind": kind.label}
        raise ValidationError(f"{policy.not_allowed} {content}", code="invalid_format")
    name = os.path.basename(upload.name or "")
    stem, extension = os.path.splitext(name)
    extension = extension.lstrip(".").lower()
    if extension not in NEUTRAL_EXTENSIONS and extension not in kind.extensions:
        raise ValidationError(
            _(
                "The file is named “%(name)s”, but its content is %(kind)s. Rename it to "
                ".%(extension)s if that is what it is, or upload the right file."
            )
            % {"name": name[-80:], "kind": kind.label, "extension": kind.extension},
            code="name_mismatch",
        )
    _refuse_polyglot(upload, kind)
    upload.seek(0)
    if kind in IMAGE_FORMATS.values():
        checked_file = _reencode_image(upload, kind, stem.lstrip(".")[:60] or "image")
    else:
        if kind == PDF:
            _verify_pdf(upload)
        elif kind in LEGACY_OFFICE.values():
            _verify_ole(upload, kind)
        else:
            _verify_zip(upload, kind)
        upload.seek(0)
        upload.name = f"{stem.lstrip('.')[:80] or 'document'}.{kind.extension}"
        checked_file = upload
    checked = Checked(kind, checked_file)
    upload._upload_check = (policy, checked)
    return checked


def detect_kind(upload):
    """The Kind the first bytes (and a ZIP's list of parts) announce, or None. Nothing is
    proved yet: that is what the verifiers are for."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(upload)
    if head.startswith(OLE_MAGIC):
        extension = os.path.splitext(upload.name or "")[1].lstrip(".").lower()
        return LEGACY_OFFICE.get(extension)
    return None


def _zip_kind(upload):
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
            names = {entry.filename for entry in entries}
            if "mimetype" in names:
                with archive.open("mimetype") as part:
                    mimetype = part.read(100).decode("ascii", "replace").strip()
                return ODF.get(mimetype)
            if "[Content_Types].xml" in names:
                for folder, (kind, _main_part) in OOXML.items():
                    if any(name.startswith(folder) for name in names):
                        return kind
    except ZIP_ERRORS:
        return None
    finally:
        upload.seek(0)
    return None


def _refuse_polyglot(upload, kind):
    """A file that is also another file is refused: a ZIP joined to the end of a PDF or an
    image (a PDF that is also a .docx), or, in a PDF or old Office file (stored as they
    came), an HTML page a browser would find in the first kilobyte."""
    upload.seek(0)
    head = upload.read(1024).lower()
    upload.seek(0)
    html = kind in STORED_AS_SENT and any(mark in head for mark in HTML_MARKERS)
    if html or (kind in (PDF, *IMAGE_FORMATS.values()) and _ends_with_a_zip(upload)):
        raise ValidationError(
            _(
                "This file is a %(kind)s mixed with another kind of file; save it again as a "
                "plain %(kind)s and upload that."
            )
            % {"kind": kind.label},
            code="polyglot",
        )


def _ends_with_a_zip(upload):
    # An old Office file may hold a .docx as an embedded object, so it is not asked.
    try:
        with zipfile.ZipFile(upload) as archive:
            return bool(archive.infolist())
    except ZIP_ERRORS:
        return False
    finally:
        upload.seek(0)


def _damaged(kind):
    return ValidationError(
        _("The %(kind)s file is damaged or is not a real %(kind)s file.") % {"kind": kind.label},
        code="damaged_document",
    )


def _verify_pdf(upload):
    upload.seek(max(0, upload.size - 1024))
    if b"%%EOF" not in upload.read():  # cut short: a PDF's table of contents is at its end
        raise _damaged_pdf()
    upload.seek(0)
    try:
        reader = PdfReader(upload)
        if reader.is_encrypted:
            raise ValidationError(
                _("The PDF is password-protected; readers could not open it."), code="encrypted"
            )
        page_count = len(reader.pages)
    except ValidationError:
        raise
    except Exception:  # pypdf meets untrusted bytes: any failure means "cannot be read"
        page_count = 0
    if page_count < 1:
        raise _damaged_pdf()


def _damaged_pdf():
    return ValidationError(_("The PDF is damaged or empty and cannot be read."), code="damaged_pdf")


def _verify_zip(upload, kind):
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES or _unpacks_too_much(entries):
                raise ValidationError(
                    _(
                        "The %(kind)s file unpacks into far more data or parts than a real "
                        "document has; it cannot be accepted."
                    )
                    % {"kind": kind.label},
                    code="zip_bomb",
                )
            if any(not _is_safe_part_name(entry.filename) for entry in entries):
                raise _damaged(kind)
            if kind in ODF.values():
                _verify_odf(archive, entries, kind)
            else:
                _verify_ooxml(archive, kind)
    except ValidationError:
        raise
    except ZIP_ERRORS:
        raise _damaged(kind) from None


def _unpacks_too_much(entries):
    if sum(entry.file_size for entry in entries) > MAX_ZIP_UNPACKED_BYTES:
        return True
    return any(
        entry.file_size > 1024 * 1024
        and entry.file_size > MAX_ZIP_RATIO * max(entry.compress_size, 1)
        for entry in entries
    )


def _is_safe_part_name(name):
    path = PurePosixPath(name.replace("\\", "/"))
    return not path.is_absolute() and ".." not in path.parts and ":" not in name


def _verify_ooxml(archive, kind):
    main_part = next(part for part_kind, part in OOXML.values() if part_kind == kind)
    with archive.open("[Content_Types].xml") as part:
        if b"<Types" not in part.read(64 * 1024):
            raise _damaged(kind)
    _read_through(archive, main_part)


def _verify_odf(archive, entries, kind):
    # The OpenDocument rule: the first part is "mimetype", stored uncompressed, so that
    # its type can be read at a fixed offset.
    first = entries[0]
    if first.filename != "mimetype" or first.compress_type != zipfile.ZIP_STORED:
        raise _damaged(kind)
    with archive.open("mimetype") as part:
        if part.read(100) != kind.content_type.encode("ascii"):
            raise _damaged(kind)
    _read_through(archive, "content.xml")


def _read_through(archive, name):
    """Unpack one part to its end (checking its CRC) without keeping it in memory."""
    with archive.open(name) as part:
        while part.read(1024 * 1024):
            pass


def _verify_ole(upload, kind):
    header = upload.read(512)
    if len(header) < 512:
        raise _damaged(kind)
    _minor, major, byte_order, sector_shift, mini_shift = struct.unpack_from("<HHHHH", header, 24)
    if byte_order != 0xFFFE or (major, sector_shift) not in ((3, 9), (4, 12)) or mini_shift != 6:
        raise _damaged(kind)
    sector = 1 << sector_shift
    # The header takes one sector; the smallest file adds a FAT sector and a directory.
    if upload.size < 3 * sector:
        raise _damaged(kind)


def _reencode_image(upload, kind, stem):
    """A clean copy of the image: decoded under the pixel cap, the header read first so a
    tiny file that claims 50000 × 50000 pixels is refused without allocating them."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            image_format = image.format
            width, height = image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels() from None
    except Exception:
        raise _damaged_image() from None
    if IMAGE_FORMATS.get(image_format) != kind:
        raise _damaged_image()
    if width * height > MAX_PIXELS:
        raise _too_many_pixels()
    try:
        image.load()
        image = ImageOps.exif_transpose(image)
    except Exception:
        raise _damaged_image() from None
    if kind == JPEG and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    image.info = {}
    buffer = io.BytesIO()
    save_options = {"quality": 85, "optimize": True} if kind == JPEG else {}
    image.save(buffer, format=image_format, **save_options)
    return SimpleUploadedFile(f"{stem}.{kind.extension}", buffer.getvalue(), kind.content_type)


def _too_many_pixels():
    return ValidationError(
        _("The image has too many pixels; the limit is %(limit)s megapixels.")
        % {"limit": MAX_PIXELS // 1_000_000},
        code="too_many_pixels",
    )


def _damaged_image():
    return ValidationError(_("The image is damaged and cannot be read."), code="invalid_image")
