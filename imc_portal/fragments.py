"""Rendered pieces of public pages kept until any record changes.

A list entry, a results table or a filter form is the same for every visitor until a record
is saved, and rendering it is most of a page's time. ``attach_html`` renders each object's
piece once per content version (see page_cache) and reads the others in one round trip, or
from the worker's memory. A whole section of a page (a list with its pager, a year's results)
is kept by ``kept_for_filters`` under everything it depends on: the filter values and paging
parameters as submitted, and, where the page depends on them, the minute or the day and
whether drafts are shown; its queries then run only when it is rendered.
"""

import hashlib

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from imc_portal.page_cache import (
    cached_until_change,
    content_version,
    get_many_versioned,
    set_many_versioned,
)

TIMEOUT = 3600


def attach_html(objects, template_name, name, *, as_name="object", extra=None, prepare=None,
                load=None, attr="html", key=lambda obj: obj.pk):  # fmt: skip
    """Set ``obj.<attr>`` to ``template_name`` rendered with ``{as_name: obj, **extra}``.

    ``name`` must tell apart every way the same object is shown (with ``extra``);
    ``prepare(missing)`` fetches what the template needs, for the objects not yet rendered
    only (e.g. ``prefetch_related_objects``); or ``load(missing)`` returns them anew, in the
    same order, when the list query fetched only a few columns. Returns ``objects``."""
    objects = list(objects)
    prefix = f"fragment:{name}:{content_version()}:{get_language()}"
    keys = {f"{prefix}:{key(obj)}": obj for obj in objects}
    found = get_many_versioned(list(keys))
    missing = {k: obj for k, obj in keys.items() if k not in found}
    if missing:
        if load:
            missing = dict(zip(missing, load(list(missing.values())), strict=True))
        if prepare:
            prepare(list(missing.values()))
        context = extra or {}
        rendered = {
            k: render_to_string(template_name, {**context, as_name: obj})
            for k, obj in missing.items()
        }
        set_many_versioned(rendered, TIMEOUT)
        found.update(rendered)
    for k, obj in keys.items():
        setattr(obj, attr, found[k])
    return objects


def loader(queryset):
    """``load=`` for ``attach_html``: the objects again, whole, from ``queryset`` (which may
    join and prefetch what the template needs), in their order."""

    def load(objects):
        found = queryset.in_bulk([obj.pk for obj in objects])
        return [found[obj.pk] for obj in objects]

    return load


def today_key():
    """Part of the key of a piece that shows records from their date on: a record dated
    today appears without an edit bumping the content version."""
    return timezone.localdate().isoformat()


def kept(name, compute, *parts):
    """``compute()`` kept until any record changes, per language and ``parts`` (an address,
    the day…: everything else the value depends on, kept as a digest)."""
    digest = hashlib.sha1(repr((parts, get_language())).encode(), usedforsecurity=False)
    return cached_until_change(f"{name}:{digest.hexdigest()}", compute)


def cached_html(name, render):
    """``render()`` (a string of HTML) kept until any record changes; ``name`` must tell
    apart everything the HTML depends on besides the language."""
    return cached_until_change(f"fragment:{name}:{get_language()}", render, TIMEOUT)


def filters_key(filterset, *extra):
    """A digest of the filter values as submitted (and ``extra``), or "" when they are
    invalid: a form with errors is rendered each time, never kept. A list without filters
    (``filterset.unfiltered``), or a list with no filters at all (``None``), needs no form
    built to know its key."""
    if filterset is None or getattr(filterset, "unfiltered", False):
        values = []
    elif filterset.form.errors:
        return ""
    else:
        data = filterset.form.data
        values = [(name, data.getlist(name)) for name in filterset.form.fields]
    return hashlib.sha1(repr((values, extra)).encode(), usedforsecurity=False).hexdigest()


def kept_for_filters(name, filterset, render, *extra):
    """``render()`` kept like ``cached_html`` per submitted filter values and ``extra``: for
    a part of a page that depends on nothing else (not the time, not the visitor), whose
    queries then run only once per change of the records. Rendered each time while the
    filters have errors."""
    key = filters_key(filterset, *extra)
    return cached_html(f"{name}:{key}", render) if key else render()


def rendered_filter_form(request, filterset, template_name, name):
    """The filter form, kept per page and submitted values (never when it shows errors)."""

    def render():
        return render_to_string(template_name, {"filter": filterset, "request": request})

    key = filters_key(filterset, request.path)
    return cached_html(f"{name}:form:{key}", render) if key else render()
