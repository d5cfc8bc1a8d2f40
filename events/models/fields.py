"""A small multiple-choice field stored as delimited text, portable to SQLite and PostgreSQL."""

from django import forms
from django.db import models

DELIMITER = ","


class ChoiceListField(models.CharField):
    """A list of choice values stored as ",a,b,": ``__contains=",a,"`` finds one value
    exactly, even when another value contains it (``school`` inside ``preschool``)."""

    def __init__(self, *args, item_choices=(), **kwargs):
        self.item_choices = list(item_choices)
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["item_choices"] = self.item_choices
        for key, value in (("max_length", 200), ("blank", True), ("default", "")):
            if kwargs.get(key) == value:
                kwargs.pop(key)
        return name, path, args, kwargs

    @staticmethod
    def pack(values):
        values = [v for v in values if v]
        return f"{DELIMITER}{DELIMITER.join(values)}{DELIMITER}" if values else ""

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if isinstance(value, list | tuple):
            return list(value)
        return [v for v in (value or "").split(DELIMITER) if v]

    def get_prep_value(self, value):
        if isinstance(value, list | tuple):
            return self.pack(value)
        return value or ""

    def value_to_string(self, obj):
        return self.pack(self.value_from_object(obj))

    def validate(self, value, model_instance):
        allowed = {key for key, _label in self.item_choices}
        invalid = [v for v in value if v not in allowed]
        if invalid:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], params={"value": invalid[0]}
            )
        if not value and not self.blank:
            raise forms.ValidationError(self.error_messages["blank"])

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=self.item_choices,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )

    def labels(self, values):
        names = dict(self.item_choices)
        return [names.get(v, v) for v in values]
