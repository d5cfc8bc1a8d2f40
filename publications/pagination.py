"""Keyset pagination for the long public lists (news, the practice catalogue, manuals,
teachers' publications).

A page is "the rows older than this (date, id)" (``?before=2019-05-03.1234``) or "newer than"
(``?after=…``, for the way back), read from an index on (date DESC, id DESC): page 50 costs
what page 1 costs, where OFFSET would read and drop every row before it. Lists ordered by a
year instead of a date use cursors like ``?before=2019.1234`` (``kind=YEAR``). A malformed
cursor shows the first page."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q

CURSOR_PARAMS = ("before", "after")


MAX_ID = 2**63 - 1  # larger numbers overflow the database's integers: not a cursor


def _year(text):
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        raise ValueError(text)
    return int(text)


DATE, YEAR = dt.date.fromisoformat, _year


def format_cursor(key, pk):
    key = key.isoformat() if isinstance(key, dt.date) else key
    return f"{key}.{pk}"


def page_starting_with(url, key, pk):
    """The address of the list page ``url`` whose first row is (key, pk): the rows before
    (key, pk + 1) in the list's order."""
    return f"{url}?before={format_cursor(key, pk + 1)}"


def parse_cursor(value, kind=DATE):
    """(key, id) from "YYYY-MM-DD.id" (or "YYYY.id" with ``kind=YEAR``), or None for
    anything else (NUL bytes included)."""
    key, _dot, pk = (value or "")[:40].partition(".")
    if not (pk.isascii() and pk.isdigit()) or int(pk) > MAX_ID:
        return None
    try:
        return kind(key), int(pk)
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


def keyset_page(queryset, params, date_field, size, kind=DATE):
    """One page of ``queryset`` ordered by (``date_field`` DESC, id DESC); ``kind`` reads
    the cursor's first part (DATE or YEAR).

    One query: ``size + 1`` rows tell whether there is a further page."""
    before = parse_cursor(params.get("before"), kind)
    after = None if before else parse_cursor(params.get("after"), kind)
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
