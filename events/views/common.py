"""Querysets and helpers shared by the event pages."""

from django.core.paginator import InvalidPage, Paginator
from django.db.models import Prefetch
from django.http import Http404

from events.filters import filtered_events
from events.models import Event, Material, Speaker

PAGE_SIZE = 20


def list_queryset(request):
    """Events a visitor may see, with what a list entry shows joined in."""
    return (
        Event.objects.visible_to(request.user)
        .select_related("venue", "group")
        .prefetch_related("subjects")
    )


def detail_queryset(request):
    return (
        Event.objects.visible_to(request.user)
        .select_related("venue", "group__subject")
        .prefetch_related(
            "subjects",
            "audience_roles",
            "partners",
            "organisers",
            Prefetch("speakers", queryset=Speaker.objects.all(), to_attr="speaker_list"),
            Prefetch("materials", queryset=Material.objects.all(), to_attr="material_list"),
        )
    )


def paginate(request, queryset):
    paginator = Paginator(queryset, PAGE_SIZE)
    try:
        return paginator.page(request.GET.get("page", "1").replace("\x00", "") or 1)
    except InvalidPage:
        raise Http404 from None


def filtered_page(request, queryset):
    """(filterset, page, query string without the page) for a list view."""
    filterset = filtered_events(request, queryset)
    page = paginate(request, filterset.qs)
    params = filterset.data.copy()
    params.pop("page", None)
    return filterset, page, params.urlencode()
