"""The register of an event in the admin: who came (ticked in bulk), walk-ins found by name
or recorded on the spot, a sign-in list imported from a spreadsheet (previewed, saved only
when every row is right) and a sign-in sheet to print. Methodists write; the director
reads the register and changes nothing. Attendees' names are for staff only: the public
pages show counts."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events import attendance, queries
from events.forms import ConfirmSignInForm, NewTeacherForm, SignInListForm, TicksForm, WalkInForm
from events.models import Attendance
from imc_portal.periods import Period, current_academic_year
from imc_portal.spreadsheets import XLSX, template_workbook

# Empty lines at the end of a sign-in sheet, for those who come unannounced.
BLANK_SIGN_IN_LINES = 10


def _log_register_change(model_admin, request, event):
    with translation.override(None):  # the log keeps the English name, as for a field
        name = "register"
    model_admin.log_change(request, event, [{"changed": {"fields": [name]}}])


class RegisterAdminMixin:
    """The register's views of ``EventAdmin``."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        views = [
            ("register", self.register_view),
            ("sign_in_sheet", self.sign_in_sheet_view),
            ("attendance_import", self.attendance_import_view),
            ("attendance_template", self.attendance_template_view),
        ]
        extra = [
            path(
                f"<path:object_id>/{name.replace('_', '-')}/",
                self.admin_site.admin_view(view),
                name="{}_{}_{}".format(*info, name),
            )
            for name, view in views
        ]
        return extra + super().get_urls()

    def _event(self, request, object_id, write=False):
        event = self.get_object(request, unquote(object_id))
        if event is None:
            raise Http404(_("No such event."))
        if not self.has_view_permission(request, event):
            raise PermissionDenied
        if write and not self.has_change_permission(request, event):
            raise PermissionDenied
        return event

    def _context(self, request, event, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": event,
            "event": event,
            "title": title,
            "subtitle": str(event),
            **extra,
        }

    def register_view(self, request, object_id):
        event = self._event(request, object_id, write=request.method == "POST")
        can_change = self.has_change_permission(request, event)
        here = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_register", args=[event.pk]
        )
        ticks_form = TicksForm(event=event)
        walk_in_form = WalkInForm(prefix="walk_in")
        new_teacher_form = NewTeacherForm(prefix="new")
        status = 200
        if request.method == "POST":
            if "_ticks" in request.POST:
                ticks_form = TicksForm(request.POST, event=event)
                if ticks_form.is_valid():
                    ticked, unticked = attendance.save_ticks(
                        event, [row.pk for row in ticks_form.cleaned_data["attended"]], request.user
                    )
                    if ticked or unticked:
                        _log_register_change(self, request, event)
                    self.message_user(
                        request,
                        _("The register is saved: %(ticked)d ticked, %(unticked)d unticked.")
                        % {"ticked": ticked, "unticked": unticked},
                        messages.SUCCESS,
                    )
                    return HttpResponseRedirect(here)
            elif "_walk_in" in request.POST:
                walk_in_form = WalkInForm(request.POST, prefix="walk_in")
                if walk_in_form.is_valid():
                    self._add(request, event, walk_in_form.cleaned_data["teachers"])
                    return HttpResponseRedirect(here)
            elif "_new_teacher" in request.POST:
                new_teacher_form = NewTeacherForm(request.POST, prefix="new")
                if new_teacher_form.is_valid():
                    with transaction.atomic():
                        teacher = new_teacher_form.save(commit=False)
                        teacher._history_user = request.user
                        teacher.save()
                        self.log_addition(request, teacher, [{"added": {}}])
                        self._add(request, event, [teacher])
                    return HttpResponseRedirect(here)
            else:
                self.message_user(request, _("Nothing to save."), messages.WARNING)
                return HttpResponseRedirect(here)
            status = 400
        rows = list(event.attendances.in_name_order())
        context = self._context(
            request,
            event,
            _("Attendance register"),
            rows=rows,
            attended_count=sum(row.attended for row in rows),
            can_change=can_change,
            ticks_form=ticks_form,
            walk_in_form=walk_in_form,
            new_teacher_form=new_teacher_form,
            media=self.media + walk_in_form.media + new_teacher_form.media,
        )
        return TemplateResponse(request, "admin/events/event/register.html", context, status=status)

    def _add(self, request, event, teachers):
        added, ticked = attendance.add_attendees(
            event, teachers, Attendance.Source.WALK_IN, request.user
        )
        if added or ticked:
            _log_register_change(self, request, event)
        self.message_user(
            request,
            ngettext(
                "%(count)d teacher added to the register.",
                "%(count)d teachers added to the register.",
                added,
            )
            % {"count": added}
            + " "
            + ngettext("%(count)d already on it ticked.", "%(count)d already on it ticked.", ticked)
            % {"count": ticked},
            messages.SUCCESS,
        )

    def sign_in_sheet_view(self, request, object_id):
        event = self._event(request, object_id)
        rows = list(event.attendances.in_name_order())
        # The role each registered in, when the event asked for one.
        roles = dict(
            event.registrations.active()
            .filter(role__isnull=False)
            .values_list("teacher_id", "role__name")
        )
        for row in rows:
            row.role = roles.get(row.teacher_id, "")
        context = {
            "event": event,
            "rows": rows,
            "show_roles": bool(roles),
            "blank_lines": range(len(rows) + 1, len(rows) + 1 + BLANK_SIGN_IN_LINES),
        }
        return TemplateResponse(request, "events/sign_in_sheet.html", context)

    def attendance_import_view(self, request, object_id):
        event = self._event(request, object_id, write=True)
        register = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_register", args=[event.pk]
        )
        form, preview, confirm_form, status = SignInListForm(), None, None, 200
        if request.method == "POST" and "_confirm" in request.POST:
            confirm_form = ConfirmSignInForm(request.POST)
            if confirm_form.is_valid():
                added, ticked = attendance.add_attendees(
                    event,
                    confirm_form.cleaned_data["teachers"],
                    Attendance.Source.IMPORT,
                    request.user,
                )
                if added or ticked:
                    _log_register_change(self, request, event)
                self.message_user(
                    request,
                    _("Sign-in list imported: %(added)d added, %(ticked)d already listed ticked.")
                    % {"added": added, "ticked": ticked},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(register)
            self.message_user(
                request,
                _("The list changed since the preview; upload it again. Nothing was saved."),
                messages.ERROR,
            )
            confirm_form, status = None, 400
        elif request.method == "POST":
            form = SignInListForm(request.POST, request.FILES)
            if form.is_valid():
                preview = form.rows
                if any(row["error"] for row in preview):
                    status = 400
                    self.message_user(
                        request,
                        _(
                            "Some rows have errors; correct the file and upload it again. "
                            "Nothing was saved."
                        ),
                        messages.ERROR,
                    )
                else:
                    teachers = attendance.teachers_named(preview)
                    confirm_form = ConfirmSignInForm(
                        initial={"teachers": [teacher.pk for teacher in teachers]}
                    )
            else:
                status = 400
        context = self._context(
            request,
            event,
            _("Import a sign-in list"),
            form=form,
            preview=preview,
            confirm_form=confirm_form,
            register_url=register,
            template_url=reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_attendance_template",
                args=[event.pk],
            ),
        )
        return TemplateResponse(
            request, "admin/events/event/attendance_import.html", context, status=status
        )

    def attendance_template_view(self, request, object_id):
        """The file to fill in for the import: the sign-in list's columns."""
        event = self._event(request, object_id, write=True)
        workbook = template_workbook(attendance.SIGN_IN_COLUMNS, title="Sign-in list")
        response = HttpResponse(workbook, content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{event.slug}-sign-in.xlsx"'
        return response


class GroupAttendanceAdminMixin:
    """A group's meetings of an academic year against its members: who came to which."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        extra = [
            path(
                "<path:object_id>/attendance/",
                self.admin_site.admin_view(self.attendance_view),
                name="{}_{}_attendance".format(*info),
            )
        ]
        return extra + super().get_urls()

    def attendance_view(self, request, object_id):
        group = self.get_object(request, unquote(object_id))
        if group is None:
            raise Http404(_("No such group."))
        if not self.has_view_permission(request, group):
            raise PermissionDenied
        period = current = current_academic_year()
        year = request.GET.get("year", "")
        if year:
            if not year.isdigit() or not 1990 <= int(year) <= current.start.year:
                raise Http404(_("No such academic year."))
            period = Period.academic_year(int(year))
        meetings, members = queries.group_attendance(group, period)
        first = period.start.year
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": group,
            "title": _("Members' attendance"),
            "subtitle": f"{group} · {period.label}",
            "group": group,
            "period": period,
            "meetings": meetings,
            "members": members,
            "previous_year": first - 1,
            "next_year": first + 1 if first < current.start.year else None,
        }
        return TemplateResponse(request, "admin/events/group/attendance.html", context)
