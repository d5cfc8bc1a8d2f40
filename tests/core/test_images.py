import io
import struct
import zlib

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from imc_portal.images import MAX_BYTES, reencode_image


def jpeg_with_exif(size=(64, 48)):
    image = Image.new("RGB", size, "red")
    exif = Image.Exif()
    exif[0x010F] = "Secret Camera"  # Make
    exif[0x0131] = "Editor 1.0"  # Software
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return SimpleUploadedFile("photo.jpeg", buffer.getvalue(), "image/jpeg")


def png_header_claiming(width, height):
    """A few hundred bytes whose header claims a huge picture (a decompression bomb)."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
    body += chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")
    return SimpleUploadedFile("bomb.png", body, "image/png")


def test_jpeg_is_reencoded_without_exif():
    clean = reencode_image(jpeg_with_exif())
    with Image.open(io.BytesIO(clean.read())) as image:
        assert image.format == "JPEG"
        assert image.size == (64, 48)
        assert not image.getexif()
    assert clean.name == "photo.jpg"


def test_tiny_file_claiming_50000_by_50000_pixels_is_refused():
    upload = png_header_claiming(50000, 50000)
    assert upload.size < 200
    with pytest.raises(forms.ValidationError) as error:
        reencode_image(upload)
    assert error.value.code == "too_many_pixels"


def test_image_over_40_megapixels_is_refused_before_decoding():
    with pytest.raises(forms.ValidationError) as error:
        reencode_image(png_header_claiming(8000, 6000))
    assert error.value.code == "too_many_pixels"


def test_file_over_5_mb_is_refused():
    upload = SimpleUploadedFile("big.jpg", b"\xff" * (MAX_BYTES + 1), "image/jpeg")
    with pytest.raises(forms.ValidationError) as error:
        reencode_image(upload)
    assert error.value.code == "too_large"


def test_html_named_jpg_is_refused():
    upload = SimpleUploadedFile(
        "photo.jpg", b"<html><script>alert(1)</script></html>", "image/jpeg"
    )
    with pytest.raises(forms.ValidationError) as error:
        reencode_image(upload)
    assert error.value.code == "invalid_image"


def test_gif_is_refused_with_its_format_named():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, format="GIF")
    with pytest.raises(forms.ValidationError) as error:
        reencode_image(SimpleUploadedFile("a.gif", buffer.getvalue(), "image/gif"))
    assert error.value.code == "invalid_format"
    assert "GIF" in str(error.value.messages[0])
