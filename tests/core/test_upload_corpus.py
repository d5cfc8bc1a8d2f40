"""A corpus of bad files (polyglots, bombs, wrong types, truncated files) run against every
upload field of the portal, and a good file of each allowed kind that every field accepts.

The files are made in code (here and in tests/samples.py): nothing binary is kept in the
repository."""

import io
import struct
import zipfile
import zlib

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse
from django.utils import translation
from PIL import Image
from pypdf import PdfWriter

from contests.models import ContestResult
from contests.resources import ContestResultResource
from events.models import Event, Material
from publications.pdf import build_pdf
from tests.contests.test_import import admin_url, csv_file, preview, xlsx_file
from tests.samples import CONTENT_TYPES, GOOD, odf, ole, ooxml, zipped

pytestmark = pytest.mark.django_db

IMAGES = {"jpg", "png", "webp"}
PDF = {"pdf"}
# The help text of event materials (kept in the migration) lists these.
DOCUMENTS = {"pdf", "jpg", "png", "docx", "xlsx", "pptx", "odt", "ods", "odp", "doc", "xls", "ppt"}

# Every upload field of the portal and the kinds it accepts. A new upload field fails
# test_every_upload_field_is_in_the_corpus until it is added here.
FIELDS = {
    ("imc_portal", "Centre", "logo"): IMAGES,
    ("staff", "StaffMember", "photo"): IMAGES,
    ("events", "Material", "file"): DOCUMENTS,
    ("publications", "News", "image"): IMAGES,
    ("publications", "Issue", "cover"): IMAGES,
    ("publications", "Issue", "pdf"): PDF,
    ("publications", "Article", "file"): PDF,
    ("publications", "Manual", "file"): PDF,
    ("publications", "PracticeMaterial", "file"): PDF,
}

# ---------------------------------------------------------------------------------------
# Bad files

HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"


def _png_claiming(width, height):
    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
    return body + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")


def _encrypted_pdf():
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt(user_password="secret", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _pdf_with_html():
    """A readable PDF whose first kilobyte is also an HTML page."""
    pdf = build_pdf(["Looks fine"])
    first_line_end = pdf.index(b"\n") + 1
    return pdf[:first_line_end] + b"%" + HTML + b"\n" + pdf[first_line_end:]


def _bomb(main_part="word/document.xml"):
    """An Office-shaped ZIP whose main part unpacks from a few kilobytes to 30 MB."""
    return zipped([("[Content_Types].xml", CONTENT_TYPES), (main_part, b"\0" * (30 << 20))])


def _many_entries(count=12_000):
    return ooxml("word/document.xml", extra=[(f"word/media/{n}.xml", "") for n in range(count)])


def _gif():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, format="GIF")
    return buffer.getvalue()


def _compressed_mimetype_odt():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<x/>")
    return buffer.getvalue()


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>'

