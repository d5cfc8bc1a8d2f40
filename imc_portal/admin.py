from django.contrib import admin, messages
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from imc_portal import mail_admin  # noqa: F401  (the e-mail queue, for the superuser)
from imc_portal.accounts import services as accounts
from imc_portal.admin_counts import delete_selected
from imc_portal.imports import SpreadsheetImportAdmin
from imc_portal.logins import devices  # noqa: F401  (each staff member's own TOTP devices)
from imc_portal.models import Centre, Institution, Subject, Teacher, TeacherAccount
from imc_portal.resources import TeacherResource

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
class TeacherAdmin(SpreadsheetImportAdmin, SimpleHistoryAdmin):
    resource_classes = [TeacherResource]
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


@admin.register(TeacherAccount)
class TeacherAccountAdmin(SimpleHistoryAdmin):
    """Teachers' accounts; the pending links (``?status=pending``) wait for a methodist, who
    joins each to the teacher's record (or leaves the record empty for a new one) and
    confirms. Accounts are made by sign-up and deleted by their teachers, never here."""

    list_display = ["email", "full_name", "institution", "status", "teacher", "same_name"]
    list_filter = ["status"]
    list_select_related = ["user", "institution", "teacher"]
    search_fields = ["surname", "first_name", "user__email", "teacher__surname"]
    autocomplete_fields = ["teacher"]
    date_hierarchy = "created"
    readonly_fields = [
        "email",
        "surname",
        "first_name",
        "patronymic",
        "institution",
        "signed_up_subjects",
        "status",
        "email_confirmed",
        "same_name",
        "created",
    ]
    fieldsets = [
        (
            _("As given at sign-up"),
            {
                "fields": [
                    "email",
                    "surname",
                    "first_name",
                    "patronymic",
                    "institution",
                    "signed_up_subjects",
                    "email_confirmed",
                    "created",
                ]
            },
        ),
        (_("Link"), {"fields": ["status", "same_name", "teacher"]}),
    ]
    actions = ["confirm_links"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("subjects")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("e-mail"), ordering="user__email")
    def email(self, obj):
        return obj.user.email

    @admin.display(description=_("name"), ordering="surname")
    def full_name(self, obj):
        return obj.full_name

    @admin.display(description=_("subjects and areas"))
    def signed_up_subjects(self, obj):
        return ", ".join(subject.name for subject in obj.subjects.all())

    @admin.display(description=_("records with the same name"))
    def same_name(self, obj):
        if obj.is_linked:
            return ""
        return format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            (
                (reverse("admin:imc_portal_teacher_change", args=[teacher.pk]), teacher)
                for teacher in accounts.same_name_records(obj)
            ),
        )

    @admin.action(description=_("Confirm the selected links"), permissions=["change"])
    def confirm_links(self, request, queryset):
        with translation.override(None):  # the log keeps the field's English name
            field = str(TeacherAccount._meta.get_field("status").verbose_name)
        confirmed = 0
        for account in queryset.pending().select_related("user", "teacher").order_by():
            account._history_user = request.user
            accounts.confirm_link(account)
            self.log_change(request, account, [{"changed": {"fields": [field]}}])
            confirmed += 1
        self.message_user(
            request,
            ngettext("%(count)s link confirmed.", "%(count)s links confirmed.", confirmed)
            % {"count": confirmed},
            messages.SUCCESS,
        )
