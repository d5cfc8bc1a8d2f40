"""Small sample files made in code, good ones of each kind the portal takes."""

import io
import struct
import zipfile

import openpyxl
from PIL import Image

from publications.pdf import build_pdf


def image(image_format, size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(buffer, format=image_format)
    return buffer.getvalue()


def zipped(entries, compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries:
            if name == "mimetype":
                archive.writestr(name, data, compress_type=zipfile.ZIP_STORED)
            else:
                archive.writestr(name, data)
    return buffer.getvalue()


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)


def ooxml(main_part, extra=()):
    return zipped(
        [
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", '<?xml version="1.0"?><Relationships/>'),
            (main_part, '<?xml version="1.0"?><document/>'),
            *extra,
        ]
    )


def xlsx():
    workbook = openpyxl.Workbook()
    workbook.active.append(["Прізвище", "Бали"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def odf(mimetype):
    return zipped(
        [
            ("mimetype", mimetype),
            ("content.xml", '<?xml version="1.0"?><office:document-content/>'),
            ("META-INF/manifest.xml", '<?xml version="1.0"?><manifest:manifest/>'),
        ]
    )


def ole(sectors=3):
    """A compound file (old .doc/.xls/.ppt): a 512-byte header and whole sectors."""
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 44, 1)  # one FAT sector
    struct.pack_into("<i", header, 48, 1)  # the directory starts at sector 1
    struct.pack_into("<I", header, 56, 4096)
    struct.pack_into("<ii", header, 60, -2, 0)
    struct.pack_into("<ii", header, 68, -2, 0)
    struct.pack_into("<i", header, 76, 0)  # the FAT is sector 0
    header[80:512] = b"\xff" * 432
    return bytes(header) + b"\0" * (512 * sectors)


GOOD = {
    "pdf": ("document.pdf", build_pdf(["Good"])),
    "jpg": ("photo.jpg", image("JPEG")),
    "png": ("picture.png", image("PNG")),
    "webp": ("picture.webp", image("WEBP")),
    "docx": ("report.docx", ooxml("word/document.xml")),
    "xlsx": ("table.xlsx", xlsx()),
    "pptx": ("slides.pptx", ooxml("ppt/presentation.xml")),
    "odt": ("text.odt", odf("application/vnd.oasis.opendocument.text")),
    "ods": ("table.ods", odf("application/vnd.oasis.opendocument.spreadsheet")),
    "odp": ("slides.odp", odf("application/vnd.oasis.opendocument.presentation")),
    "doc": ("old.doc", ole()),
    "xls": ("old.xls", ole()),
    "ppt": ("old.ppt", ole()),
}
