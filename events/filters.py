"""The filters of the event lists, the calendar and the feeds, read from the query string
(see imc_portal.filtering)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import AudienceRole, Event, Group
from imc_portal.filtering import PortalFilterSet, choice_lists
from imc_portal.models import Institution, Subject
from imc_portal.site_search import MAX_QUERY_LENGTH, text_filter

ROLE_PREFIX = "role-"
KIND_PREFIX = "kind-"
# Above this many groups the group filter is a hidden field kept from the query string (group
# pages link to it): a select of hundreds of names would outweigh the list it filters.
GROUP_SELECT_LIMIT = 50


class EventFilter(PortalFilterSet):
    q = django_filters.CharFilter(
        label=_("Words"), method="filter_text", max_length=MAX_QUERY_LENGTH
    )
    # An event holds an area or a role at most once: joining on one of them repeats no row.
    area = django_filters.ChoiceFilter(
        label=_("Area"), field_name="subjects__slug", empty_label=_("All areas")
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
        label=_("Audience"), method="filter_audience", empty_label=_("Everybody")
    )
    group = django_filters.ChoiceFilter(
        label=_("Association or group"), field_name="group__slug", empty_label=_("All associations")
    )
    date_from = django_filters.DateFilter(
        label=_("From"),
        field_name="start",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        label=_("To"),
        field_name="start",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Event
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        lists = choice_lists(
            area=(Subject.objects.all(), "slug", "name"),
            group=(Group.objects.published(), "slug", "name"),
            role=(AudienceRole.objects.all(), "slug", "name"),
        )
        roles = [(f"{ROLE_PREFIX}{slug}", name) for slug, name in lists["role"]]
        kinds = [(f"{KIND_PREFIX}{value}", label) for value, label in Institution.Kind.choices]
        choices = {"area": lists["area"], "group": lists["group"], "audience": roles + kinds}
        super().__init__(data, *args, choices=choices, **kwargs)
        if len(lists["group"]) > GROUP_SELECT_LIMIT:
            self.form.fields["group"].widget = forms.HiddenInput()

    def filter_text(self, queryset, name, value):
        return text_filter(queryset, ["title", "description"], value)

    def filter_audience(self, queryset, name, value):
        if value.startswith(ROLE_PREFIX):
            return queryset.filter(audience_roles__slug=value.removeprefix(ROLE_PREFIX))
        kind = value.removeprefix(KIND_PREFIX)
        return queryset.filter(audience_institution_kinds__contains=f",{kind},")

    @property
    def hidden_group_name(self):
        """The chosen group's name when the group filter is not a select."""
        field = self.form.fields["group"]
        value = self.form["group"].value()
        if not value or not isinstance(field.widget, forms.HiddenInput):
            return ""
        return dict(field.choices).get(value, "")
