"""Documents uploaded as event materials, checked by the upload policy (imc_portal/uploads.py)."""

from django.db.models.fields.files import FieldFile

from imc_portal import uploads

MAX_BYTES = uploads.DOCUMENTS.max_bytes
KINDS_BY_EXTENSION = {kind.extension: kind for kind in uploads.DOCUMENTS.kinds}


def check_document_upload(upload):
    """``Checked(kind, file)`` for a new material, or ValidationError. An image comes back
    re-encoded: that copy is the one to store."""
    if isinstance(upload, FieldFile):  # the model's value: the upload is inside
        upload = upload.file
    return uploads.check_upload(upload, uploads.DOCUMENTS)


def check_document(upload):
    """Validate an uploaded material and return its Kind (the model field's validator)."""
    if not upload or getattr(upload, "_committed", False):
        # A file already stored was checked when it arrived.
        return KINDS_BY_EXTENSION.get((upload.name or "").rsplit(".", 1)[-1].lower())
    return check_document_upload(upload).kind
