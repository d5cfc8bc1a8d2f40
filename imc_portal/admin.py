from django.contrib import admin
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from imc_portal.admin_counts import delete_selected
from imc_portal.logins import devices  # noqa: F401  (each staff member's own TOTP devices)
from imc_portal.models import Centre, Institution, Subject, Teacher

# Every admin's "delete selected" says how many were deleted in the right plural.
admin.site.add_action(delete_selected, "delete_selected")


@admin.register(Centre)
class CentreAdmin(SimpleHistoryAdmin):
    list_display = ["name", "city", "phone", "email"]
    search_fields = ["name", "city"]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "city", "parent_body", "founded_year"]}),
        (_("Contacts"), {"fields": ["address", "phone", "email", "website"]}),
        (_("Presentation"), {"fields": ["logo", "description"]}),
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not Centre.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # One record: go straight to it.
        if centre := Centre.objects.first():
            return redirect(reverse("admin:imc_portal_centre_change", args=[centre.pk]))
        return super().changelist_view(request, extra_context)


@admin.register(Institution)
class InstitutionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "kind", "address", "teacher_count"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "address"]
    readonly_fields = ["slug"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_teachers=Count("teachers"))

    @admin.display(description=_("teachers"), ordering="_teachers")
    def teacher_count(self, obj):
        return obj._teachers


@admin.register(Subject)
class SubjectAdmin(SimpleHistoryAdmin):
    list_display = ["name", "order", "slug"]
    list_editable = ["order"]
    search_fields = ["name"]
    readonly_fields = ["slug"]


@admin.register(Teacher)
class TeacherAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "institution", "position", "category", "pedagogical_title"]
    list_filter = ["category", "pedagogical_title", "institution__kind", "subjects"]
    list_select_related = ["institution"]
    search_fields = [
        "surname",
        "first_name",
        "patronymic",
        "institution__name",
        "institution__short_name",
    ]
    autocomplete_fields = ["institution", "subjects"]
    readonly_fields = ["slug", "created", "updated"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "surname",
                    "first_name",
                    "patronymic",
                    "institution",
                    "position",
                    "subjects",
                ]
            },
        ),
        (_("Attestation"), {"fields": ["category", "pedagogical_title"]}),
        (_("Staff only"), {"fields": ["email", "phone", "note"]}),
        (_("Record"), {"fields": ["slug", "created", "updated"], "classes": ["collapse"]}),
    ]

    @admin.display(description=_("name"), ordering="surname")
    def full_name(self, obj):
        return obj.full_name
