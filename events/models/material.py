"""Materials of an event: uploaded documents (checked by their content) or links."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from events.documents import check_document, check_document_upload
from events.models.event import Event
from imc_portal.text import latin_slug


def material_path(instance, filename):
    # The stored name never comes from the uploader: a random folder and a latin name.
    return f"events/materials/{uuid.uuid4().hex[:12]}/{filename}"


class Material(models.Model):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="materials"
    )
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(
        _("file"),
        upload_to=material_path,
        blank=True,
        max_length=300,
        validators=[check_document],
        help_text=_("PDF, DOC(X), PPT(X), XLS(X), ODT, ODP, ODS, JPEG or PNG, up to 20 MB."),
    )
    url = models.URLField(_("link"), max_length=500, blank=True)
    file_type = models.CharField(_("file type"), max_length=10, blank=True, editable=False)
    size = models.PositiveIntegerField(_("size in bytes"), null=True, blank=True, editable=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")),
                name="material_file_xor_link",
                violation_error_message=_("Give either a file or a link, not both."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            checked = check_document_upload(self.file)
            self.file = checked.file  # for an image, its re-encoded copy
            self.file_type = checked.kind.extension
            self.size = checked.file.size
            self.file.name = f"{latin_slug(self.title, 60)}.{checked.kind.extension}"
        elif not self.file:
            self.file_type, self.size = "", None
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        if self.file:
            return reverse("events:material_download", kwargs={"pk": self.pk})
        return self.url

    def clean(self):
        if bool(self.file) == bool(self.url):
            raise ValidationError(_("Give either a file or a link, not both."))

    @property
    def download_name(self):
        return f"{latin_slug(self.title, 80)}.{self.file_type}"
