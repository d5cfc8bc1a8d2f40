"""Filters of the public lists. A value that does not validate (unknown slug, a year out of
range, NUL bytes, a 1,000-character name) makes that filter drop out, never an error."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from imc_portal.models import Institution, Subject
from publications.models import ExternalPublication, Manual, PracticeEntry
from publications.models.common import FIRST_YEAR, LAST_YEAR, Level
from publications.models.practice import CatalogueLevel


class YearFilter(django_filters.Filter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", FIRST_YEAR)
        kwargs.setdefault("max_value", LAST_YEAR)
        kwargs.setdefault("label", _("Year"))
        super().__init__(*args, **kwargs)


def _area_filter():
    return django_filters.ModelChoiceFilter(
        field_name="subject",
        queryset=Subject.objects.all(),
        to_field_name="slug",
        label=_("Area"),
        empty_label=_("All areas"),
    )


def _institution_filter(field_name):
    return django_filters.ModelChoiceFilter(
        field_name=field_name,
        queryset=Institution.objects.all(),
        to_field_name="slug",
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


class PortalFilterSet(django_filters.FilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            is_select = isinstance(field.widget, forms.Select)
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


class ManualFilter(PortalFilterSet):
    area = _area_filter()
    year = YearFilter(field_name="year")
    institution = _institution_filter("teachers__institution")
    author = _author_filter("filter_author")

    class Meta:
        model = Manual
        fields = []

    def filter_author(self, queryset, name, value):
        authors = _teacher_name_q("teachers__", value) | _teacher_name_q("staff_authors__", value)
        matching = Manual.objects.filter(authors | Q(authoring_group__icontains=value))
        return queryset.filter(pk__in=matching.values("pk"))

    def filter_queryset(self, queryset):
        # Filtering across the authors can repeat a manual; keep each once.
        return super().filter_queryset(queryset).distinct()
