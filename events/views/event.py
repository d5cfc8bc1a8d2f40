"""Event lists (upcoming, archive by year), one event, its .ics and its materials."""

import hashlib

from django.db.models import Count, prefetch_related_objects
from django.db.models.functions import ExtractYear
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from events.documents import KINDS_BY_EXTENSION
from events.fragments import attach_item_html, rendered_filter_form
from events.ics import build_calendar
from events.models import Event, Material
from events.models.event import sees_drafts
from events.views.common import (
    DETAIL_PREFETCH,
    filtered_keyset_page,
    filtered_page,
    list_queryset,
)
from imc_portal.fragments import cached_html
from imc_portal.page_cache import cached_until_change

FIRST_YEAR, LAST_YEAR = 1990, 2100


def render_list(request, context):
    attach_item_html(context["page_obj"].object_list)
    context["filter_form"] = rendered_filter_form(request, context["filter"])
    if years := context.get("years"):
        nav = {"years": years, "year": context.get("year"), "query": context["query"]}
        digest = hashlib.sha1(repr(nav).encode(), usedforsecurity=False).hexdigest()
        context["years_html"] = cached_html(
            f"events:years:{digest}",
            lambda: render_to_string("events/includes/years_nav.html", nav),
        )
    return render(request, "events/event_list.html", context)


def upcoming(request):
    now = timezone.now()
    events = list_queryset(request).upcoming(now)
    filterset, page, query = filtered_page(request, events)
    return render_list(
        request,
        {
            "title": _("Upcoming events"),
            "filter": filterset,
            "page_obj": page,
            "query": query,
            "mode": "upcoming",
        },
    )


def archive_years(request):
    """Years that have past events, newest first, with their counts: one query over the
    whole table, so kept until a record changes (or an hour passes: events become past)."""
    drafts = sees_drafts(request.user)

    def compute():
        events = Event.objects.all() if drafts else Event.objects.published()
        return list(
            events.past()
            .annotate(year=ExtractYear("start"))
            .values("year")
            .annotate(events=Count("pk"))
            .order_by("-year")
        )

    return cached_until_change(f"events:archive-years:{int(drafts)}", compute, timeout=600)


def archive(request):
    # Newest first across all years, paged by keyset: no OFFSET, no COUNT of the table.
    filterset, page, query = filtered_keyset_page(request, list_queryset(request).past())
    return render_list(
        request,
        {
            "title": _("Events archive"),
            "filter": filterset,
            "page_obj": page,
            "query": query,
            "mode": "archive",
            "years": archive_years(request),
        },
    )


def archive_year(request, year):
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    events = list_queryset(request).past().filter(start__year=year)
    filterset, page, query = filtered_page(request, events)
    return render_list(
        request,
        {
            "title": _("Events of %(year)s") % {"year": year},
            "filter": filterset,
            "page_obj": page,
            "query": query,
            "mode": "archive",
            "year": year,
            "years": archive_years(request),
        },
    )


def event_detail(request, slug):
    """The event; its body (speakers, materials, partners…) is rendered once per content
    version, and the related rows are fetched only then."""
    event = get_object_or_404(
        Event.objects.visible_to(request.user).select_related("venue", "group__subject"),
        slug=slug,
    )
    is_past = (event.end or event.start) < timezone.now()

    def render_body():
        prefetch_related_objects([event], *DETAIL_PREFETCH)
        return render_to_string(
            "events/includes/event_body.html", {"event": event, "is_past": is_past}
        )

    body_html = cached_html(f"events:detail:{event.pk}:{is_past}", render_body)
    return render(request, "events/event_detail.html", {"event": event, "body_html": body_html})


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
