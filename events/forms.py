"""The teacher's registration on the event's page, and the forms of an event's register in
the admin."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from events import attendance
from events.models import Attendance
from imc_portal.models import Teacher
from imc_portal.spreadsheets import (
    MAX_IMPORT_BYTES,
    SpreadsheetError,
    check_rows,
    read_rows,
    size_message,
)


class RegistrationForm(forms.Form):
    """Registering on the event's page: the role the teacher registers in, chosen from the
    event's audience roles when it asks for one (``registration.roles_to_choose``); no field
    otherwise. The roles are given, so the page's prefetched ones cost no query."""

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.roles = {str(role.pk): role for role in roles}
        if self.roles:
            self.fields["role"] = forms.ChoiceField(
                label=_("I register as"),
                choices=[("", "---------"), *((pk, role.name) for pk, role in self.roles.items())],
                error_messages={
                    "required": _("Choose the role you register in."),
                    "invalid_choice": _(
                        "This event is not for that role: choose one of its roles."
                    ),
                },
                widget=forms.Select(attrs={"class": "form-select"}),
            )

    def clean_role(self):
        return self.roles[self.cleaned_data["role"]]

    def full_clean(self):
        super().full_clean()
        if "role" in self.errors:
            self.fields["role"].widget.attrs.update(
                {
                    "class": "form-select is-invalid",
                    "aria-invalid": "true",
                    "aria-describedby": f"{self['role'].id_for_label}-error",
                }
            )


class TicksForm(forms.Form):
    """Who came: the ticked rows of the register (the others are unticked)."""

    attended = forms.ModelMultipleChoiceField(
        queryset=Attendance.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].queryset = event.attendances.order_by()


class WalkInForm(forms.Form):
    """Teachers who came without being on the register, found by name."""

    teachers = forms.ModelMultipleChoiceField(
        label=_("Teachers who came"),
        queryset=Teacher.objects.all(),
        widget=AutocompleteSelectMultiple(Attendance._meta.get_field("teacher"), admin.site),
    )


class NewTeacherForm(forms.ModelForm):
    """A walk-in who is not in the portal yet: recorded on the spot."""

    class Meta:
        model = Teacher
        fields = ["surname", "first_name", "patronymic", "institution"]
        widgets = {
            "institution": AutocompleteSelect(Teacher._meta.get_field("institution"), admin.site)
        }

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            same = attendance.same_name(
                cleaned["surname"],
                cleaned["first_name"],
                cleaned.get("patronymic"),
                cleaned.get("institution"),
            )
            if same.exists():
                raise ValidationError(
                    _(
                        "A teacher with this name is already recorded: find them in "
                        "“Teachers who came” instead of adding them again."
                    )
                )
        return cleaned


class SignInListForm(forms.Form):
    """An XLSX or CSV sign-in list: the columns of ``attendance.SIGN_IN_COLUMNS``."""

    file = forms.FileField(
        label=_("Sign-in list (XLSX or CSV)"),
        help_text=_("Columns: Прізвище, Ім'я, По батькові, Заклад; the first two are required."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(size_message())
        try:
            rows = read_rows(upload.name, upload.read())
            check_rows(rows, attendance.SIGN_IN_REQUIRED, attendance.SIGN_IN_COLUMNS)
        except SpreadsheetError as error:
            raise ValidationError(str(error)) from None
        self.rows = attendance.resolve_sign_in(rows)
        return upload


class ConfirmSignInForm(forms.Form):
    """The teachers of a previewed sign-in list, checked again when the import is confirmed."""

    teachers = forms.ModelMultipleChoiceField(
        queryset=Teacher.objects.all(), widget=forms.MultipleHiddenInput
    )
