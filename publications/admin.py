from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from publications.models import (
    Article,
    ExternalPublication,
    Issue,
    Manual,
    News,
    Periodical,
    PracticeEntry,
    PracticeMaterial,
)


def _thumbnail(field_file):
    if not field_file:
        return "—"
    return format_html('<img src="{}" alt="" width="120">', field_file.url)


@admin.register(Periodical)
class PeriodicalAdmin(SimpleHistoryAdmin):
    list_display = ["title", "audience", "founded_year", "issue_count", "is_published", "order"]
    list_editable = ["order"]
    list_filter = ["is_published"]
    search_fields = ["title", "description"]
    readonly_fields = ["slug"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_issues=Count("issues"))

    @admin.display(description=_("issues"), ordering="_issues")
    def issue_count(self, obj):
        return obj._issues


class ArticleInline(admin.StackedInline):
    model = Article
    extra = 0
    autocomplete_fields = ["teachers", "staff_authors", "subject"]
    fields = [
        ("title", "subject"),
        ("teachers", "staff_authors"),
        "other_authors",
        ("first_page", "last_page"),
        "file",
    ]


@admin.register(Issue)
class IssueAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "date", "article_count", "has_pdf", "is_published"]
    list_filter = ["periodical", "year", "is_published"]
    list_select_related = ["periodical"]
    search_fields = ["periodical__title", "title", "articles__title"]
    autocomplete_fields = ["periodical"]
    date_hierarchy = "date"
    readonly_fields = ["cover_preview"]
    inlines = [ArticleInline]
    fieldsets = [
        (None, {"fields": ["periodical", ("year", "number"), "date", "title", "is_published"]}),
        (_("Files"), {"fields": ["cover", "cover_preview", "pdf"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_articles=Count("articles"))

    @admin.display(description=_("articles"), ordering="_articles")
    def article_count(self, obj):
        return obj._articles

    @admin.display(description=_("PDF"), boolean=True)
    def has_pdf(self, obj):
        return bool(obj.pdf)

    @admin.display(description=_("cover thumbnail"))
    def cover_preview(self, obj):
        return _thumbnail(obj.cover_thumbnail)


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    list_display = ["title", "issue", "pages", "subject"]
    list_filter = ["issue__periodical", "issue__year", "subject"]
    list_select_related = ["issue__periodical", "subject"]
    search_fields = ["title", "other_authors", "teachers__surname", "staff_authors__surname"]
    autocomplete_fields = ["issue", "teachers", "staff_authors", "subject"]
    date_hierarchy = "issue__date"

    @admin.display(description=_("pages"))
    def pages(self, obj):
        return obj.pages


@admin.register(Manual)
class ManualAdmin(SimpleHistoryAdmin):
    list_display = ["title", "year", "subject", "authoring_group", "is_published"]
    list_filter = ["year", "subject", "is_published"]
    list_select_related = ["subject"]
    search_fields = ["title", "authoring_group", "description", "teachers__surname"]
    autocomplete_fields = ["teachers", "staff_authors", "subject"]
    readonly_fields = ["slug"]
    fieldsets = [
        (None, {"fields": ["title", "year", "subject", "description", "file", "is_published"]}),
        (_("Authors"), {"fields": ["teachers", "staff_authors", "authoring_group"]}),
        (_("Record"), {"fields": ["slug"], "classes": ["collapse"]}),
    ]


@admin.register(ExternalPublication)
class ExternalPublicationAdmin(SimpleHistoryAdmin):
    list_display = ["title", "author", "venue", "year", "level", "is_published"]
    list_filter = ["level", "year", "subject", "is_published"]
    list_select_related = ["author"]
    search_fields = ["title", "venue", "publisher", "author__surname", "co_authors"]
    autocomplete_fields = ["author", "subject"]
    fieldsets = [
        (None, {"fields": ["author", "co_authors", "title", "subject"]}),
        (_("Where"), {"fields": ["venue", "publisher", "year", "level", "url", "is_published"]}),
    ]


class PracticeMaterialInline(admin.TabularInline):
    model = PracticeMaterial
    extra = 0
    fields = ["title", "file", "url", "order"]


@admin.register(PracticeEntry)
class PracticeEntryAdmin(SimpleHistoryAdmin):
    list_display = [
        "topic",
        "author",
        "institution",
        "subject",
        "level",
        "city_decision_date",
        "oblast_decision_date",
        "is_published",
    ]
    list_filter = ["level", "subject", "is_published"]
    list_select_related = ["author", "institution", "subject"]
    search_fields = ["topic", "author__surname", "institution__name", "description"]
    autocomplete_fields = ["author", "institution", "subject"]
    date_hierarchy = "city_decision_date"
    readonly_fields = ["slug"]
    inlines = [PracticeMaterialInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "topic",
                    "author",
                    "co_authors",
                    "institution",
                    "subject",
                    "description",
                    "is_published",
                ]
            },
        ),
        (
            _("Catalogues"),
            {
                "fields": [
                    "level",
                    ("city_decision_number", "city_decision_date"),
                    ("oblast_decision_number", "oblast_decision_date"),
                    ("national_decision_number", "national_decision_date"),
                ]
            },
        ),
        (_("Record"), {"fields": ["slug"], "classes": ["collapse"]}),
    ]


@admin.register(News)
class NewsAdmin(SimpleHistoryAdmin):
    list_display = ["title", "date", "is_published", "has_image"]
    list_filter = ["is_published"]
    search_fields = ["title", "summary", "body"]
    autocomplete_fields = ["issue", "manual", "practice_entry", "event", "contest_edition"]
    date_hierarchy = "date"
    readonly_fields = ["slug", "image_preview"]
    fieldsets = [
        (None, {"fields": ["title", "date", "summary", "body", "is_published"]}),
        (_("Image"), {"fields": ["image", "image_alt", "image_preview"]}),
        (
            _("What it is about"),
            {
                "fields": [
                    "event",
                    "contest_edition",
                    "issue",
                    "manual",
                    "practice_entry",
                    "link_url",
                    "link_title",
                ]
            },
        ),
        (_("Record"), {"fields": ["slug"], "classes": ["collapse"]}),
    ]

    @admin.display(description=_("image"), boolean=True)
    def has_image(self, obj):
        return bool(obj.image)

    @admin.display(description=_("thumbnail"))
    def image_preview(self, obj):
        return _thumbnail(obj.image_thumbnail)
