"""The filters of the public result lists, read from the query string (see
imc_portal.filtering): a value that does not validate is shown as an error and the page
answers 400. Each filter set reads all of its choice lists in one query."""

import django_filters
from django.db.models import Exists, F, OuterRef, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext_lazy as _

from contests.models import (
    ContestOutcome,
    ContestResult,
    ContestStage,
    Diploma,
    ManOutcome,
    ManResult,
    ManSection,
    ManStage,
    ManWork,
    Olympiad,
    OlympiadStage,
    Project,
)
from contests.models.man import WINNING_MAN_OUTCOMES
from contests.models.olympiads import WINNING_DIPLOMAS
from imc_portal.filtering import PortalFilterSet, choice_lists
from imc_portal.models import Institution, Subject

WINNERS = "winners"
ALL = "all"


def schools():
    """The schools to filter by, named as the result tables name them (the short name)."""
    label = Coalesce(NullIf(F("short_name"), Value("")), F("name"))
    return Institution.objects.filter(kind=Institution.Kind.SCHOOL), "slug", label


def chosen_or_first(filterset, name, choices):
    """(value, label) of the choice of filter ``name``, else the first of ``choices``;
    nothing while a filter does not validate."""
    if filterset.errors:
        return "", ""
    chosen = filterset.form.cleaned_data.get(name)
    if chosen:
        return chosen, dict(choices)[chosen]
    return next(iter(choices), ("", ""))


def institution_filter():
    return django_filters.ChoiceFilter(
        field_name="institution__slug", label=_("Institution"), empty_label=_("All institutions")
    )


class ContestEntryFilter(PortalFilterSet):
    """Entries with a result at a stage, of a kind, from an institution. Stage and result
    combine on the same result row: "winners of stage II"."""

    stage = django_filters.ChoiceFilter(
        label=_("Stage"),
        choices=ContestStage.choices,
        empty_label=_("All stages"),
        method="by_result",
    )
    result = django_filters.ChoiceFilter(
        label=_("Result"),
        choices=ContestOutcome.choices,
        empty_label=_("All results"),
        method="by_result",
    )
    institution = institution_filter()

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, choices=choice_lists(institution=schools()), **kwargs)

    def by_result(self, queryset, name, value):
        # Applied once for both (see filter_queryset).
        return queryset

    def filter_queryset(self, queryset):
        # Stage and result must hold on the same result row: an EXISTS, not a join that
        # would repeat entries and narrow the figures computed over their results.
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        conditions = {}
        if data.get("stage"):
            conditions["stage"] = data["stage"]
        if data.get("result"):
            conditions["outcome"] = data["result"]
        if not conditions:
            return queryset
        return queryset.filter(
            Exists(ContestResult.objects.filter(entry=OuterRef("pk"), **conditions))
        )


class OlympiadResultFilter(PortalFilterSet):
    """One subject of a year at a time (the first by default), its diploma winners unless
    asked for all: a big city's year is 4,000 rows, a subject's winners a screenful."""

    subject = django_filters.ChoiceFilter(
        field_name="olympiad__subject__slug", label=_("Subject"), empty_label=None
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
    # Narrows the list of results only (``results``): the figures by institution count
    # every result of the other filters.
    result = django_filters.ChoiceFilter(
        label=_("Result"),
        choices=[(WINNERS, _("diploma winners")), (ALL, _("all results")), *Diploma.choices],
        empty_label=None,
        method="all_results",
    )

    def __init__(self, data=None, *args, year, **kwargs):
        held = Olympiad.objects.published().filter(subject=OuterRef("pk"), year=year)
        choices = choice_lists(
            subject=(Subject.objects.filter(Exists(held)), "slug", "name"),
            institution=schools(),
        )
        super().__init__(data, *args, choices=choices, **kwargs)
        self.subject_choices = choices["subject"]

    @property
    def shown_subject(self):
        """(slug, name) of the subject shown: the chosen one, else the year's first."""
        return chosen_or_first(self, "subject", self.subject_choices)

    def all_results(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("subject"):
            queryset = queryset.filter(olympiad__subject__slug=self.shown_subject[0])
        return queryset

    @property
    def shown_result(self):
        """The chosen result: diploma winners by default."""
        return self.form.cleaned_data.get("result") or WINNERS

    def results(self):
        """The filtered results narrowed to the chosen result."""
        value = self.shown_result
        if value == ALL:
            return self.qs
        if value == WINNERS:
            return self.qs.filter(result__in=WINNING_DIPLOMAS)
        return self.qs.filter(result=value)


class ManWorkFilter(PortalFilterSet):
    """One section of a year at a time (the first by default), by institution, and works
    with a result at a stage (stage and result on the same result row)."""

    section = django_filters.ChoiceFilter(
        field_name="section__slug", label=_("Section"), empty_label=None
    )
    institution = institution_filter()
    stage = django_filters.ChoiceFilter(
        label=_("Stage"), choices=ManStage.choices, empty_label=_("All stages"), method="by_result"
    )
    result = django_filters.ChoiceFilter(
        label=_("Result"),
        choices=[(WINNERS, _("prize winners")), *ManOutcome.choices],
        empty_label=_("All results"),
        method="by_result",
    )

    def __init__(self, data=None, *args, year, **kwargs):
        works = ManWork.objects.published().filter(section=OuterRef("pk"), year=year)
        choices = choice_lists(
            section=(ManSection.objects.filter(Exists(works)), "slug", "name"),
            institution=schools(),
        )
        super().__init__(data, *args, choices=choices, **kwargs)
        self.section_choices = choices["section"]

    @property
    def shown_section(self):
        """(slug, name) of the section shown: the chosen one, else the year's first."""
        return chosen_or_first(self, "section", self.section_choices)

    def by_result(self, queryset, name, value):
        # Applied once for both (see filter_queryset).
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        if not data.get("section"):
            queryset = queryset.filter(section__slug=self.shown_section[0])
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

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, choices=choice_lists(institution=schools()), **kwargs)
