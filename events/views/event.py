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


def render_list(request, events, context):
    """A page of ``events`` filtered by the query string; 400 with the form's errors when
    a filter does not validate."""
    filterset = EventFilter(request.GET, queryset=events)
    page = None if filterset.errors else paginate(request, filterset.qs, PAGE_SIZE)
    context.update(filter=filterset, page_obj=page, query=query_without_page(request))
    return render(request, "events/event_list.html", context, status=filterset.status)


@public_page(query=LIST_QUERY, changes_with_time=True)
def upcoming(request):
    events = Event.objects.visible_to(request.user).upcoming().for_list()
    return render_list(request, events, {"title": _("Upcoming events"), "mode": "upcoming"})


def archive_years(user):
    """Years that have past events, newest first, with their number of events."""
    return (
        Event.objects.visible_to(user)
        .past()
        .annotate(year=ExtractYear("start"))
        .values("year")
        .annotate(events=Count("pk"))
        .order_by("-year")
    )


@public_page(query=LIST_QUERY, changes_with_time=True)
def archive(request):
    events = Event.objects.visible_to(request.user).past().for_list()
    context = {
        "title": _("Events archive"),
        "mode": "archive",
        "years": archive_years(request.user),
    }
    return render_list(request, events, context)


@public_page(query=LIST_QUERY, changes_with_time=True)
def archive_year(request, year):
    year_or_404(year)
    events = Event.objects.visible_to(request.user).past().filter(start__year=year).for_list()
    context = {
        "title": _("Events of %(year)s") % {"year": year},
        "mode": "archive",
        "year": year,
        "years": archive_years(request.user),
    }
    return render_list(request, events, context)


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
