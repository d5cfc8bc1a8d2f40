"""Filters of the public result lists. Their GET parameters are the shareable URL of a list;
a value that is unknown, too long or carries NUL bytes is ignored, never passed on."""

import django_filters
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from contests.models import (
    ContestOutcome,
    ContestStage,
    Diploma,
    ManOutcome,
    ManSection,
    ManStage,
    Olympiad,
    OlympiadStage,
    Project,
)
from contests.models.man import WINNING_MAN_OUTCOMES
from contests.models.olympiads import WINNING_DIPLOMAS
from imc_portal.models import Institution, Subject

MAX_PARAM_LENGTH = 100
WINNERS = "winners"


def clean_params(query_dict):
    """A copy of the GET parameters without NUL bytes and overlong values."""
    cleaned = QueryDict(mutable=True)
    for key, values in query_dict.lists():
        for value in values:
            if "\x00" not in value and len(value) <= MAX_PARAM_LENGTH:
                cleaned.appendlist(key, value)
    return cleaned


class PortalFilterSet(django_filters.FilterSet):
    def __init__(self, data=None, *args, **kwargs):
        super().__init__(clean_params(data or QueryDict()), *args, **kwargs)
        for field in self.form.fields.values():
            field.widget.attrs.setdefault("class", "form-select form-select-sm")
            field.required = False


def institution_filter(field_name="institution"):
    return django_filters.ModelChoiceFilter(
        field_name=field_name,
        label=_("Institution"),
        to_field_name="slug",
        queryset=Institution.objects.filter(kind=Institution.Kind.SCHOOL).order_by("name"),
        empty_label=_("All institutions"),
    )


class ContestEntryFilter(PortalFilterSet):
    """Entries with a result at a stage, of a kind, from an institution. Stage and result
    combine on the same result row: "winners of stage II"."""

    stage = django_filters.ChoiceFilter(
        label=_("Stage"),
        choices=ContestStage.choices,
        method="filter_nothing",
        empty_label=_("All stages"),
    )
    result = django_filters.ChoiceFilter(
        label=_("Result"),
        choices=ContestOutcome.choices,
        method="filter_nothing",
        empty_label=_("All results"),
    )
    institution = institution_filter()

    def filter_nothing(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        conditions = {}
        if data.get("stage"):
            conditions["results__stage"] = data["stage"]
        if data.get("result"):
            conditions["results__outcome"] = data["result"]
        return queryset.filter(**conditions).distinct() if conditions else queryset


class OlympiadResultFilter(PortalFilterSet):
    subject = django_filters.ModelChoiceFilter(
        field_name="olympiad__subject",
        label=_("Subject"),
        to_field_name="slug",
        queryset=Subject.objects.filter(olympiads__isnull=False)
        .distinct()
        .order_by("order", "name"),
        empty_label=_("All subjects"),
    )
    kind = django_filters.ChoiceFilter(
        field_name="olympiad__kind",
        label=_("Kind"),
        choices=Olympiad.Kind.choices,
        empty_label=_("Olympiads and tournaments"),
    )
    stage = django_filters.ChoiceFilter(
        label=_("Stage"), choices=OlympiadStage.choices, empty_label=_("All stages")
    )
    institution = institution_filter()
    result = django_filters.ChoiceFilter(
        label=_("Result"),
        choices=[(WINNERS, _("diploma winners")), *Diploma.choices],
        method="filter_result",
        empty_label=_("All results"),
    )

    def filter_result(self, queryset, name, value):
        if value == WINNERS:
            return queryset.filter(result__in=WINNING_DIPLOMAS)
        return queryset.filter(result=value)


class ManWorkFilter(PortalFilterSet):
    section = django_filters.ModelChoiceFilter(
        label=_("Section"),
        to_field_name="slug",
        queryset=ManSection.objects.all(),
        empty_label=_("All sections"),
    )
    institution = institution_filter()
    stage = django_filters.ChoiceFilter(
        label=_("Stage"),
        choices=ManStage.choices,
        method="filter_nothing",
        empty_label=_("All stages"),
    )
    result = django_filters.ChoiceFilter(
        label=_("Result"),
        choices=[(WINNERS, _("prize winners")), *ManOutcome.choices],
        method="filter_nothing",
        empty_label=_("All results"),
    )

    def filter_nothing(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        conditions = {}
        if data.get("stage"):
            conditions["results__stage"] = data["stage"]
        if data.get("result") == WINNERS:
            conditions["results__outcome__in"] = WINNING_MAN_OUTCOMES
        elif data.get("result"):
            conditions["results__outcome"] = data["result"]
        return queryset.filter(**conditions).distinct() if conditions else queryset


class ProjectFilter(PortalFilterSet):
    institution = institution_filter()
    result = django_filters.ChoiceFilter(
        field_name="outcome",
        label=_("Result"),
        choices=Project.Outcome.choices,
        empty_label=_("All results"),
    )
    city_funded = django_filters.BooleanFilter(label=_("Funded by the city"))
