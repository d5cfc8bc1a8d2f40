"""The filters of the event lists, the calendar and the feeds. Every filter value arrives
from a query string: an unknown or malformed value is dropped, never passed to SQL."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import AudienceRole, Event, Group
from imc_portal.models import Institution, Subject
from imc_portal.site_search import MAX_QUERY_LENGTH, text_filter

ROLE_PREFIX = "role-"
KIND_PREFIX = "kind-"


def clean_query_data(data):
    """A copy of request.GET without NUL bytes, which PostgreSQL refuses in any string."""
    cleaned = data.copy()
    for key in list(cleaned.keys()):
        cleaned.setlist(key, [value.replace("\x00", "") for value in cleaned.getlist(key)])
    return cleaned


def audience_choices():
    roles = [
        (f"{ROLE_PREFIX}{slug}", name)
        for slug, name in AudienceRole.objects.values_list("slug", "name")
    ]
    kinds = [(f"{KIND_PREFIX}{value}", label) for value, label in Institution.Kind.choices]
    return roles + kinds


class EventFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Words"), method="filter_text", max_length=MAX_QUERY_LENGTH
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Area"),
        field_name="subjects",
        queryset=Subject.objects.all(),
        to_field_name="slug",
        empty_label=_("All areas"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Event.Kind.choices, empty_label=_("All kinds")
    )
    level = django_filters.ChoiceFilter(
        label=_("Level"), choices=Event.Level.choices, empty_label=_("All levels")
    )
    format = django_filters.ChoiceFilter(
        label=_("Format"), choices=Event.Format.choices, empty_label=_("All formats")
    )
    audience = django_filters.ChoiceFilter(
        label=_("Audience"),
        choices=audience_choices,
        method="filter_audience",
        empty_label=_("Everybody"),
    )
    group = django_filters.ModelChoiceFilter(
        label=_("Association or group"),
        queryset=Group.objects.published(),
        to_field_name="slug",
        empty_label=_("All associations"),
    )
    date_from = django_filters.DateFilter(
        label=_("From"),
        method="filter_date_from",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        label=_("To"), method="filter_date_to", widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = Event
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select" if is_select else "form-control"

    def filter_text(self, queryset, name, value):
        return text_filter(queryset, ["title", "description"], value)

    def filter_audience(self, queryset, name, value):
        if value.startswith(ROLE_PREFIX):
            return queryset.filter(audience_roles__slug=value.removeprefix(ROLE_PREFIX))
        kind = value.removeprefix(KIND_PREFIX)
        return queryset.filter(audience_institution_kinds__contains=f",{kind},")

    def filter_date_from(self, queryset, name, value):
        return queryset.filter(start__date__gte=value)

    def filter_date_to(self, queryset, name, value):
        return queryset.filter(start__date__lte=value)

    def filter_queryset(self, queryset):
        # A multi-valued join (areas, audience roles) may repeat a row.
        queryset = super().filter_queryset(queryset)
        if any(self.form.cleaned_data.get(name) for name in ("area", "audience")):
            queryset = queryset.filter(pk__in=queryset.values("pk"))
        return queryset

    @property
    def is_active(self):
        return self.is_bound and any(
            value not in (None, "") for value in self.form.cleaned_data.values()
        )


def filtered_events(request, queryset):
    """The FilterSet bound to the request's query string (without NUL bytes)."""
    return EventFilter(clean_query_data(request.GET), queryset=queryset, request=request)
