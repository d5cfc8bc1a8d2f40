from django.db import models
from django.utils import timezone
from django.utils.translation import pgettext_lazy


class Level(models.TextChoices):
    """How far a publication or a practice entry reached."""

    CITY = "city", pgettext_lazy("level", "city")
    OBLAST = "oblast", pgettext_lazy("level", "oblast")
    NATIONAL = "national", pgettext_lazy("level", "national")
    INTERNATIONAL = "international", pgettext_lazy("level", "international")


class PublishedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class DatedPublishedQuerySet(models.QuerySet):
    """Records that appear on a date: public once marked so and the date has come."""

    date_field = "date"

    def published(self):
        return self.published_or_scheduled().filter(
            **{f"{self.date_field}__lte": timezone.localdate()}
        )

    def published_or_scheduled(self):
        """Marked public, whether or not the date has come (the site search indexes these
        ahead and shows each from its date)."""
        return self.filter(is_published=True)


def authors_line(teachers, staff, others):
    """ "Surname F. P., Surname F. P., outside author" in the order the record keeps them."""
    names = [t.short_name for t in teachers] + [s.short_name for s in staff]
    if others:
        names.append(others)
    return ", ".join(names)
