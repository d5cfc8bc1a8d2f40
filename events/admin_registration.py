"""Registrations in the admin: an event's confirmed places and its waiting list in order,
with the actions a methodist needs (move up or down the list, move in by hand, offer the
places free now). Each action writes the records' history and the admin's log; the
director reads and changes nothing. Who was offered what and when: the offer's columns
and each registration's history."""

from django.contrib import admin, messages
from django.db.models import Case, IntegerField, Value, When
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from events import registration as services
from events.models import Registration


def _base_url(request):
    return request.build_absolute_uri("/").rstrip("/")


def _log(model_admin, request, registration, field):
    with translation.override(None):  # the log keeps the field's English name
        name = str(registration._meta.get_field(field).verbose_name)
    model_admin.log_change(request, registration, [{"changed": {"fields": [name]}}])


class RegistrationAdmin(SimpleHistoryAdmin):
    list_display = [
        "teacher",
        "event",
        "role",
        "status",
        "position",
        "offered_at",
        "offer_expires_at",
        "confirmed_at",
        "created",
    ]
    list_filter = ["status", "event", "role"]
    list_select_related = ["teacher", "event", "role"]
    search_fields = ["teacher__surname", "teacher__first_name", "event__title"]
    autocomplete_fields = ["event", "teacher"]
    date_hierarchy = "created"
    # The status and the list's order change only through the actions (which lock the event
    # and keep the capacity); the note is free.
    readonly_fields = [
        "event",
        "teacher",
        "role",
        "status",
        "position",
        "offered_at",
        "offer_expires_at",
        "confirmed_at",
    ]
    fields = [*readonly_fields, "note"]
    actions = ["move_up", "move_down", "move_in", "offer_free_places"]

    def get_ordering(self, request):
        # An event's confirmed places first, then the offers, then the waiting list in its
        # order (``_rank``: annotated below, so not in ``ordering``, which the checks read).
        return ["event", "_rank", "position", "created", "pk"]

    def get_queryset(self, request):
        order = [
            Registration.Status.CONFIRMED,
            Registration.Status.OFFERED,
            Registration.Status.WAITING,
            Registration.Status.EXPIRED,
            Registration.Status.CANCELLED,
        ]
        rank = Case(
            *(When(status=status, then=Value(number)) for number, status in enumerate(order)),
            output_field=IntegerField(),
        )
        # As ModelAdmin.get_queryset, with the rank there before the ordering that uses it.
        queryset = self.model._default_manager.get_queryset().annotate(_rank=rank)
        return queryset.order_by(*self.get_ordering(request))

    def has_add_permission(self, request):
        # Teachers register themselves; a methodist moves somebody in from the list.
        return False

    def _move(self, request, queryset, step):
        moved = 0
        for registration in queryset.select_related("event"):
            if services.move(registration, step, request.user):
                _log(self, request, registration, "position")
                moved += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d registration moved on the waiting list.",
                "%(count)d registrations moved on the waiting list.",
                moved,
            )
            % {"count": moved},
            messages.SUCCESS if moved else messages.WARNING,
        )

    @admin.action(description=_("Move up the waiting list"), permissions=["change"])
    def move_up(self, request, queryset):
        self._move(request, queryset, -1)

    @admin.action(description=_("Move down the waiting list"), permissions=["change"])
    def move_down(self, request, queryset):
        self._move(request, queryset, +1)

    @admin.action(
        description=_("Move in by hand: confirm, even beyond the places"), permissions=["change"]
    )
    def move_in(self, request, queryset):
        confirmed = 0
        for registration in queryset.select_related("event"):
            if services.move_in(registration, request.user, _base_url(request)):
                _log(self, request, registration, "status")
                confirmed += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d registration confirmed by hand.",
                "%(count)d registrations confirmed by hand.",
                confirmed,
            )
            % {"count": confirmed},
            messages.SUCCESS if confirmed else messages.WARNING,
        )

    @admin.action(
        description=_("Offer the free places to the waiting list now"), permissions=["change"]
    )
    def offer_free_places(self, request, queryset):
        offered = []
        events = {registration.event for registration in queryset.select_related("event")}
        for event in events:
            offered += services.refresh(event, _base_url(request), user=request.user)
        for registration in offered:
            _log(self, request, registration, "status")
        self.message_user(
            request,
            ngettext("%(count)d place offered.", "%(count)d places offered.", len(offered))
            % {"count": len(offered)},
            messages.SUCCESS,
        )
