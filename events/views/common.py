"""Querysets and helpers shared by the event pages."""

import datetime as dt
import re
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, Window
from django.http import Http404
from django.utils import timezone

from events.models import Event, Material, Speaker

PAGE_SIZE = 20


def list_queryset(request):
    """Events a visitor may see, as a list page reads them (``EventQuerySet.for_list``)."""
    return Event.objects.visible_to(request.user).for_list()


DETAIL_PREFETCH = (
    "subjects",
    "audience_roles",
    "partners",
    "organisers",
    Prefetch("speakers", queryset=Speaker.objects.all(), to_attr="speaker_list"),
    Prefetch("materials", queryset=Material.objects.all(), to_attr="material_list"),
)


def detail_queryset(request):
    return (
        Event.objects.visible_to(request.user)
        .select_related("venue", "group__subject")
        .prefetch_related(*DETAIL_PREFETCH)
    )


def paginate(request, queryset, per_page=PAGE_SIZE):
    """A numbered page and the number of rows in one query: each row carries the total
    (COUNT(*) OVER ()), so the paginator needs no COUNT of its own. 404 past the last page."""
    number = page_number(request)
    rows = list(
        queryset.annotate(rows_in_list=Window(Count("pk")))[
            (number - 1) * per_page : number * per_page
        ]
    )
    if not rows and number > 1:
        raise Http404
    paginator = Paginator([], per_page)
    paginator.count = rows[0].rows_in_list if rows else 0
    return Page(rows, number, paginator)


@dataclass
class SlicePage:
    """A numbered page found without counting the table (one row more tells if another
    page follows), for lists short enough that their OFFSET stays small."""

    object_list: list
    number: int
    more: bool

    def __iter__(self):
        return iter(self.object_list)

    def has_previous(self):
        return self.number > 1

    def has_next(self):
        return self.more

    def has_other_pages(self):
        return self.has_previous() or self.has_next()

    def previous_page_number(self):
        return self.number - 1

    def next_page_number(self):
        return self.number + 1


def page_number(request):
    """The ?page= of a list paged by ``slice_page`` (1 when absent); 404 for anything that
    is not a page number."""
    raw = request.GET.get("page", "1").replace("\x00", "") or "1"
    if not raw.isdigit() or not 1 <= int(raw) <= 10_000:
        raise Http404
    return int(raw)


def slice_page(queryset, number, per_page):
    rows = list(queryset[(number - 1) * per_page : number * per_page + 1])
    if not rows and number > 1:
        raise Http404
    return SlicePage(rows[:per_page], number, len(rows) > per_page)


def list_time():
    """The moment the lists divide upcoming from past, to the minute: a list is then the
    same for a minute and can be kept rendered (an event that ended seconds ago stays
    upcoming until the minute is over)."""
    return timezone.now().replace(second=0, microsecond=0)


def query_without_paging(filterset):
    """The list's query string without its paging parameters, for the pager's links."""
    params = filterset.data.copy()
    for name in ("page", "before", "after"):
        params.pop(name, None)
    return params.urlencode()


# A keyset cursor: the start (UTC, to the microsecond) and id of the row a page ends at.
CURSOR = re.compile(r"^(\d{20})-(\d{1,18})$")


def encode_cursor(event):
    return f"{event.start.astimezone(dt.UTC):%Y%m%d%H%M%S%f}-{event.pk}"


def decode_cursor(value):
    """(start, pk), or None for anything that is not a cursor we wrote."""
    match = CURSOR.match(value or "")
    if not match:
        return None
    try:
        start = dt.datetime.strptime(match[1], "%Y%m%d%H%M%S%f").replace(tzinfo=dt.UTC)
    except ValueError:
        return None
    return start, int(match[2])


@dataclass
class KeysetPage:
    """A page of a newest-first list found from the row next to it (?before= or ?after=),
    not by OFFSET: the hundredth page of the archive costs what the first costs."""

    object_list: list
    older: str = ""
    newer: str = ""
    keyset = True

    def __iter__(self):
        return iter(self.object_list)

    def has_other_pages(self):
        return bool(self.older or self.newer)


def keyset_page(request, queryset):
    """``queryset`` ordered by -start, -pk, one page of it and the cursors around it."""
    after = decode_cursor(request.GET.get("after", "").replace("\x00", ""))
    before = None if after else decode_cursor(request.GET.get("before", "").replace("\x00", ""))
    if after:
        start, pk = after
        rows = list(
            queryset.filter(Q(start__gt=start) | Q(start=start, pk__gt=pk)).order_by("start", "pk")[
                : PAGE_SIZE + 1
            ]
        )
        more_newer = len(rows) > PAGE_SIZE
        rows = rows[:PAGE_SIZE][::-1]
        return KeysetPage(
            rows,
            older=encode_cursor(rows[-1]) if rows else "",
            newer=encode_cursor(rows[0]) if more_newer else "",
        )
    if before:
        start, pk = before
        queryset = queryset.filter(Q(start__lt=start) | Q(start=start, pk__lt=pk))
    rows = list(queryset.order_by("-start", "-pk")[: PAGE_SIZE + 1])
    more_older = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    return KeysetPage(
        rows,
        older=encode_cursor(rows[-1]) if more_older else "",
        newer=encode_cursor(rows[0]) if before and rows else "",
    )
