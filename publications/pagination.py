"""Keyset pagination for the long public lists (news, the practice catalogue).

A page is "the rows older than this (date, id)" (``?before=2019-05-03.1234``) or "newer than"
(``?after=…``, for the way back), read from an index on (date DESC, id DESC): page 50 costs
what page 1 costs, where OFFSET would read and drop every row before it. A malformed cursor
shows the first page."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q

CURSOR_PARAMS = ("before", "after")


def format_cursor(day, pk):
    return f"{day.isoformat()}.{pk}"


def parse_cursor(value):
    """(date, id) from "YYYY-MM-DD.id", or None for anything else (NUL bytes included)."""
    day, _dot, pk = (value or "")[:40].partition(".")
    try:
        return dt.date.fromisoformat(day), int(pk)
    except ValueError:
        return None


@dataclass
class KeysetPage:
    object_list: list
    next_cursor: str = ""
    previous_cursor: str = ""
    is_first: bool = True
    query_items: list = field(default_factory=list)

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    @property
    def has_next(self):
        return bool(self.next_cursor)

    @property
    def has_previous(self):
        return bool(self.previous_cursor) or not self.is_first

    @property
    def has_other_pages(self):
        return self.has_next or self.has_previous


def keyset_page(queryset, params, date_field, size):
    """One page of ``queryset`` ordered by (``date_field`` DESC, id DESC).

    One query: ``size + 1`` rows tell whether there is a further page."""
    before = parse_cursor(params.get("before"))
    after = None if before else parse_cursor(params.get("after"))
    if before:
        day, pk = before
        # The range condition on the date alone lets the index start at the cursor.
        rows = queryset.filter(
            Q(**{f"{date_field}__lt": day}) | Q(**{date_field: day, "id__lt": pk}),
            **{f"{date_field}__lte": day},
        ).order_by(f"-{date_field}", "-id")
    elif after:
        day, pk = after
        rows = queryset.filter(
            Q(**{f"{date_field}__gt": day}) | Q(**{date_field: day, "id__gt": pk}),
            **{f"{date_field}__gte": day},
        ).order_by(date_field, "id")
    else:
        rows = queryset.order_by(f"-{date_field}", "-id")
    rows = list(rows[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    if after:
        rows.reverse()
    page = KeysetPage(rows, is_first=not (before or after))
    if rows:
        first, last = rows[0], rows[-1]
        if more or after:
            page.next_cursor = format_cursor(getattr(last, date_field), last.pk)
        if before or (after and more):
            page.previous_cursor = format_cursor(getattr(first, date_field), first.pk)
        if after and not more:
            # Reached the newest rows: "previous" is simply the first page.
            page.is_first = True
    elif before or after:
        page.is_first = False
    page.query_items = [
        (key, value)
        for key, values in params.lists()
        if key not in CURSOR_PARAMS and key != "page"
        for value in values
    ]
    return page
