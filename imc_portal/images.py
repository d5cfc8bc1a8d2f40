"""Uploaded images: checked and re-encoded by the upload policy (imc_portal/uploads.py),
thumbnails made once."""

import io
import os

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from imc_portal import uploads

MAX_BYTES = uploads.IMAGES.max_bytes
MAX_PIXELS = uploads.MAX_PIXELS


def reencode_image(upload):
    """Return a clean copy of an uploaded JPEG, PNG or WebP image, or raise ValidationError."""
    return uploads.check_upload(upload, uploads.IMAGES).file


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
