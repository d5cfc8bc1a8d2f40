"""Filters of the public lists. A value that does not validate (unknown slug, a year out of
range, NUL bytes, a 1,000-character name) makes that filter drop out, never an error."""

import django_filters
from django import forms
from django.db.models import CharField, Q, Value
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from imc_portal.models import Institution, Subject
from imc_portal._transition import cached_until_change
from publications.models import ExternalPublication, Manual, PracticeEntry
from imc_portal.periods import FIRST_YEAR, LAST_YEAR
from publications.models.common import Level
from publications.models.practice import CatalogueLevel


class YearFilter(django_filters.Filter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", FIRST_YEAR)
        kwargs.setdefault("max_value", LAST_YEAR)
        kwargs.setdefault("label", _("Year"))
        super().__init__(*args, **kwargs)


# The areas and the institutions of the filter forms: read in one query (a UNION of the two
# tables, each in its model's order) and kept in the cache until a record changes, so a
# list page spends its queries on its entries. Each list holds (pk, slug, name).
CHOICE_LISTS = {Subject: "area", Institution: "institution"}


def _choice_lists():
    def compute():
        def rows(queryset, name, *order):
            text = Value("", output_field=CharField())
            defaults = {"kind": text, "short_name": text, "order": Value(0)}
            missing = {key: value for key, value in defaults.items() if key not in order}
            return (
                queryset.annotate(list=Value(name, output_field=CharField()), **missing)
                .values_list("list", "kind", "order", "short_name", "name", "slug", "pk")
                .order_by()
            )

        # The ORDER BY of the union is each model's own ordering: areas by (order, name),
        # institutions by (kind, short name, name), by the database's collation as before.
        union = rows(Subject.objects.all(), "area", "order").union(
            rows(Institution.objects.all(), "institution", "kind", "short_name"), all=True
        )
        lists = {name: [] for name in CHOICE_LISTS.values()}
        ordered = union.order_by("list", "kind", "order", "short_name", "name")
        for name, _kind, _order, short_name, label, slug, pk in ordered:
            lists[name].append((pk, slug, short_name or label))
        return lists

    return cached_until_change("publications:choice-lists", compute)


def _choices(model):
    """(pk, slug, name) of every row of Subject or Institution: the filter forms then cost
    no query once the lists are kept."""
    return _choice_lists()[CHOICE_LISTS[model]]


class CachedChoiceFilter(django_filters.ChoiceFilter):
    """A choice of a Subject or an Institution by slug, filtering on its key (or, with
    ``by_key``, by ``by_key(queryset, pk)``)."""

    def __init__(self, *args, rows_of, by_key=None, **kwargs):
        # Not "model": django-filter sets that attribute to the filtered model.
        self.rows_of = rows_of
        self.by_key = by_key
        kwargs["choices"] = lambda: [(slug, name) for _pk, slug, name in _choices(rows_of)]
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        keys = {slug: pk for pk, slug, _name in _choices(self.rows_of)}
        if value not in keys:
            return qs
        if self.by_key:
            return self.by_key(qs, keys[value])
        return self.get_method(qs)(**{f"{self.field_name}_id": keys[value]})


def _area_filter():
    return CachedChoiceFilter(
        field_name="subject", rows_of=Subject, label=_("Area"), empty_label=_("All areas")
    )


def _institution_filter(field_name, by_key=None):
    return CachedChoiceFilter(
        field_name=field_name,
        rows_of=Institution,
        by_key=by_key,
        label=_("Institution"),
        empty_label=_("All institutions"),
    )


def _author_filter(method):
    return django_filters.CharFilter(
        method=method, max_length=80, label=_("Author’s surname or name")
    )


def _teacher_name_q(prefix, value):
    """Every word in one of the name parts. SQLite folds case of Latin letters only, so
    the capitalised form of a Cyrillic word is tried as typed and as names are written."""
    condition = Q()
    for word in value.split()[:3]:
        word_condition = Q()
        for form in {word, word.capitalize()}:
            for part in ("surname", "first_name", "patronymic"):
                word_condition |= Q(**{f"{prefix}{part}__icontains": form})
        condition &= word_condition
    return condition


class FastSelect(forms.Select):
    """The same <select> as Django's, written in Python: the stock widget renders a
    template per option, which made the 200-institution list most of a page's time."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        selected = "" if value is None else str(value)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, mark_safe(" selected") if str(key) == selected else "", label)
                for key, label in self.choices
            ),
        )
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(attrs), options)


class PortalFilterSet(django_filters.FilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            if is_select:
                field.widget = FastSelect(choices=field.choices)
            field.widget.attrs["class"] = "form-select" if is_select else "form-control"


class PracticeFilter(PortalFilterSet):
    level = django_filters.ChoiceFilter(
        choices=CatalogueLevel.choices, label=_("Catalogue"), empty_label=_("All catalogues")
    )
    area = _area_filter()
    year = YearFilter(method="filter_year", label=_("Year of inclusion"))
    institution = _institution_filter("institution")
    author = _author_filter("filter_author")

    class Meta:
        model = PracticeEntry
        fields = []

    def filter_year(self, queryset, name, value):
        return queryset.filter(
            Q(city_decision_date__year=value)
            | Q(oblast_decision_date__year=value)
            | Q(national_decision_date__year=value)
        )

    def filter_author(self, queryset, name, value):
        return queryset.filter(_teacher_name_q("author__", value) | Q(co_authors__icontains=value))


class ExternalPublicationFilter(PortalFilterSet):
    level = django_filters.ChoiceFilter(
        choices=Level.choices, label=_("Level"), empty_label=_("All levels")
    )
    area = _area_filter()
    year = YearFilter(field_name="year")
    institution = _institution_filter("author__institution")
    author = _author_filter("filter_author")

    class Meta:
        model = ExternalPublication
        fields = []

    def filter_author(self, queryset, name, value):
        return queryset.filter(_teacher_name_q("author__", value) | Q(co_authors__icontains=value))


def _manuals_of_institution(queryset, pk):
    """Manuals with a teacher author from the institution: a subquery, not a join, so that
    no manual repeats and the list needs no DISTINCT (which, over whole rows, would sort
    every manual before the first page is known)."""
    links = Manual.teachers.through.objects.filter(teacher__institution_id=pk)
    return queryset.filter(pk__in=links.values("manual_id"))


# Every filter keeps each manual once (the authors' filters are subqueries), so the list
# reads its page of whole rows without DISTINCT.
class ManualFilter(PortalFilterSet):
    area = _area_filter()
    year = YearFilter(field_name="year")
    institution = _institution_filter("teachers__institution", by_key=_manuals_of_institution)
    author = _author_filter("filter_author")

    class Meta:
        model = Manual
        fields = []

    def filter_author(self, queryset, name, value):
        authors = _teacher_name_q("teachers__", value) | _teacher_name_q("staff_authors__", value)
        matching = Manual.objects.filter(authors | Q(authoring_group__icontains=value))
        return queryset.filter(pk__in=matching.values("pk"))
