"""Filters of the publications lists, read from the query string (see imc_portal.filtering):
areas and institutions are chosen by slug, and their choice lists are read in one query per
form. A value that does not validate is an error next to its field, and the page answers 400."""

import django_filters
from django import forms
from django.db.models import Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext_lazy as _

from imc_portal.filtering import PortalFilterSet, choice_lists
from imc_portal.models import Institution, Subject
from imc_portal.periods import FIRST_YEAR, LAST_YEAR
from publications.models import ExternalPublication, Manual, PracticeEntry
from publications.models.common import Level
from publications.models.practice import CatalogueLevel

AUTHOR_MAX_LENGTH = 80


class YearFilter(django_filters.Filter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", FIRST_YEAR)
        kwargs.setdefault("max_value", LAST_YEAR)
        kwargs.setdefault("label", _("Year"))
        super().__init__(*args, **kwargs)


def area_filter(field_name="subject__slug"):
    return django_filters.ChoiceFilter(
        field_name=field_name, label=_("Area"), empty_label=_("All areas")
    )


def institution_filter(field_name="", method=None):
    return django_filters.ChoiceFilter(
        field_name=field_name,
        method=method,
        label=_("Institution"),
        empty_label=_("All institutions"),
    )


def author_filter():
    return django_filters.CharFilter(
        method="filter_author", max_length=AUTHOR_MAX_LENGTH, label=_("Author’s surname or name")
    )


def area_and_institution_choices():
    """The areas and the institutions, by slug, in one query: an institution by its short
    name when it has one."""
    return choice_lists(
        area=(Subject.objects.all(), "slug", "name"),
        institution=(
            Institution.objects.all(),
            "slug",
            Coalesce(NullIf("short_name", Value("")), "name"),
        ),
    )


def teacher_name_q(prefix, value):
    """Rows whose teacher (at ``prefix``) has every one of the first three words in their
    surname, first name or patronymic; each word is tried as typed and as names are written."""
    condition = Q()
    for word in value.split()[:3]:
        word_condition = Q()
        for form in {word, word.capitalize()}:
            for part in ("surname", "first_name", "patronymic"):
                word_condition |= Q(**{f"{prefix}{part}__icontains": form})
        condition &= word_condition
    return condition


class PublicationsFilterSet(PortalFilterSet):
    """Reads the areas and institutions of its form in one query."""

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, choices=area_and_institution_choices(), **kwargs)


class PracticeFilter(PublicationsFilterSet):
    level = django_filters.ChoiceFilter(
        choices=CatalogueLevel.choices, label=_("Catalogue"), empty_label=_("All catalogues")
    )
    area = area_filter()
    year = YearFilter(method="filter_year", label=_("Year of inclusion"))
    institution = institution_filter("institution__slug")
    author = author_filter()

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
        return queryset.filter(teacher_name_q("author__", value) | Q(co_authors__icontains=value))


class ExternalPublicationFilter(PublicationsFilterSet):
    level = django_filters.ChoiceFilter(
        choices=Level.choices, label=_("Level"), empty_label=_("All levels")
    )
    area = area_filter()
    year = YearFilter(field_name="year")
    institution = institution_filter("author__institution__slug")
    author = author_filter()

    class Meta:
        model = ExternalPublication
        fields = []

    def filter_author(self, queryset, name, value):
        return queryset.filter(teacher_name_q("author__", value) | Q(co_authors__icontains=value))


# A manual has several authors: its authors' filters are subqueries, not joins, so that no
# manual repeats and the list is paged without DISTINCT.
class ManualFilter(PublicationsFilterSet):
    area = area_filter()
    year = YearFilter(field_name="year")
    institution = institution_filter(method="filter_institution")
    author = author_filter()

    class Meta:
        model = Manual
        fields = []

    def filter_institution(self, queryset, name, value):
        links = Manual.teachers.through.objects.filter(teacher__institution__slug=value)
        return queryset.filter(pk__in=links.values("manual_id"))

    def filter_author(self, queryset, name, value):
        authors = teacher_name_q("teachers__", value) | teacher_name_q("staff_authors__", value)
        matching = Manual.objects.filter(authors | Q(authoring_group__icontains=value))
        return queryset.filter(pk__in=matching.values("pk"))
