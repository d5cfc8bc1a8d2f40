from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from staff.models import Award, AwardKind, Department, Distinction, StaffMember


class AwardInline(admin.TabularInline):
    model = Award
    extra = 0
    autocomplete_fields = ["kind"]
    fields = ["kind", "year", "order_number"]


@admin.register(StaffMember)
class StaffMemberAdmin(SimpleHistoryAdmin):
    list_display = [
        "full_name",
        "role",
        "position",
        "department",
        "rate",
        "employed_until",
        "is_public",
        "order",
    ]
    list_display_links = ["full_name"]
    list_editable = ["order"]
    list_filter = ["role", "department", "is_public", "subjects"]
    list_select_related = ["department"]
    search_fields = ["surname", "first_name", "patronymic", "position"]
    autocomplete_fields = ["department", "subjects"]
    readonly_fields = ["slug", "photo_preview"]
    inlines = [AwardInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "surname",
                    "first_name",
                    "patronymic",
                    "role",
                    "position",
                    "department",
                    "rate",
                    "subjects",
                ]
            },
        ),
        (
            _("Public card"),
            {
                "fields": [
                    "photo",
                    "photo_preview",
                    "email",
                    "phone",
                    "room",
                    "biography",
                    "order",
                    "is_public",
                ]
            },
        ),
        (_("Employment"), {"fields": ["employed_from", "employed_until"]}),
        (_("Record"), {"fields": ["slug"], "classes": ["collapse"]}),
    ]

    @admin.display(description=_("name"), ordering="surname")
    def full_name(self, obj):
        return obj.full_name

    @admin.display(description=_("thumbnail"))
    def photo_preview(self, obj):
        if not obj.photo_thumbnail:
            return "—"
        return format_html('<img src="{}" alt="" width="96">', obj.photo_thumbnail.url)


@admin.register(Department)
class DepartmentAdmin(SimpleHistoryAdmin):
    list_display = ["name", "order", "member_count"]
    list_editable = ["order"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_members=Count("members"))

    @admin.display(description=_("staff members"), ordering="_members")
    def member_count(self, obj):
        return obj._members


@admin.register(AwardKind)
class AwardKindAdmin(SimpleHistoryAdmin):
    list_display = ["name", "level", "order", "award_count"]
    list_editable = ["order"]
    list_filter = ["level"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_awards=Count("awards"))

    @admin.display(description=_("awards granted"), ordering="_awards")
    def award_count(self, obj):
        return obj._awards


@admin.register(Award)
class AwardAdmin(SimpleHistoryAdmin):
    list_display = ["member", "kind", "year", "order_number"]
    list_filter = ["kind", "kind__level", "year"]
    list_select_related = ["member", "kind"]
    search_fields = ["member__surname", "member__first_name", "kind__name", "order_number"]
    autocomplete_fields = ["member", "kind"]


@admin.register(Distinction)
class DistinctionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "year", "awarded_by", "order"]
    list_filter = ["year"]
    search_fields = ["title", "awarded_by", "description"]
