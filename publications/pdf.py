"""PDF files: uploads checked by the upload policy (imc_portal/uploads.py), and a tiny
writer for the demo data and the tests."""

import io
import logging

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models

from imc_portal import uploads
from imc_portal.text import transliterate

MAX_PDF_BYTES = uploads.PDFS.max_bytes

# pypdf reports every repaired cross-reference table as a warning; a teacher's scanner
# produces plenty of those and they are not errors.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def check_pdf(upload):
    """Return the upload renamed to ``*.pdf`` if it is a readable PDF, else ValidationError."""
    return uploads.check_upload(upload, uploads.PDFS, max_bytes=MAX_PDF_BYTES).file


class PdfFormField(forms.FileField):
    def to_python(self, data):
        data = super().to_python(data)
        if data is None:
            return None
        return check_pdf(data)


class PdfFileField(models.FileField):
    """A FileField whose form accepts only a readable PDF under the size limit."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PdfFormField, **kwargs})


def _pdf_string(text):
    # The 14 standard fonts have no Cyrillic, so demo PDFs carry the official transliteration.
    latin = transliterate(text).encode("latin-1", "replace").decode("latin-1")
    return latin.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def build_pdf(lines):
    """The bytes of a valid one-page A4 PDF showing ``lines`` of text."""
    text_ops = ["BT", "/F1 14 Tf", "72 770 Td", "18 TL"]
    for line in lines:
        text_ops.append(f"({_pdf_string(line)}) Tj T*")
    text_ops.append("ET")
    stream = "\n".join(text_ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def pdf_upload(name, lines):
    return SimpleUploadedFile(name, build_pdf(lines), "application/pdf")
