"""Short news posts of the centre."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from contests.models import ContestEdition
from events.models import Event
from imc_portal.images import PortalImageField, make_thumbnail
from imc_portal.models import TimeStampedModel
from imc_portal.text import unique_slug
from publications.models.common import DatedPublishedQuerySet
from publications.models.periodicals import Issue, Manual
from publications.models.practice import PracticeEntry

NEWS_THUMBNAIL_SIZE = (400, 250)


class NewsQuerySet(DatedPublishedQuerySet):
    def with_links(self):
        return self.select_related(
            "issue__periodical", "manual", "practice_entry", "event", "contest_edition__contest"
        )


class News(TimeStampedModel):
    """A news post. It links to what it is about: an issue, a manual or a practice entry of
    this app, an event, a contest's results of a year, or any other page by its address."""

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, blank=True)
    date = models.DateField(_("date"))
    summary = models.CharField(_("summary"), max_length=400, blank=True)
    body = models.TextField(_("text"), blank=True)
    image = PortalImageField(_("image"), upload_to="publications/news/", blank=True)
    image_thumbnail = models.ImageField(
        upload_to="publications/news/thumbs/", blank=True, editable=False
    )
    image_alt = models.CharField(
        _("image description"),
        max_length=200,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    issue = models.ForeignKey(
        Issue,
        verbose_name=_("about the issue"),
        on_delete=models.SET_NULL,
        related_name="news",
        null=True,
        blank=True,
    )
    manual = models.ForeignKey(
        Manual,
        verbose_name=_("about the manual"),
        on_delete=models.SET_NULL,
        related_name="news",
        null=True,
        blank=True,
    )
    practice_entry = models.ForeignKey(
        PracticeEntry,
        verbose_name=_("about the practice entry"),
        on_delete=models.SET_NULL,
        related_name="news",
        null=True,
        blank=True,
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("about the event"),
        on_delete=models.SET_NULL,
        related_name="news",
        null=True,
        blank=True,
    )
    contest_edition = models.ForeignKey(
        ContestEdition,
        verbose_name=_("about the contest results"),
        on_delete=models.SET_NULL,
        related_name="news",
        null=True,
        blank=True,
        help_text=_(
            "A contest of a year, e.g. «Учитель року» 2024: the news links to its results."
        ),
    )
    link_url = models.CharField(
        _("link to a portal page"),
        max_length=300,
        blank=True,
        help_text=_("Any other page: an address such as /olympiads/2024/ or a full address."),
    )
    link_title = models.CharField(_("link text"), max_length=200, blank=True)
    is_published = models.BooleanField(_("shown on the public pages"), default=True)
    history = HistoricalRecords()

    objects = NewsQuerySet.as_manager()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["-date", "-id"], name="news_date_idx")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title)
        self._refresh_thumbnail()
        super().save(*args, **kwargs)

    def _refresh_thumbnail(self):
        if not self.image:
            self.image_thumbnail = ""
        elif not self.image._committed or not self.image_thumbnail:
            thumbnail = make_thumbnail(self.image, NEWS_THUMBNAIL_SIZE)
            self.image_thumbnail.save(thumbnail.name, thumbnail, save=False)

    def clean(self):
        link = self.link_url.strip()
        if (
            link
            and not (link.startswith("/") and not link.startswith("//"))
            and not (link.startswith("https://") or link.startswith("http://"))
        ):
            raise ValidationError(
                {"link_url": _("Give a portal address starting with / or a full http(s) address.")}
            )

    def get_absolute_url(self):
        return reverse("publications:news_detail", kwargs={"slug": self.slug})

    def links(self):
        """(text, url) for what the post is about, public records only; related rows must be
        select_related (see ``NewsQuerySet.with_links``)."""
        rows = []
        if self.event_id and self.event.is_published:
            rows.append((self.event.title, self.event.get_absolute_url()))
        if self.contest_edition_id and self.contest_edition.is_published:
            rows.append((str(self.contest_edition), self.contest_edition.get_absolute_url()))
        if self.issue_id and self.issue.is_public():
            rows.append((str(self.issue), self.issue.get_absolute_url()))
        if self.manual_id and self.manual.is_published:
            rows.append((self.manual.title, self.manual.get_absolute_url()))
        if self.practice_entry_id and self.practice_entry.is_published:
            rows.append((self.practice_entry.topic, self.practice_entry.get_absolute_url()))
        if self.link_url:
            rows.append((self.link_title or self.link_url, self._link_in_current_language()))
        return rows

    def _link_in_current_language(self):
        """``link_url`` as the reader's language addresses it: a portal address is typed as
        the Ukrainian page's (/olympiads/2024/), the English reader gets /en/olympiads/2024/."""
        reader_language = translation.get_language()
        if not self.link_url.startswith("/") or reader_language == settings.LANGUAGE_CODE:
            return self.link_url
        with translation.override(settings.LANGUAGE_CODE):
            return translate_url(self.link_url, reader_language)
