"""Numbered pages of every public list, and one rule for a bad ``?page=``: anything but the
number of an existing page is a 404 (page 1 of an empty list exists)."""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.utils.translation import gettext as _


def paginate(request, queryset, per_page, count=None):
    """Page ``?page=`` of ``queryset`` (Django's ``Page``: a COUNT, then the page's rows).
    ``count``: the number of rows, when the view has read it already."""
    value = request.GET.get("page", "1")
    if not (value.isascii() and value.isdigit() and len(value) <= 9):
        raise Http404(_("There is no such page of this list."))
    paginator = Paginator(queryset, per_page)
    if count is not None:
        paginator.count = count
    try:
        return paginator.page(int(value))
    except InvalidPage:
        raise Http404(_("There is no such page of this list.")) from None


def query_without_page(request):
    """The query string without ``page``: the list's filters, for the pager's links and the
    feeds of the same list."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
