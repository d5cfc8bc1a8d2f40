"""The e-mail queue in the admin, for the superuser (the city's IT person): what waits to be
sent, what the mail server refused (deferred, tried again every ten minutes), and the log of
every attempt. Read-only: messages are written by the portal, never by hand; a waiting one
can be sent at once or deleted. Replaces django-mailer's own admin."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from mailer import engine
from mailer.models import (
    PRIORITY_DEFERRED,
    RESULT_SUCCESS,
    DontSendEntry,
    Message,
    MessageLog,
)

for model in (Message, MessageLog, DontSendEntry):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


class ReadOnlyMailAdmin(admin.ModelAdmin):
    list_per_page = 50
    fields = ["recipients", "subject", "body"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("to"))
    def recipients(self, message):
        return ", ".join(message.to_addresses or [])

    @admin.display(description=_("subject"))
    def subject(self, message):
        return message.subject

    @admin.display(description=_("text"))
    def body(self, message):
        email = message.email
        return email.body if email is not None else ""


@admin.register(Message)
class QueuedMessageAdmin(ReadOnlyMailAdmin):
    list_display = ["recipients", "subject", "added", "is_deferred", "tries"]
    date_hierarchy = "when_added"
    ordering = ["priority", "when_added"]
    actions = ["send_now"]

    @admin.display(description=_("queued at"), ordering="when_added")
    def added(self, message):
        return message.when_added

    @admin.display(description=_("tried again"), ordering="retry_count")
    def tries(self, message):
        return message.retry_count

    @admin.display(description=_("refused, to be tried again"), boolean=True)
    def is_deferred(self, message):
        return message.priority == PRIORITY_DEFERRED

    def has_send_permission(self, request):
        return request.user.is_superuser

    @admin.action(description=_("Send the selected e-mails now"), permissions=["send"])
    def send_now(self, request, queryset):
        before = queryset.count()
        engine.send_all(queryset)
        left = Message.objects.filter(pk__in=queryset.values("pk")).count()
        sent = before - left
        self.message_user(
            request,
            ngettext("%(count)d e-mail sent.", "%(count)d e-mails sent.", sent) % {"count": sent},
            messages.SUCCESS if not left else messages.WARNING,
        )


@admin.register(MessageLog)
class MessageLogAdmin(ReadOnlyMailAdmin):
    list_display = ["attempted", "recipients", "subject", "outcome", "error"]
    list_filter = ["result"]
    date_hierarchy = "when_attempted"
    ordering = ["-when_attempted"]
    fields = ["attempted", "outcome", "error", *ReadOnlyMailAdmin.fields]
    readonly_fields = fields

    @admin.display(description=_("attempted at"), ordering="when_attempted")
    def attempted(self, entry):
        return entry.when_attempted

    @admin.display(description=_("sent"), boolean=True)
    def outcome(self, entry):
        return entry.result == RESULT_SUCCESS

    @admin.display(description=_("mail server's answer"))
    def error(self, entry):
        return entry.log_message
