"""Writes through the admin need a write permission, whoever registered the admin.

django-simple-history's "revert" page (``history_form_view``) saves the posted form for
anybody who may *view* the record's history, so a view-only role (the director) could
revert a record to an older version. Every history admin of the portal inherits from
``SimpleHistoryAdmin``; the guard is put on that class once, when the portal starts."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin


def guard_history_revert(admin_class=SimpleHistoryAdmin):
    view = admin_class.history_form_view
    if getattr(view, "needs_change_permission", False):
        return

    @wraps(view)
    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST" and not self.has_change_history_permission(request):
            raise PermissionDenied
        return view(self, request, object_id, version_id, extra_context)

    history_form_view.needs_change_permission = True
    admin_class.history_form_view = history_form_view
