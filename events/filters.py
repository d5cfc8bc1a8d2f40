"""The filters of the event lists, the calendar and the feeds. Every filter value arrives
from a query string: an unknown or malformed value is dropped, never passed to SQL."""

import django_filters
from django import forms
from django.db.models import Value
from django.utils.translation import gettext_lazy as _

from events.models import AudienceRole, Event, Group
from imc_portal import filtering
from imc_portal.filtering import clean_query_data
from imc_portal.models import Institution, Subject
from imc_portal.page_cache import cached_until_change
from imc_portal.site_search import MAX_QUERY_LENGTH, text_filter

ROLE_PREFIX = "role-"
KIND_PREFIX = "kind-"


# Above this many groups the group filter is a hidden field kept from the query string (group
# pages link to it): a select of hundreds of names would outweigh the list it filters.
GROUP_SELECT_LIMIT = 50


# The choice lists are the same for every request until a record changes: read in one query
# and kept in the cache, so a list page spends its queries on events only. Each list holds
# (slug, name, id): the query string names a slug, the events are filtered by its id (no
# join to the areas' or roles' table, which on PostgreSQL tripled the query's time).
def _choice_lists():
    def compute():
        def rows(queryset, name, *order):
            return (
                queryset.annotate(list=Value(name))
                .values_list("list", *order, "slug", "name", "pk")
                .order_by()
            )

        # Each list in its model's own order: "kind" stands in for Subject and AudienceRole,
        # which have none, so that the three SELECTs have the same columns.
        lists = {"area": [], "group": [], "role": []}
        for name, *_order, slug, label, pk in sorted(
            rows(Subject.objects.annotate(kind=Value("")), "area", "kind", "order", "name")
            .union(
                rows(Group.objects.published(), "group", "kind", "order", "name"),
                rows(AudienceRole.objects.annotate(kind=Value("")), "role", "kind", "order",
                     "name"),
                all=True,
            )
            .order_by()
        ):  # fmt: skip
            lists[name].append((slug, label, pk))
        return lists

    return cached_until_change("events:choice-lists", compute)


def _choices(name):
    return [(slug, label) for slug, label, _pk in _choice_lists()[name]]


def _id_of(name, slug):
    """The id behind a slug the form has accepted from list ``name``."""
    return next(pk for value, _label, pk in _choice_lists()[name] if value == slug)


def area_choices():
    return _choices("area")


def group_choices():
    return _choices("group")


def audience_choices():
    kinds = [(f"{KIND_PREFIX}{value}", label) for value, label in Institution.Kind.choices]
    return [(f"{ROLE_PREFIX}{slug}", name) for slug, name in _choices("role")] + kinds


class EventFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Words"), method="filter_text", max_length=MAX_QUERY_LENGTH
    )
    # The area and audience-role filters join a many-to-many table on one id, which an event
    # holds at most once: no row repeats, so no DISTINCT or subquery is needed.
    area = django_filters.ChoiceFilter(
        label=_("Area"),
        method="filter_area",
        choices=area_choices,
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
    group = django_filters.ChoiceFilter(
        label=_("Association or group"),
        method="filter_group",
        choices=group_choices,
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
        # Counted on the cached list: iterating the field's choices re-reads them per item.
        if len(group_choices()) > GROUP_SELECT_LIMIT:
            self.form.fields["group"].widget = forms.HiddenInput()

    def filter_text(self, queryset, name, value):
        return text_filter(queryset, ["title", "description"], value)

    def filter_area(self, queryset, name, value):
        return queryset.filter(subjects=_id_of("area", value))

    def filter_group(self, queryset, name, value):
        return queryset.filter(group=_id_of("group", value))

    def filter_audience(self, queryset, name, value):
        if value.startswith(ROLE_PREFIX):
            role = _id_of("role", value.removeprefix(ROLE_PREFIX))
            return queryset.filter(audience_roles=role)
        kind = value.removeprefix(KIND_PREFIX)
        return queryset.filter(audience_institution_kinds__contains=f",{kind},")

    def filter_date_from(self, queryset, name, value):
        return queryset.filter(start__date__gte=value)

    def filter_date_to(self, queryset, name, value):
        return queryset.filter(start__date__lte=value)

    @property
    def cleaned_data(self):
        """The valid filter values (validating first when nothing has yet)."""
        if not self.is_bound:
            return {}
        self.form.is_valid()
        return self.form.cleaned_data

    @property
    def hidden_group_name(self):
        """The chosen group's name when the group filter is not a select."""
        field = self.form.fields["group"]
        value = self.cleaned_data.get("group")
        if not value or not isinstance(field.widget, forms.HiddenInput):
            return ""
        return dict(field.choices).get(value, "")

    @property
    def is_active(self):
        return any(value not in (None, "") for value in self.cleaned_data.values())


class Unfiltered(filtering.Unfiltered):
    hidden_group_name = ""


def filtered_events(request, queryset):
    """The FilterSet bound to the request's query string (without NUL bytes)."""
    data = clean_query_data(request.GET)
    return filtering.filtered(EventFilter, data, queryset, stand_in=Unfiltered, request=request)
