"""What every result resource shares: reading a jury's cells (roman stages, decimal commas,
names), finding institutions and teachers by the names a spreadsheet uses, reporting all
of a row's problems at once and skipping rows that change nothing."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from import_export import resources

from imc_portal.models import Institution, Teacher

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


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


def choice(value, mapping, what):
    key = text(value).lower().replace("ступеня", "").replace("ступінь", "").strip()
    if key in mapping:
        return mapping[key]
    raise ValueError(_("Unknown %(what)s: “%(value)s”.") % {"what": what, "value": text(value)})


def stage_mapping(stage_class):
    mapping = {}
    for stage in stage_class:
        roman = next(r for r, n in ROMAN.items() if n == stage.value)
        mapping.update(
            {
                str(stage.value): stage.value,
                roman.lower(): stage.value,
                str(stage.label).lower(): stage.value,
            }
        )
    return mapping


def person_parts(value):
    parts = text(value).split()
    return parts + [""] * (3 - len(parts)) if 2 <= len(parts) <= 3 else None


class ResultResource(resources.ModelResource):
    """Rows are resolved in ``resolve(row) -> (values, errors)``; ``key`` lists the natural
    key among the values. Subclasses set COLUMNS and REQUIRED_COLUMNS."""

    COLUMNS: list = []
    REQUIRED_COLUMNS: list = []
    key: list = []

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
            self._institutions[name] = (exact or matches)[0] if len(exact or matches) == 1 else None
        if self._institutions[name] is None:
            errors[column] = _("Unknown institution: “%(name)s”.") % {"name": name}
        return self._institutions[name]

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

    def before_import_row(self, row, **kwargs):
        values, errors = {}, {}
        try:
            values, errors = self.resolve(row)
        except ValueError as error:
            errors[_("row")] = str(error)
        key = self.identity(values)
        if None not in key and not errors:
            if key in self._seen:
                errors[_("row")] = _("Duplicate participant: the same as row %(row)s.") % {
                    "row": self._seen[key]
                }
            else:
                self._seen[key] = kwargs.get("row_number")
        self._values, self._errors = values, errors

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
        return self._meta.model.objects.filter(**key).first()

    def after_init_instance(self, instance, new, row, **kwargs):
        self._new = new

    def import_instance(self, instance, row, **kwargs):
        self._changed = self._new
        for name, value in self._values.items():
            if name.startswith("_"):
                continue
            if getattr(instance, name, None) != value:
                setattr(instance, name, value)
                self._changed = True
        if self._errors:
            raise ValidationError({k: ValidationError(v) for k, v in self._errors.items()})

    def skip_row(self, instance, original, row, import_validation_errors=None):
        return not import_validation_errors and not self._changed and not self.parent_changed()

    def parent_changed(self):
        return False

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if import_validation_errors:
            raise ValidationError(import_validation_errors)
        # A new parent (student, entry, work) is created on save, once the row is valid.
        pending = [name for name in self.key if getattr(instance, f"{name}_id", 0) is None]
        instance.full_clean(exclude=pending, validate_unique=validate_unique)
