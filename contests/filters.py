"""Filters of the public result lists. Their GET parameters are the shareable URL of a list;
a value that is unknown, too long or carries NUL bytes is ignored, never passed on."""

from html import escape

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.forms.utils import flatatt
from django.http import QueryDict
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from contests.models import (
    ContestOutcome,
    ContestResult,
    ContestStage,
    Diploma,
    ManOutcome,
    ManResult,
    ManStage,
    Olympiad,
    OlympiadStage,
    Project,
)
from contests.models.man import WINNING_MAN_OUTCOMES
from contests.models.olympiads import WINNING_DIPLOMAS
from imc_portal.models import Institution
from imc_portal._transition import cached_until_change

MAX_PARAM_LENGTH = 100
WINNERS = "winners"
ALL = "all"


def clean_params(query_dict):
    """A copy of the GET parameters without NUL bytes and overlong values."""
    cleaned = QueryDict(mutable=True)
    for key, values in query_dict.lists():
        for value in values:
            if "\x00" not in value and len(value) <= MAX_PARAM_LENGTH:
                cleaned.appendlist(key, value)
    return cleaned


class FastSelect(forms.Select):
    """A select rendered in Python: Django renders each option through a template, and
    200 schools cost a result page 13 ms that way."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(v) for v in self.format_value(value)}
        options = "".join(
            f'<option value="{escape(key)}"{" selected" if key in chosen else ""}>'
            f"{escape(label)}</option>"
            for key, label in ((str(key), str(label)) for key, label in self.choices)
        )
        attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return mark_safe(f"<select{flatatt(attrs)}>{options}</select>")


def school_choices():
    """(slug, name) of every school; kept until a record changes, so a result page does not
    query 200 institutions on each request."""
    return cached_until_change(
        "contests:school-choices",
        lambda: list(
            Institution.objects.filter(kind=Institution.Kind.SCHOOL)
            .order_by("name")
            .values_list("slug", "name")
        ),
    )


class PortalFilterSet(django_filters.FilterSet):
    def __init__(self, data=None, *args, choices=None, **kwargs):
        """``choices``: {filter name: choices} known only per page (a year's subjects)."""
        super().__init__(clean_params(data or QueryDict()), *args, **kwargs)
        choices = dict(choices or {})
        if "institution" in self.filters:
            choices["institution"] = school_choices()
        for name, values in choices.items():
            # A callable: Django deep-copies a list of choices into every form it builds,
            # which for 200 schools costs more than the page's queries.
            self.filters[name].extra["choices"] = lambda values=list(values): values
        for field in self.form.fields.values():
            if type(field.widget) is forms.Select:
                field.widget = FastSelect(attrs=field.widget.attrs, choices=field.widget.choices)
            field.widget.attrs.setdefault("class", "form-select form-select-sm")
            field.required = False

    def filter_nothing(self, queryset, name, value):
        return queryset


def institution_filter(field_name="institution"):
    return django_filters.ChoiceFilter(
        field_name=f"{field_name}__slug",
        label=_("Institution"),
        choices=[],
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

    def filter_queryset(self, queryset):
        # Stage and result must hold on the same result row: an EXISTS, not a join that
        # would duplicate entries and narrow the annotations computed over their results.
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        conditions = {}
        if data.get("stage"):
            conditions["stage"] = data["stage"]
        if data.get("result"):
            conditions["outcome"] = data["result"]
        if not conditions:
            return queryset
        results = ContestResult.objects.filter(entry=OuterRef("pk"), **conditions)
        return queryset.filter(Exists(results))


class OlympiadResultFilter(PortalFilterSet):
    """One olympiad (subject and kind) of a year at a time, its diploma winners unless
    asked for all: a big city's year is 4,000 rows, a subject's winners a screenful. The
    year's subjects are the view's (they come with its per-subject figures)."""

    subject = django_filters.ChoiceFilter(
        field_name="olympiad__subject__slug", label=_("Subject"), choices=[], empty_label=None
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
        choices=[(WINNERS, _("diploma winners")), (ALL, _("all results")), *Diploma.choices],
        method="filter_nothing",
        empty_label=None,
    )

    def __init__(self, data=None, *args, subjects=(), **kwargs):
        super().__init__(data, *args, choices={"subject": subjects}, **kwargs)
        self.form.errors  # noqa: B018 (validates: an unknown subject is ignored)
        self.subject = self.form.cleaned_data.get("subject") or next(iter(subjects), ("",))[0]

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("subject") and self.subject:
            queryset = queryset.filter(olympiad__subject__slug=self.subject)
        return queryset

    def results(self, queryset):
        """``queryset`` narrowed to the chosen result: diploma winners by default."""
        value = self.form.cleaned_data.get("result") or WINNERS
        if value == ALL:
            return queryset
        if value == WINNERS:
            return queryset.filter(result__in=WINNING_DIPLOMAS)
        return queryset.filter(result=value)


class ManWorkFilter(PortalFilterSet):
    """One section of a year at a time (the first by default); the year's sections are
    the view's, with their figures."""

    section = django_filters.ChoiceFilter(
        field_name="section__slug", label=_("Section"), choices=[], empty_label=None
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

    def __init__(self, data=None, *args, sections=(), **kwargs):
        super().__init__(data, *args, choices={"section": sections}, **kwargs)
        self.form.errors  # noqa: B018 (validates: an unknown section is ignored)
        self.section = self.form.cleaned_data.get("section") or next(iter(sections), ("",))[0]

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        if not data.get("section") and self.section:
            queryset = queryset.filter(section__slug=self.section)
        conditions = {}
        if data.get("stage"):
            conditions["stage"] = data["stage"]
        if data.get("result") == WINNERS:
            conditions["outcome__in"] = WINNING_MAN_OUTCOMES
        elif data.get("result"):
            conditions["outcome"] = data["result"]
        if not conditions:
            return queryset
        return queryset.filter(Exists(ManResult.objects.filter(work=OuterRef("pk"), **conditions)))


class ProjectFilter(PortalFilterSet):
    institution = institution_filter()
    result = django_filters.ChoiceFilter(
        field_name="outcome",
        label=_("Result"),
        choices=Project.Outcome.choices,
        empty_label=_("All results"),
    )
    city_funded = django_filters.BooleanFilter(label=_("Funded by the city"))
