"""Bringing records in from spreadsheets (django-import-export), shared by every import: the
admin mixin (the file to fill in, the preview, export) and the resource base. A row names
things the way a methodist's spreadsheet does (an institution's short name, a teacher's full
name, "вища", "так"); each resource resolves them, reports every problem of a row as a
validation error so the preview lists them row by row, and saves only when the whole file is
clean (the admin offers "Confirm" only then, and the import runs in one transaction). A row
is found again by its natural key, so importing the same file twice changes nothing."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import resources
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX

from imc_portal.models import Institution, Subject, Teacher
from imc_portal.spreadsheets import XLSX as XLSX_TYPE
from imc_portal.spreadsheets import import_form_for, template_workbook


class SpreadsheetImportAdmin(ImportExportMixin):
    """Import with a preview and row-by-row errors, export of the filtered changelist, and
    a template file with the columns the import expects. Mixed in before the ModelAdmin."""

    import_formats = [XLSX, CSV]
    export_formats = [XLSX, CSV]
    change_list_template = "admin/import_export_change_list.html"

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_import_form_class(self, request):
        return import_form_for(self.resource_classes[0])

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        extra = [
            path(
                "template.xlsx",
                self.admin_site.admin_view(self.template_view),
                name="{}_{}_template".format(*info),
            )
        ]
        return extra + super().get_urls()

    def template_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        resource = self.resource_classes[0]
        response = HttpResponse(template_workbook(resource.COLUMNS), content_type=XLSX_TYPE)
        name = f"{self.model._meta.model_name}-template.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


def text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def number(value, column, whole=False):
    """A number from a cell; a date (a spreadsheet's autoformat) or text is an error."""
    if value in (None, ""):
        return None
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        raise ValueError(
            _("“%(column)s” holds a date where a number is expected.") % {"column": column}
        )
    try:
        parsed = Decimal(text(value).replace(",", "."))
    except InvalidOperation:
        raise ValueError(
            _("“%(column)s” is not a number: %(value)s.") % {"column": column, "value": text(value)}
        ) from None
    if whole:
        if parsed != parsed.to_integral_value():
            raise ValueError(_("“%(column)s” must be a whole number.") % {"column": column})
        return int(parsed)
    return parsed


def choice(value, mapping, what, unknown=None):
    """The choice a cell names; ``unknown`` (with %(value)s) is the message when the
    generic "Unknown <what>" does not agree in gender in Ukrainian."""
    key = text(value).lower().replace("ступеня", "").replace("ступінь", "").strip()
    if key in mapping:
        return mapping[key]
    if unknown:
        raise ValueError(unknown % {"value": text(value)})
    raise ValueError(_("Unknown %(what)s: “%(value)s”.") % {"what": what, "value": text(value)})


def label_mapping(choices, **extra):
    """A choice found by its Ukrainian label (as the site shows it) or its stored value."""
    with translation.override("uk"):
        mapping = {str(item.label).lower(): item.value for item in choices}
    mapping.update({str(item.value).lower(): item.value for item in choices})
    mapping.update(extra)
    return mapping


YES_NO = {"так": True, "1": True, "true": True, "+": True, "ні": False, "0": False, "false": False, "-": False, "": False}  # fmt: skip  # noqa: E501


def yes_no(value, column):
    if isinstance(value, bool):
        return value
    key = text(value).lower()
    if key in YES_NO:
        return YES_NO[key]
    raise ValueError(
        _("“%(column)s” must be “так” or “ні”, not “%(value)s”.")
        % {"column": column, "value": text(value)}
    )


def person_parts(value):
    parts = text(value).split()
    return parts + [""] * (3 - len(parts)) if 2 <= len(parts) <= 3 else None


def listed(value):
    """The items of a cell separated by ";"."""
    return [item for item in (text(part) for part in text(value).split(";")) if item]


class RowResource(resources.ModelResource):
    """Rows are resolved in ``resolve(row) -> (values, errors)``; ``key`` lists the natural
    key among the values, ``m2m`` the many-to-many values set once the record is saved.
    Values named with a leading "_" are the resource's own. Subclasses set COLUMNS and
    REQUIRED_COLUMNS."""

    COLUMNS: list = []
    REQUIRED_COLUMNS: list = []
    key: list = []
    m2m: list = []
    clean_exclude: list = []
    duplicate_message = gettext_lazy("The same record as row %(row)s.")

    class Meta:
        abstract = True

    def before_import(self, dataset, **kwargs):
        self._seen = {}
        self._institutions = {}

    def institution(self, value, errors, column="Заклад"):
        name = text(value)
        if not name:
            errors[column] = _("The institution is missing.")
            return None
        if name not in self._institutions:
            # The full name is unique; a short name may not be, and then it is no answer.
            matches = list(
                Institution.objects.filter(Q(name__iexact=name) | Q(short_name__iexact=name))[:5]
            )
            exact = [i for i in matches if i.name.lower() == name.lower()]
            self._institutions[name] = exact or matches
        found = self._institutions[name]
        if not found:
            errors[column] = _("Unknown institution: “%(name)s”.") % {"name": name}
        elif len(found) > 1:
            errors[column] = _(
                "Several institutions are called “%(name)s”; write the full name."
            ) % {"name": name}
        return found[0] if len(found) == 1 else None

    def teacher(self, value, errors, column, institution=None, required=False):
        if not text(value):
            if required:
                errors[column] = _("The teacher is missing.")
            return None
        parts = person_parts(value)
        found = None
        if parts:
            candidates = list(
                Teacher.objects.filter(
                    surname__iexact=parts[0], first_name__iexact=parts[1]
                ).filter(Q(patronymic__iexact=parts[2]) if parts[2] else Q())[:5]
            )
            preferred = [
                t for t in candidates if institution and t.institution_id == institution.pk
            ]
            found = (preferred or candidates or [None])[0]
        if found is None:
            errors[column] = _("Unknown teacher: “%(name)s”.") % {"name": text(value)}
        return found

    def subjects(self, value, errors, column):
        names = listed(value)
        found = {s.name.lower(): s for s in Subject.objects.filter(name__in=names)}
        if len(found) < len({name.lower() for name in names}):
            # Not matched exactly: try each case-insensitively (a handful per row).
            for name in names:
                if name.lower() not in found:
                    subject = Subject.objects.filter(name__iexact=name).first()
                    if subject is None:
                        errors[column] = _("Unknown subject: “%(name)s”.") % {"name": name}
                        return []
                    found[name.lower()] = subject
        return list(found.values())

    def before_import_row(self, row, **kwargs):
        values, errors = {}, {}
        try:
            values, errors = self.resolve(row)
        except ValueError as error:
            errors[_("row")] = str(error)
        key = self.identity(values)
        if None not in key and not errors:
            if key in self._seen:
                errors[_("row")] = str(self.duplicate_message) % {"row": self._seen[key]}
            else:
                self._seen[key] = kwargs.get("row_number")
        self._values, self._errors = values, errors

    def resolve(self, row):
        raise NotImplementedError

    def identity(self, values):
        """The row's natural key by name, known before any parent row exists."""
        raise NotImplementedError

    def import_data(self, dataset, **kwargs):
        # Any invalid row rolls the whole file back, not only rows with exceptions.
        kwargs.setdefault("rollback_on_validation_errors", True)
        return super().import_data(dataset, **kwargs)

    def get_instance(self, instance_loader, row):
        key = {name: self._values.get(name) for name in self.key}
        if self._errors or None in key.values():
            return None
        return self.existing(key)

    def existing(self, key):
        return self._meta.model.objects.filter(**key).first()

    def after_init_instance(self, instance, new, row, **kwargs):
        self._new = new

    def import_instance(self, instance, row, **kwargs):
        self._changed = self._new
        for name, value in self._values.items():
            if name.startswith("_"):
                continue
            if name in self.m2m:
                have = set(getattr(instance, name).values_list("pk", flat=True)) if instance.pk else set()  # fmt: skip  # noqa: E501
                self._changed |= have != {item.pk for item in value}
            elif getattr(instance, name, None) != value:
                setattr(instance, name, value)
                self._changed = True
        if self._errors:
            raise ValidationError({k: ValidationError(v) for k, v in self._errors.items()})

    def save_m2m(self, instance, row, **kwargs):
        # The preview saves inside a transaction it rolls back, so this runs then too.
        for name in self.m2m:
            if name in self._values:
                getattr(instance, name).set(self._values[name])

    def skip_row(self, instance, original, row, import_validation_errors=None):
        return not import_validation_errors and not self._changed and not self.parent_changed()

    def parent_changed(self):
        return False

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if import_validation_errors:
            raise ValidationError(import_validation_errors)
        # A new parent (student, entry, work) is created on save, once the row is valid.
        pending = [name for name in self.key if getattr(instance, f"{name}_id", 0) is None]
        exclude = pending + self.m2m + self.clean_exclude
        instance.full_clean(exclude=exclude, validate_unique=validate_unique)
