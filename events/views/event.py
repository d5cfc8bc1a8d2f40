"""Event lists (upcoming, archive by year), one event, its .ics and its materials."""

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from events.documents import KINDS_BY_EXTENSION
from events.filters import EventFilter
from events.ics import build_calendar, site_url
from events.models import Event, Material
from events.views.common import PAGE_SIZE, detail_queryset
from events.views.registration import registration_context, teacher_account, teacher_of
from imc_portal.models import Centre
from imc_portal.page_cache import public_page
from imc_portal.pagination import paginate, query_without_page
from imc_portal.periods import FIRST_YEAR, year_or_404

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


def archive_years(centre):
    """The years of the archive, newest first: from this year back to the centre's
    founding (or ten years when the record does not say), read from no table (counting the
    events of each year read every past event: 20 ms on the ten-year data, 70 on SQLite)."""
    this_year = timezone.localdate().year
    first = max(centre.founded_year or this_year - 9, FIRST_YEAR)
    return range(this_year, first - 1, -1)


@public_page(query=LIST_QUERY, changes_with_time=True)
def archive(request, year=None):
    """Past events, newest first, all years or one, with links to every year."""
    if year is not None:
        year_or_404(year)
    past = Event.objects.visible_to(request.user).past()
    filterset = EventFilter(request.GET, queryset=past)
    # The layout shows the centre too: read once, for both.
    centre = Centre.current()
    context = {
        "title": _("Events of %(year)s") % {"year": year} if year else _("Events archive"),
        "mode": "archive",
        "centre": centre,
        "year": year,
        "years": archive_years(centre),
        "filter": filterset,
        "query": query_without_page(request),
        "page_obj": None,
    }
    if not filterset.errors:
        events = filterset.qs if year is None else filterset.qs.filter(start__year=year)
        context["page_obj"] = paginate(request, events.for_list(), PAGE_SIZE)
    return render(request, "events/event_list.html", context, status=filterset.status)


@public_page(changes_with_time=True)
def event_detail(request, slug):
    """The event; once it is over, with its results (participants, outcomes). A signed-in
    teacher's account is read first, so that their registration comes with the event."""
    account = teacher_account(request.user)
    event = get_object_or_404(detail_queryset(request, teacher_of(account)), slug=slug)
    is_past = (event.end or event.start) < timezone.now()
    context = {
        "event": event,
        "is_past": is_past,
        **registration_context(request, event, account),
    }
    return render(request, "events/event_detail.html", context)


@public_page()
def event_ics(request, slug):
    event = get_object_or_404(
        Event.objects.visible_to(request.user).select_related("venue"), slug=slug
    )
    response = HttpResponse(
        build_calendar([event], site_url(request), event.title),
        content_type="text/calendar; charset=utf-8",
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