BAD = {
    "html after the PDF magic": ("paper.pdf", b"%PDF-1.4\n" + HTML),
    "html after the JPEG magic": ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + HTML),
    "PNG header claiming 20000 x 20000": ("huge.png", _png_claiming(20000, 20000)),
    "text after the PDF magic": ("paper.pdf", b"%PDF-1.4\n" + b"Hello, reader. " * 50 + b"%%EOF"),
    "truncated PDF": ("cut.pdf", GOOD["pdf"][1][: len(GOOD["pdf"][1]) // 2]),
    "truncated JPEG": ("cut.jpg", GOOD["jpg"][1][: len(GOOD["jpg"][1]) // 2]),
    "truncated PNG": ("cut.png", GOOD["png"][1][: len(GOOD["png"][1]) // 2]),
    "truncated DOCX": ("cut.docx", GOOD["docx"][1][: len(GOOD["docx"][1]) // 2]),
    "ZIP bomb named .docx": ("bomb.docx", _bomb()),
    "ZIP of 12 000 entries named .docx": ("many.docx", _many_entries()),
    "ZIP with a path out of the archive": (
        "escape.docx",
        ooxml("word/document.xml", extra=[("../../evil.sh", "rm -rf /")]),
    ),
    "ZIP that is not Office named .docx": ("archive.docx", zipped([("evil.exe", b"MZ")])),
    "Office parts without [Content_Types].xml": (
        "nocontent.docx",
        zipped([("word/document.xml", "<document/>")]),
    ),
    "DOCX without its main part": ("empty.docx", ooxml("word/styles.xml")),
    "PDF named .docx": ("report.docx", GOOD["pdf"][1]),
    "DOCX named .pdf": ("report.pdf", GOOD["docx"][1]),
    "XLSX named .docx": ("report.docx", GOOD["xlsx"][1]),
    "JPEG named .pdf": ("photo.pdf", GOOD["jpg"][1]),
    "JPEG named .png": ("photo.png", GOOD["jpg"][1]),
    "ODT without mimetype": (
        "text.odt",
        zipped([("content.xml", "<x/>"), ("META-INF/manifest.xml", "<m/>")]),
    ),
    "ODT with an unknown mimetype": ("text.odt", odf("application/x-evil")),
    "ODT whose mimetype is compressed": ("text.odt", _compressed_mimetype_odt()),
    "ODT without content.xml": (
        "text.odt",
        zipped([("mimetype", "application/vnd.oasis.opendocument.text")]),
    ),
    "encrypted PDF": ("secret.pdf", _encrypted_pdf()),
    "PDF that is also an HTML page": ("page.pdf", _pdf_with_html()),
    "PDF with a ZIP appended (polyglot)": ("poly.pdf", GOOD["pdf"][1] + GOOD["docx"][1]),
    "PNG with a ZIP appended (polyglot)": ("poly.png", GOOD["png"][1] + GOOD["docx"][1]),
    "SVG named .png": ("drawing.png", SVG),
    "HTML named .png": ("page.png", HTML),
    "EXE named .pdf": ("setup.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\0" * 200),
    "empty file": ("empty.pdf", b""),
    "GIF named .jpg": ("anim.jpg", _gif()),
    "OLE header only named .doc": ("old.doc", ole()[:24]),
    "OLE file named .exe": ("old.exe", ole()),
}


def _field(key):
    app_label, model_name, field_name = key
    model = apps.get_model(app_label, model_name)
    return model, model._meta.get_field(field_name)


def refusal(key, name, content):
    """The ValidationError the field raises for the file, as the admin's ModelForm would
    (its form field, then the model field's own validators), or None if it takes it."""
    model, field = _field(key)
    upload = SimpleUploadedFile(name, content, "application/octet-stream")
    try:
        value = field.formfield().clean(upload)
        field.clean(value, model())
    except ValidationError as error:
        return error
    return None


def test_every_upload_field_is_in_the_corpus():
    found = {
        (model._meta.app_label, model.__name__, field.name)
        for model in apps.get_models()
        if model._meta.app_config.name in settings.PORTAL_APPS
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField) and field.editable
    }
    assert found == set(FIELDS)


@pytest.mark.parametrize("key", sorted(FIELDS), ids=".".join)
@pytest.mark.parametrize("bad", sorted(BAD))
def test_bad_file_is_refused(key, bad):
    name, content = BAD[bad]
    assert refusal(key, name, content) is not None


# Why event materials (which take every kind) refuse each bad file: the check that should.
MATERIAL_REFUSALS = {
    "DOCX named .pdf": "name_mismatch",
    "DOCX without its main part": "damaged_document",
    "EXE named .pdf": "invalid_document",
    "GIF named .jpg": "invalid_format",
    "HTML named .png": "invalid_document",
    "JPEG named .pdf": "name_mismatch",
    "JPEG named .png": "name_mismatch",
    "ODT whose mimetype is compressed": "damaged_document",
    "ODT with an unknown mimetype": "invalid_document",
    "ODT without content.xml": "damaged_document",
    "ODT without mimetype": "invalid_document",
    "OLE file named .exe": "invalid_document",
    "OLE header only named .doc": "damaged_document",
    "Office parts without [Content_Types].xml": "invalid_document",
    "PDF named .docx": "name_mismatch",
    "PDF that is also an HTML page": "polyglot",
    "PDF with a ZIP appended (polyglot)": "polyglot",
    "PNG header claiming 20000 x 20000": "too_many_pixels",
    "PNG with a ZIP appended (polyglot)": "polyglot",
    "SVG named .png": "invalid_document",
    "XLSX named .docx": "name_mismatch",
    "ZIP bomb named .docx": "zip_bomb",
    "ZIP of 12 000 entries named .docx": "zip_bomb",
    "ZIP that is not Office named .docx": "invalid_document",
    "ZIP with a path out of the archive": "damaged_document",
    "empty file": "empty",
    "encrypted PDF": "encrypted",
    "html after the JPEG magic": "invalid_image",
    "html after the PDF magic": "polyglot",
    "text after the PDF magic": "damaged_pdf",
    "truncated DOCX": "invalid_document",
    "truncated JPEG": "invalid_image",
    "truncated PDF": "damaged_pdf",
    "truncated PNG": "invalid_image",
}


def test_every_bad_file_has_its_reason():
    assert set(MATERIAL_REFUSALS) == set(BAD)


@pytest.mark.parametrize("bad", sorted(BAD))
def test_material_refuses_bad_file_for_its_reason(bad):
    error = refusal(("events", "Material", "file"), *BAD[bad])
    assert error.error_list[0].code == MATERIAL_REFUSALS[bad]


@pytest.mark.parametrize("key", sorted(FIELDS), ids=".".join)
@pytest.mark.parametrize("kind", sorted(GOOD))
def test_good_file_is_accepted_where_its_kind_is_allowed(key, kind):
    name, content = GOOD[kind]
    error = refusal(key, name, content)
    if kind in FIELDS[key]:
        assert error is None
    else:
        assert error.error_list[0].code in ("invalid_format", "name_mismatch")


# ---------------------------------------------------------------------------------------
# Through the admin


def _event_add_url():
    with translation.override("en"):
        return reverse("admin:events_event_add")


def _event_add_data(admin_client, material):
    form = admin_client.get(_event_add_url()).context["adminform"].form
    data = {
        name: field.initial
        for name, field in form.fields.items()
        if field.initial is not None and not isinstance(field.initial, list)
    }
    data.update(
        {
            "title": "Семінар з матеріалом",
            "kind": Event.Kind.choices[0][0],
            "start_0": "2026-05-04",
            "start_1": "10:00",
            "speakers-TOTAL_FORMS": "0",
            "speakers-INITIAL_FORMS": "0",
            "materials-TOTAL_FORMS": "1",
            "materials-INITIAL_FORMS": "0",
            "materials-0-title": "Програма",
            "materials-0-file": material,
            "materials-0-order": "0",
        }
    )
    return data


def _stored_files():
    root = settings.MEDIA_ROOT
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def test_admin_refuses_a_polyglot_pdf_material_and_stores_nothing(admin_client):
    name, content = BAD["PDF with a ZIP appended (polyglot)"]
    response = admin_client.post(
        _event_add_url(),
        _event_add_data(admin_client, SimpleUploadedFile(name, content)),
    )
    assert response.status_code == 200
    message = (
        "This file is a PDF mixed with another kind of file; save it again as a plain PDF "
        "and upload that."
    )
    assert response.context["inline_admin_formsets"][1].formset.errors[0]["file"] == [message]
    assert message in response.content.decode()
    assert not Event.objects.exists() and not Material.objects.exists()
    assert _stored_files() == []


def test_admin_stores_a_good_material_re_encoded(admin_client):
    response = admin_client.post(
        _event_add_url(),
        _event_add_data(admin_client, SimpleUploadedFile("photo.jpg", GOOD["jpg"][1])),
    )
    assert response.status_code == 302
    material = Material.objects.get()
    assert material.file_type == "jpg"
    with material.file.open("rb") as stored:
        data = stored.read()
    assert data != GOOD["jpg"][1]  # re-encoded, not the bytes sent
    with Image.open(io.BytesIO(data)) as image:
        assert (image.format, image.size) == ("JPEG", (40, 30))


# ---------------------------------------------------------------------------------------
# The results import (django-import-export) takes XLSX and CSV

NOT_XLSX = "Файл не є книгою XLSX."
BAD_SPREADSHEETS = {
    "ZIP bomb named .xlsx": (
        ("results.xlsx", _bomb("xl/workbook.xml")),
        "Файл XLSX розпаковується в набагато більше даних або частин, ніж має справжній "
        "документ; його не можна прийняти.",
    ),
    "ZIP that is not a workbook": (("results.xlsx", zipped([("evil.exe", b"MZ")])), NOT_XLSX),
    "DOCX named .xlsx": (("results.xlsx", GOOD["docx"][1]), f"{NOT_XLSX} Його вміст — DOCX."),
    "PDF named .xlsx": (("results.xlsx", GOOD["pdf"][1]), f"{NOT_XLSX} Його вміст — PDF."),
    "truncated XLSX": (("results.xlsx", GOOD["xlsx"][1][: len(GOOD["xlsx"][1]) // 2]), NOT_XLSX),
    "workbook without sheets": (
        ("results.xlsx", ooxml("xl/workbook.xml")),
        "Книгу XLSX не вдається прочитати; можливо, її пошкоджено.",
    ),
}


@pytest.mark.parametrize("bad", sorted(BAD_SPREADSHEETS))
def test_results_import_refuses_a_bad_workbook_with_a_message(admin_client, bad):
    (name, content), message = BAD_SPREADSHEETS[bad]
    response = preview(admin_client, SimpleUploadedFile(name, content), model="contestresult")
    assert response.status_code == 200
    assert response.context["form"].errors["import_file"] == [message]
    assert ContestResult.objects.count() == 0


@pytest.mark.parametrize(
    ("upload", "fmt", "message"),
    [
        (
            csv_file([], header=ContestResultResource.COLUMNS),
            "0",
            "Файл має формат CSV, а вибрано формат XLSX.",
        ),
        (
            xlsx_file([], header=ContestResultResource.COLUMNS),
            "1",
            "Файл має формат XLSX, а вибрано формат CSV.",
        ),
    ],
    ids=["csv as xlsx", "xlsx as csv"],
)
def test_results_import_refuses_a_file_of_the_other_format(admin_client, upload, fmt, message):
    response = admin_client.post(
        admin_url("admin:contests_contestresult_import"),
        {"import_file": upload, "format": fmt, "resource": "0"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"format": [message]}
