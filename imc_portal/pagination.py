"""Numbered pages of every public list, and one rule for a bad ``?page=``: anything but the
number of an existing page is a 404 (page 1 of an empty list exists)."""

from django.core.paginator import Page, Paginator
from django.db.models import Count, Window
from django.http import Http404
from django.utils.translation import gettext as _

MAX_PAGE = 100_000


def page_number(request):
    value = request.GET.get("page", "1")
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= MAX_PAGE:
        raise Http404(_("There is no such page of this list."))
    return int(value)


def paginate(request, queryset, per_page):
    """Page ``?page=`` of ``queryset`` as Django's ``Page``. Each row carries the list's
    total (COUNT(*) OVER ()), so one query reads the page and its number of rows. The
    queryset must not repeat rows (no DISTINCT)."""
    number = page_number(request)
    start = (number - 1) * per_page
    rows = list(queryset.annotate(rows_in_list=Window(Count("pk")))[start : start + per_page])
    if not rows and number > 1:
        raise Http404(_("There is no such page of this list."))
    paginator = Paginator([], per_page)
    paginator.count = rows[0].rows_in_list if rows else 0
    return Page(rows, number, paginator)


def query_without_page(request):
    """The query string without ``page``: the list's filters, for the pager's links and the
    feeds of the same list."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
