"""What the public lists' filters share: query strings without NUL bytes, and a stand-in for
the FilterSet when the query string holds no filter (most visits)."""

from django.utils.functional import cached_property

# Parameters of the lists that are not filters.
PAGING_PARAMETERS = {"page", "before", "after"}


def clean_query_data(data):
    """A copy of request.GET without NUL bytes, which PostgreSQL refuses in any string."""
    cleaned = data.copy()
    for key in list(cleaned.keys()):
        cleaned.setlist(key, [value.replace("\x00", "") for value in cleaned.getlist(key)])
    return cleaned


class Unfiltered:
    """What a list needs of its FilterSet when the query string has no filter in it:
    building the FilterSet and its form copies every choice list, so the form is built only
    if its rendered HTML is not in the fragment cache."""

    unfiltered = True  # imc_portal.fragments.filters_key
    is_active = False
    cleaned_data = {}

    def __init__(self, filterset_class, data, queryset, **kwargs):
        self.filterset_class, self.data, self.qs = filterset_class, data, queryset
        self.kwargs = kwargs

    @cached_property
    def form(self):
        return self.filterset_class(self.data, queryset=self.qs, **self.kwargs).form


def filtered(filterset_class, data, queryset, *, stand_in=Unfiltered, **kwargs):
    """The FilterSet bound to ``data`` (already without NUL bytes), or ``stand_in`` when
    ``data`` holds paging parameters only."""
    if not set(data) - PAGING_PARAMETERS:
        return stand_in(filterset_class, data, queryset, **kwargs)
    return filterset_class(data, queryset=queryset, **kwargs)
