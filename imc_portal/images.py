"""Uploaded images: checked before decoding, re-encoded (no EXIF), thumbnails made once."""

import io
import os
import warnings

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}


def reencode_image(upload):
    """Return a clean copy of an uploaded image, or raise ValidationError.

    The header is read before any pixel is decoded, so a tiny file that claims
    50000x50000 pixels is refused without allocating memory for it.
    """
    if upload.size > MAX_BYTES:
        raise forms.ValidationError(
            _("The image is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_BYTES)},
            code="too_large",
        )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            image_format = image.format
            width, height = image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels() from None
    except Exception:
        raise forms.ValidationError(
            _("This file is not an image. Upload a JPEG, PNG or WebP file."), code="invalid_image"
        ) from None
    if image_format not in FORMATS:
        raise forms.ValidationError(
            _("Images must be JPEG, PNG or WebP; this one is %(format)s.")
            % {"format": image_format or _("unknown")},
            code="invalid_format",
        )
    if width * height > MAX_PIXELS:
        raise _too_many_pixels()
    try:
        image.load()
        image = ImageOps.exif_transpose(image)
    except Exception:
        raise forms.ValidationError(
            _("The image is damaged and cannot be read."), code="invalid_image"
        ) from None
    if image_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    image.info = {}
    buffer = io.BytesIO()
    save_options = {"quality": 85, "optimize": True} if image_format == "JPEG" else {}
    image.save(buffer, format=image_format, **save_options)
    extension, content_type = FORMATS[image_format]
    stem = os.path.splitext(os.path.basename(upload.name or "image"))[0][:60] or "image"
    return SimpleUploadedFile(f"{stem}.{extension}", buffer.getvalue(), content_type)


def _too_many_pixels():
    return forms.ValidationError(
        _("The image has too many pixels; the limit is %(limit)s megapixels.")
        % {"limit": MAX_PIXELS // 1_000_000},
        code="too_many_pixels",
    )


def make_thumbnail(field_file, size):
    """A JPEG or PNG no larger than ``size`` (width, height), cropped to fill it."""
    if field_file._committed:
        with field_file.storage.open(field_file.name, "rb") as stored:
            data = stored.read()
    else:  # a new upload, not yet saved: read it without closing it
        field_file.file.seek(0)
        data = field_file.file.read()
        field_file.file.seek(0)
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        thumb = ImageOps.fit(image, size)
    image_format = "PNG" if thumb.mode in ("RGBA", "LA", "P") else "JPEG"
    if image_format == "JPEG" and thumb.mode != "RGB":
        thumb = thumb.convert("RGB")
    buffer = io.BytesIO()
    thumb.save(buffer, format=image_format, quality=82)
    stem = os.path.splitext(os.path.basename(field_file.name))[0]
    return SimpleUploadedFile(
        f"{stem}-thumb.{image_format.lower().replace('jpeg', 'jpg')}", buffer.getvalue()
    )


class ReencodedImageFormField(forms.ImageField):
    default_error_messages = {
        "invalid_image": _("This file is not an image. Upload a JPEG, PNG or WebP file."),
    }

    def to_python(self, data):
        if data in self.empty_values:
            return None
        return super().to_python(reencode_image(data))


class PortalImageField(models.ImageField):
    """An ImageField whose form re-encodes the upload (see ``reencode_image``)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ReencodedImageFormField, **kwargs})
