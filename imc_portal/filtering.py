"""What the public lists' filters share: the query string read through a form, and choice
lists read in one query.

A value that does not validate (an unknown choice, a malformed date, a string too long, NUL
bytes, which PostgreSQL refuses in any string) is shown as an error next to its field and the
page answers 400: nothing unchecked reaches SQL, and the page cache keeps no junk address.
"""

import django_filters
from django import forms
from django.db.models import CharField, F, Value, Window
from django.db.models.functions import RowNumber
from django.forms.renderers import Jinja2


# The form's fields (imc_portal/jinja2/portal/filter_fields.html) and widgets are rendered by
# Jinja2, the admin's by the default: 224 options of the practice catalogue's filters took
# 6.3 ms through Django's widget templates (an option each), 1.1 ms in one Jinja2 loop.
class FilterFormRenderer(Jinja2):
    form_template_name = "portal/filter_fields.html"


FORM_RENDERER = FilterFormRenderer()


class PortalFilterSet(django_filters.FilterSet):
    def __init__(self, data=None, *args, choices=None, **kwargs):
        """``choices``: {filter name: [(value, label), …]} read for this page."""
        super().__init__(data, *args, **kwargs)
        for name, values in (choices or {}).items():
            self.filters[name].extra["choices"] = values
        self.form.renderer = FORM_RENDERER
        for field in self.form.fields.values():
            field.required = False
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs.setdefault("class", "form-select" if is_select else "form-control")

    @property
    def status(self):
        """400 while a submitted value does not validate."""
        return 400 if self.errors else 200

    @property
    def active_count(self):
        """How many filters are set: shown on the folded filters' button."""
        if not self.is_bound or self.errors:
            return len([name for name in self.form.fields if self.data.get(name)])
        return len([v for v in self.form.cleaned_data.values() if v not in (None, "", [])])


def choice_lists(**lists):
    """Several choice lists in one query (UNION ALL): ``name=(queryset, value, label)``,
    the value and label as field names or expressions, each list in its model's order.
    Returns {name: [(value, label), …]}."""
    parts = []
    for name, (queryset, value, label) in lists.items():
        order = queryset.model._meta.ordering or ["pk"]
        parts.append(
            queryset.order_by()
            .annotate(
                list=Value(name, output_field=CharField()),
                position=Window(RowNumber(), order_by=[_ordering(o) for o in order]),
                choice_value=F(value) if isinstance(value, str) else value,
                choice_label=F(label) if isinstance(label, str) else label,
            )
            .values_list("list", "position", "choice_value", "choice_label")
        )
    choices = {name: [] for name in lists}
    union = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    for name, _position, value, label in sorted(union, key=lambda row: (row[0], row[1])):
        choices[name].append((value, label))
    return choices


def _ordering(name):
    if not isinstance(name, str):
        return name
    return F(name[1:]).desc() if name.startswith("-") else F(name).asc()
