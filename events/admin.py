from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, Q
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from events import registration
from events.admin_register import GroupAttendanceAdminMixin, RegisterAdminMixin
from events.admin_registration import RegistrationAdmin
from events.models import AudienceRole, Event, Group, Material, Region, Registration, Speaker
from events.resources import EventResource
from imc_portal.imports import SpreadsheetImportAdmin

# Methodists paste links without a scheme; https is what they mean.
URL_OVERRIDES = {models.URLField: {"assume_scheme": "https"}}


class SpeakerInline(admin.TabularInline):
    model = Speaker
    extra = 0
    fields = ["name", "affiliation", "topic", "order"]


class MaterialInline(admin.TabularInline):
    model = Material
    extra = 0
    formfield_overrides = URL_OVERRIDES
    fields = ["title", "file", "url", "size_display", "order"]
    readonly_fields = ["size_display"]

    @admin.display(description=_("size"))
    def size_display(self, material):
        return filesizeformat(material.size) if material.size else "—"


@admin.register(Event)
class EventAdmin(SpreadsheetImportAdmin, RegisterAdminMixin, SimpleHistoryAdmin):
    resource_classes = [EventResource]
    formfield_overrides = URL_OVERRIDES
    list_display = [
        "title",
        "start_local",
        "kind",
        "level",
        "format",
        "status",
        "is_published",
        "group",
        "venue",
    ]
    list_filter = ["kind", "level", "format", "status", "is_published", "subjects", "group"]
    list_select_related = ["venue", "group"]
    search_fields = ["title", "address", "venue__name", "venue__short_name", "speakers__name"]
    autocomplete_fields = [
        "venue",
        "group",
        "organisers",
        "partners",
        "subjects",
        "audience_roles",
    ]
    # The regions are a fixed list of 27: picked from it, not searched.
    filter_horizontal = ["regions"]
    date_hierarchy = "start"
    save_as = True
    save_on_top = True
    readonly_fields = ["slug", "register_link", "registrations_link"]
    inlines = [SpeakerInline, MaterialInline]
    fieldsets = [
        (None, {"fields": ["title", "kind", "level", "format", "status", "status_note"]}),
        (_("Date and place"), {"fields": ["start", "end", "venue", "address", "online_url"]}),
        (
            _("Audience and organisers"),
            {
                "fields": [
                    "subjects",
                    "audience_roles",
                    "audience_institution_kinds",
                    "group",
                    "organisers",
                    "partners",
                ]
            },
        ),
        (_("Content"), {"fields": ["description", "programme", "pd_hours"]}),
        (
            _("Registration"),
            {
                "fields": [
                    "registration_enabled",
                    "capacity",
                    "registration_opens",
                    "registration_closes",
                    "registration_restricted",
                    "offer_hours",
                    "registrations_link",
                ]
            },
        ),
        (
            _("After the event"),
            {
                "fields": [
                    "participants_count",
                    "regions",
                    "register_link",
                    "counted_teacher_participants",
                    "outcomes",
                ]
            },
        ),
        (_("Publication"), {"fields": ["is_published", "slug"]}),
    ]
    actions = ["publish", "unpublish"]

    @admin.display(description=_("attendance register"))
    def register_link(self, event):
        if not event.pk:
            return _("The register opens once the event is saved.")
        counts = event.attendances.aggregate(
            listed=Count("pk"), attended=Count("pk", filter=Q(attended=True))
        )
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:events_event_register", args=[event.pk]),
            _("%(attended)d attended of %(listed)d on the register") % counts,
        )

    @admin.display(description=_("registrations"))
    def registrations_link(self, event):
        if not event.pk:
            return "—"
        counts = event.registrations.aggregate(
            confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
            waiting=Count("pk", filter=Q(status=Registration.Status.WAITING)),
        )
        return format_html(
            '<a href="{}?event__id__exact={}">{}</a>',
            reverse("admin:events_registration_changelist"),
            event.pk,
            _("%(confirmed)d confirmed, %(waiting)d on the waiting list") % counts,
        )

    @admin.display(description=_("start"), ordering="start")
    def start_local(self, event):
        return timezone.localtime(event.start).strftime("%d.%m.%Y %H:%M")

    @admin.action(description=_("Publish the selected events"), permissions=["change"])
    def publish(self, request, queryset):
        changed = self._set_published(request, queryset, True)
        self.message_user(
            request,
            ngettext("%(count)s event published.", "%(count)s events published.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )

    @admin.action(description=_("Hide the selected events from the public"), permissions=["change"])
    def unpublish(self, request, queryset):
        changed = self._set_published(request, queryset, False)
        self.message_user(
            request,
            ngettext("%(count)s event hidden.", "%(count)s events hidden.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )

    def _set_published(self, request, queryset, value):
        """Save each event that changes, so that its history, the admin's log, the search
        index and the page cache all see the change as they see an edit; returns how many
        changed."""
        with translation.override(None):  # the log keeps the field's English name
            field = str(Event._meta.get_field("is_published").verbose_name)
        changed = 0
        for event in queryset.filter(is_published=not value).order_by():
            event.is_published = value
            event._history_user = request.user
            event.save(update_fields=["is_published", "updated"])
            self.log_change(request, event, [{"changed": {"fields": [field]}}])
            changed += 1
        return changed

    def save_model(self, request, obj, form, change):
        if "_saveasnew" in request.POST:
            # A copy gets its own address instead of the original's slug.
            obj.slug = ""
        super().save_model(request, obj, form, change)
        base_url = request.build_absolute_uri("/").rstrip("/")
        if change and "status" in form.changed_data and obj.status == Event.Status.CANCELLED:
            told = registration.event_cancelled(obj, base_url)
            if told:
                message = ngettext(
                    "%(count)d registered teacher will be told by e-mail that the event is "
                    "cancelled.",
                    "%(count)d registered teachers will be told by e-mail that the event is "
                    "cancelled.",
                    told,
                )
                self.message_user(request, message % {"count": told}, messages.INFO)
        if obj.registration_enabled:
            # A higher capacity (or registration just opened) offers the places freed.
            registration.refresh(obj, base_url, user=request.user)
        if "capacity" in form.changed_data:
            self._warn_beyond_capacity(request, obj)

    def _warn_beyond_capacity(self, request, event):
        """Fewer places than confirmed teachers: nobody is put out (they were told they have
        a place), but the methodist is told how many are beyond the places."""
        if event.capacity is None:
            return
        confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
        beyond = confirmed - event.capacity
        if beyond > 0:
            self.message_user(
                request,
                ngettext(
                    "%(count)d confirmed registration is beyond the %(places)d places: nobody "
                    "was removed; cancel registrations by hand if need be.",
                    "%(count)d confirmed registrations are beyond the %(places)d places: nobody "
                    "was removed; cancel registrations by hand if need be.",
                    beyond,
                )
                % {"count": beyond, "places": event.capacity},
                messages.WARNING,
            )


admin.site.register(Registration, RegistrationAdmin)


@admin.register(Group)
class GroupAdmin(GroupAttendanceAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "subject", "head", "curator", "member_count", "is_public"]
    list_filter = ["kind", "subject", "is_public", "curator"]
    list_select_related = ["subject", "head", "curator"]
    search_fields = ["name", "focus", "head__surname", "curator__surname"]
    autocomplete_fields = ["subject", "head", "curator", "members"]
    readonly_fields = ["slug"]
    fieldsets = [
        (None, {"fields": ["name", "kind", "subject", "is_public", "order", "slug"]}),
        (_("People"), {"fields": ["head", "supervisor", "curator", "members"]}),
        (_("Work"), {"fields": ["description", "focus", "focus_year"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_member_count=Count("members"))

    @admin.display(description=_("members"), ordering="_member_count")
    def member_count(self, group):
        return group._member_count


@admin.register(AudienceRole)
class AudienceRoleAdmin(SimpleHistoryAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    list_filter = []
    search_fields = ["name"]
    list_select_related = []
    readonly_fields = ["slug"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    """Ukraine's regions are a fixed list (seeded by a migration): looked at, never edited
    (so they keep no history); the director's summary links the regions it counts here."""

    list_display = ["__str__", "kind", "event_count"]
    list_filter = ["kind"]
    search_fields = ["code"]
    list_select_related = []
    fields = ["code", "kind", "event_count"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_events=Count("events"))

    def get_search_results(self, request, queryset, search_term):
        """The names are translations: found by the name shown, in the language shown."""
        term = search_term.strip().casefold()
        if not term:
            return queryset, False
        codes = [
            code
            for code, name in Region._meta.get_field("code").choices
            if term in str(name).casefold()
        ]
        return queryset.filter(Q(code__in=codes) | Q(code__iexact=term)), False

    @admin.display(description=_("events"), ordering="_events")
    def event_count(self, region):
        return region._events

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
