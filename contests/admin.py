from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from contests.models import (
    Contest,
    ContestEdition,
    ContestEntry,
    ContestResult,
    ManResult,
    ManSection,
    ManWork,
    Nomination,
    Olympiad,
    OlympiadResult,
    Project,
    ProjectFestival,
    Student,
)
from contests.resources import (
    ContestResultResource,
    ManResultResource,
    ManWorkResource,
    OlympiadResultResource,
    ProjectResource,
)
from imc_portal.imports import SpreadsheetImportAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    """The contests admins of records that keep history (django-simple-history), with
    revert; students and MAN sections keep none, so theirs are plain admins (a history
    admin of a model without history fails with a 500 on its history page)."""


class ResultImportAdmin(SpreadsheetImportAdmin, HistoryAdmin):
    """Results: import with a preview and row-by-row errors, export, the template file."""

    change_list_template = "admin/contests/change_list_import_export.html"


class NominationInline(admin.TabularInline):
    model = Nomination
    extra = 0
    fields = ["name", "order"]


class ContestEditionInline(admin.TabularInline):
    model = ContestEdition
    extra = 0
    fields = ["year", "is_published"]
    show_change_link = True


@admin.register(Contest)
class ContestAdmin(HistoryAdmin):
    list_display = ["name", "order", "edition_count"]
    list_editable = ["order"]
    search_fields = ["name"]
    inlines = [ContestEditionInline]
    readonly_fields = ["slug"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_editions=Count("editions"))

    @admin.display(description=_("editions"), ordering="_editions")
    def edition_count(self, obj):
        return obj._editions


@admin.register(ContestEdition)
class ContestEditionAdmin(HistoryAdmin):
    list_display = ["contest", "year", "is_published", "participant_count"]
    list_filter = ["contest", "year", "is_published"]
    list_select_related = ["contest"]
    search_fields = ["contest__name", "nominations__name"]
    autocomplete_fields = ["contest"]
    inlines = [NominationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_entries=Count("nominations__entries"))

    @admin.display(description=_("participants"), ordering="_entries")
    def participant_count(self, obj):
        return obj._entries


@admin.register(Nomination)
class NominationAdmin(HistoryAdmin):
    list_display = ["name", "edition", "order"]
    list_filter = ["edition__contest", "edition__year"]
    list_select_related = ["edition__contest"]
    search_fields = ["name", "edition__contest__name"]
    autocomplete_fields = ["edition"]


class ContestResultInline(admin.TabularInline):
    model = ContestResult
    extra = 0
    fields = ["stage", "outcome", "place", "score"]


@admin.register(ContestEntry)
class ContestEntryAdmin(HistoryAdmin):
    list_display = ["teacher", "nomination", "institution"]
    list_filter = ["nomination__edition__contest", "nomination__edition__year", "results__stage"]
    list_select_related = ["teacher", "nomination__edition__contest", "institution"]
    search_fields = ["teacher__surname", "teacher__first_name", "nomination__name"]
    autocomplete_fields = ["nomination", "teacher", "institution"]
    inlines = [ContestResultInline]


@admin.register(ContestResult)
class ContestResultAdmin(ResultImportAdmin):
    resource_classes = [ContestResultResource]
    list_display = ["entry", "stage", "outcome", "place", "score"]
    list_filter = [
        "entry__nomination__edition__contest",
        "entry__nomination__edition__year",
        "stage",
        "outcome",
    ]
    list_select_related = ["entry__teacher", "entry__nomination__edition__contest"]
    search_fields = ["entry__teacher__surname", "entry__teacher__first_name"]
    autocomplete_fields = ["entry"]


@admin.register(Student)
class StudentAdmin(HistoryAdmin):
    list_display = ["full_name", "institution"]
    list_filter = ["institution"]
    list_select_related = ["institution"]
    search_fields = ["surname", "first_name", "patronymic"]
    autocomplete_fields = ["institution"]

    @admin.display(description=_("name"), ordering="surname")
    def full_name(self, obj):
        return obj.full_name


@admin.register(Olympiad)
class OlympiadAdmin(HistoryAdmin):
    list_display = ["subject", "year", "kind", "is_published", "result_count"]
    list_filter = ["year", "kind", "subject", "is_published"]
    list_select_related = ["subject"]
    search_fields = ["subject__name"]
    autocomplete_fields = ["subject"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_results=Count("results"))

    @admin.display(description=_("results"), ordering="_results")
    def result_count(self, obj):
        return obj._results


@admin.register(OlympiadResult)
class OlympiadResultAdmin(ResultImportAdmin):
    resource_classes = [OlympiadResultResource]
    list_display = ["student", "olympiad", "stage", "grade", "institution", "result", "score"]
    list_filter = ["olympiad__year", "olympiad__kind", "stage", "result", "olympiad__subject"]
    list_select_related = ["student", "olympiad__subject", "institution"]
    search_fields = ["student__surname", "student__first_name", "olympiad__subject__name"]
    autocomplete_fields = ["olympiad", "student", "institution", "mentor"]
    fieldsets = [
        (None, {"fields": ["olympiad", "stage", "student", "grade", "institution"]}),
        (_("Result"), {"fields": ["result", "score", "mentor"]}),
    ]


@admin.register(ManSection)
class ManSectionAdmin(HistoryAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    readonly_fields = ["slug"]


class ManResultInline(admin.TabularInline):
    model = ManResult
    extra = 0
    fields = ["stage", "outcome", "score"]


@admin.register(ManWork)
class ManWorkAdmin(SpreadsheetImportAdmin, HistoryAdmin):
    resource_classes = [ManWorkResource]
    list_display = ["title", "year", "section", "institution", "grade", "is_published"]
    list_filter = ["year", "section", "is_published"]
    list_select_related = ["section", "institution"]
    search_fields = ["title", "students__surname"]
    autocomplete_fields = ["section", "students", "institution", "supervisor"]
    inlines = [ManResultInline]


@admin.register(ManResult)
class ManResultAdmin(ResultImportAdmin):
    resource_classes = [ManResultResource]
    list_display = ["work", "stage", "outcome", "score"]
    list_filter = ["work__year", "stage", "outcome", "work__section"]
    list_select_related = ["work"]
    search_fields = ["work__title"]
    autocomplete_fields = ["work"]


class ProjectInline(admin.TabularInline):
    model = Project
    extra = 0
    fields = ["title", "institution", "team_name", "outcome", "place", "city_funded"]
    autocomplete_fields = ["institution"]
    show_change_link = True


@admin.register(ProjectFestival)
class ProjectFestivalAdmin(HistoryAdmin):
    list_display = ["title", "year", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["title", "partner"]
    inlines = [ProjectInline]


@admin.register(Project)
class ProjectAdmin(SpreadsheetImportAdmin, HistoryAdmin):
    resource_classes = [ProjectResource]
    list_display = ["title", "festival", "institution", "outcome", "place", "city_funded"]
    list_filter = ["festival__year", "outcome", "city_funded"]
    list_select_related = ["festival", "institution"]
    search_fields = ["title", "team_name"]
    autocomplete_fields = ["festival", "institution", "team", "supervisor"]
