"""Event lists (upcoming, archive by year), one event, its .ics and its materials."""

import hashlib

from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from events.documents import KINDS_BY_EXTENSION
from events.filters import filtered_events
from events.fragments import attach_item_html, rendered_filter_form
from events.ics import build_calendar
from events.models import Event, Material
from events.models.event import sees_drafts
from events.views.common import (
    detail_queryset,
    keyset_page,
    list_queryset,
    list_time,
    paginate,
    query_without_paging,
)
from imc_portal import fragments
from imc_portal.fragments import cached_html, kept_for_filters
from imc_portal.page_cache import cached_until_change

FIRST_YEAR, LAST_YEAR = 1990, 2100


def render_list(request, filterset, page_of, context):
    """An event list page. Its events section (the count, the entries, the pager) is kept
    rendered per content version, filter values, paging parameters, minute (see
    ``list_time``) and whether drafts are shown; its queries run only when it is rendered.
    ``page_of(request, queryset)`` cuts the page."""
    query = query_without_paging(filterset)

    def events_section():
        page = page_of(request, filterset.qs)
        attach_item_html(page.object_list)
        return render_to_string(
            "events/includes/event_page.html",
            {"page_obj": page, "filter": filterset, "query": query, "request": request},
        )

    context["events_html"] = kept_for_filters(
        "events:list", filterset, events_section, context["mode"], context.get("year"),
        int(sees_drafts(request.user)), context["now"].isoformat(), sorted(request.GET.lists()),
    )  # fmt: skip
    context.update(filter=filterset, query=query)
    context["filter_form"] = rendered_filter_form(request, filterset)
    if years := context.get("years"):
        nav = {"years": years, "year": context.get("year"), "query": query}
        digest = hashlib.sha1(repr(nav).encode(), usedforsecurity=False).hexdigest()
        context["years_html"] = cached_html(
            f"events:years:{digest}",
            lambda: render_to_string("events/includes/years_nav.html", nav),
        )
    return render(request, "events/event_list.html", context)


def upcoming(request):
    now = list_time()
    filterset = filtered_events(request, list_queryset(request).upcoming(now))
    context = {"title": _("Upcoming events"), "mode": "upcoming", "now": now}
    return render_list(request, filterset, paginate, context)


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
    now = list_time()
    filterset = filtered_events(request, list_queryset(request).past(now))
    context = {
        "title": _("Events archive"),
        "mode": "archive",
        "now": now,
        "years": archive_years(request),
    }
    return render_list(request, filterset, keyset_page, context)


def archive_year(request, year):
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    now = list_time()
    filterset = filtered_events(request, list_queryset(request).past(now).filter(start__year=year))
    context = {
        "title": _("Events of %(year)s") % {"year": year},
        "mode": "archive",
        "now": now,
        "year": year,
        "years": archive_years(request),
    }
    return render_list(request, filterset, paginate, context)


def event_detail(request, slug):
    """The event's page, kept per address and drafts shown until a record changes: a visit
    runs no query. Its body (speakers, materials, partners…) is rendered both ways, before
    and after the event (when the results show), so the page turns at the event's end."""
    drafts = sees_drafts(request.user)

    def compute():
        event = detail_queryset(request).filter(slug=slug).first()
        if event is None:
            return None
        bodies = {
            is_past: render_to_string(
                "events/includes/event_body.html", {"event": event, "is_past": is_past}
            )
            for is_past in (False, True)
        }
        shown = {"title": event.title, "description": event.description}
        return {"event": shown, "finish": event.end or event.start, "bodies": bodies}

    kept = fragments.kept("events:page", compute, slug, drafts)
    if kept is None:
        raise Http404
    body_html = kept["bodies"][kept["finish"] < timezone.now()]
    return render(
        request, "events/event_detail.html", {"event": kept["event"], "body_html": body_html}
    )


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
