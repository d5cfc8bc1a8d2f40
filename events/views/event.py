"""Event lists (upcoming, archive by year), one event, its .ics and its materials."""

from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from events.documents import KINDS_BY_EXTENSION
from events.filters import EventFilter
from events.ics import build_calendar
from events.models import Event, Material
from events.views.common import PAGE_SIZE, detail_queryset
from imc_portal.page_cache import public_page
from imc_portal.pagination import paginate, query_without_page
from imc_portal.periods import year_or_404

LIST_QUERY = [*EventFilter.base_filters, "page"]


@public_page(query=LIST_QUERY, changes_with_time=True)
def upcoming(request):
    """Events not over yet, soonest first; a filter value that does not validate shows the
    form's errors and no list, with status 400."""
    events = Event.objects.visible_to(request.user).upcoming().for_list()
    filterset = EventFilter(request.GET, queryset=events)
    context = {
        "title": _("Upcoming events"),
        "mode": "upcoming",
        "filter": filterset,
        "query": query_without_page(request),
        "page_obj": None if filterset.errors else paginate(request, filterset.qs, PAGE_SIZE),
    }
    return render(request, "events/event_list.html", context, status=filterset.status)


def years_of(events):
    """[{year, events}] of ``events``, newest year first."""
    return list(
        events.annotate(year=ExtractYear("start"))
        .values("year")
        .annotate(events=Count("pk"))
        .order_by("-year")
    )


@public_page(query=LIST_QUERY, changes_with_time=True)
def archive(request, year=None):
    """Past events, newest first, all years or one; the years of the (filtered) archive
    are listed with their number of events, which counts the page's list too."""
    if year is not None:
        year_or_404(year)
    past = Event.objects.visible_to(request.user).past()
    filterset = EventFilter(request.GET, queryset=past)
    context = {
        "title": _("Events of %(year)s") % {"year": year} if year else _("Events archive"),
        "mode": "archive",
        "year": year,
        "filter": filterset,
        "query": query_without_page(request),
        "page_obj": None,
    }
    if not filterset.errors:
        context["years"] = years_of(filterset.qs)
        events = filterset.qs if year is None else filterset.qs.filter(start__year=year)
        count = sum(row["events"] for row in context["years"] if year in (None, row["year"]))
        context["page_obj"] = paginate(request, events.for_list(), PAGE_SIZE, count)
    return render(request, "events/event_list.html", context, status=filterset.status)


@public_page(changes_with_time=True)
def event_detail(request, slug):
    """The event; once it is over, with its results (participants, outcomes)."""
    event = get_object_or_404(detail_queryset(request), slug=slug)
    is_past = (event.end or event.start) < timezone.now()
    return render(request, "events/event_detail.html", {"event": event, "is_past": is_past})


@public_page()
def event_ics(request, slug):
    event = get_object_or_404(
        Event.objects.visible_to(request.user).select_related("venue"), slug=slug
    )
    response = HttpResponse(
        build_calendar([event], request, event.title), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


def material_download(request, pk):
    material = get_object_or_404(
        Material.objects.filter(event__in=Event.objects.visible_to(request.user)).exclude(file=""),
        pk=pk,
    )
    kind = KINDS_BY_EXTENSION.get(material.file_type)
    if kind is None:
        raise Http404
    try:
        handle = material.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    # FileResponse writes an ASCII-safe, RFC 6266 Content-Disposition for any name.
    return FileResponse(
        handle,
        as_attachment=True,
        filename=material.download_name,
        content_type=kind.content_type,
    )
