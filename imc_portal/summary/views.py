"""The director's summary pages: staff only (the director and the methodists)."""

import datetime as dt
from functools import wraps

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from imc_portal import registry
from imc_portal.models import Centre
from imc_portal.periods import FIRST_YEAR, LAST_YEAR, Period
from imc_portal.summary import Breakdown, default_period, exports, find_item, summarise
from imc_portal.summary.charts import by_section, summary_charts


def staff_only(view):
    """Anonymous visitors go to the login page; logged-in people without staff status get
    403. Such pages are never kept by the page cache (they are not ``public_page``)."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not request.user.is_active or not request.user.is_staff:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def period_or_404(slug):
    period = Period.from_slug(slug)
    if period is None:
        raise Http404(_("There is no such period."))
    return period


class RangeForm(forms.Form):
    """Any range of days for the summary (``?from=…&to=…``)."""

    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, data=None, **kwargs):
        if data is not None:
            data = {"start": data.get("from", ""), "end": data.get("to", "")}
        super().__init__(data, **kwargs)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError(_("The period cannot end before it starts."))
            if start.year < FIRST_YEAR or end.year > LAST_YEAR:
                raise forms.ValidationError(
                    _("Choose dates between %(first)s and %(last)s.")
                    % {"first": FIRST_YEAR, "last": LAST_YEAR}
                )
        return data


def chooser_context(period, range_form=None):
    """The period chooser: calendar years, academic years, a range of dates."""
    this_year = dt.date.today().year
    years = range(this_year, FIRST_YEAR - 1, -1)
    return {
        "calendar_years": [Period.calendar_year(year) for year in years][:30],
        "academic_years": [Period.academic_year(year) for year in years][:30],
        "range_form": range_form or RangeForm(initial={"start": period.start, "end": period.end}),
    }


@staff_only
def summary_index(request):
    """The period chosen (``?period=2009``, ``?from=…&to=…``), by default the last completed
    academic year: redirected to its own address, which can be bookmarked and sent."""
    if "period" in request.GET:
        period = period_or_404(request.GET["period"])
        return redirect("summary", period=period.slug)
    if "from" not in request.GET and "to" not in request.GET:
        return redirect("summary", period=default_period().slug)
    form = RangeForm(request.GET)
    if form.is_valid():
        period = Period.between(form.cleaned_data["start"], form.cleaned_data["end"])
        return redirect("summary", period=period.slug)
    period = default_period()
    context = {"period": period, **chooser_context(period, form), "sections": [], "parts": []}
    return render(request, "summary/summary.html", context, status=400)


@staff_only
def summary(request, period):
    period = period_or_404(period)
    centre = Centre.current()
    sections = summarise(period, centre)
    parts, other_charts = by_section(sections, summary_charts(period, sections))
    context = {
        "period": period,
        "previous": period.previous(),
        "centre": centre,
        "sections": sections,
        "parts": parts,
        "other_charts": other_charts,
        **chooser_context(period),
    }
    return render(request, "summary/summary.html", context)


def attachment(content, content_type, name):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@staff_only
def summary_xlsx(request, period):
    """The figures of every section, with the records behind each, as a workbook."""
    period = period_or_404(period)
    centre = Centre.current()
    content = exports.summary_workbook(period, centre, summarise(period, centre))
    return attachment(content, exports.XLSX_TYPE, exports.filename(period, "xlsx"))


@staff_only
def summary_docx(request, period):
    """The summary laid out as the annual report, to edit in Word or LibreOffice."""
    period = period_or_404(period)
    centre = Centre.current()
    sections = summarise(period, centre)
    content = exports.summary_document(period, centre, sections, summary_charts(period, sections))
    return attachment(content, exports.DOCX_TYPE, exports.filename(period, "docx"))


@staff_only
def summary_csv(request, period, section):
    """One section's figures as CSV."""
    period = period_or_404(period)
    chosen = [made for make in registry.summary_sections if (made := make()).key == section]
    if not chosen:
        raise Http404
    (values,) = summarise(period, Centre.current(), sections=chosen)
    return attachment(
        exports.section_csv(values), exports.CSV_TYPE, exports.filename(period, "csv", section)
    )


@staff_only
def figure_records(request, period, section, item):
    """The records behind one figure of the summary: every row it counts, each linked to
    its page in the admin."""
    period = period_or_404(period)
    found_section, found = find_item(registry.summary_sections, section, item)
    if found is None or found.records is None:
        raise Http404
    label = found.label
    if ":" in item:  # one row of a breakdown: its records, and its label for the heading
        if not isinstance(found, Breakdown):
            raise Http404
        row = item.split(":", 1)[1]
        # Only the rows the period has (those the summary links to): nothing else, junk
        # included, reaches the records' query.
        labels = {str(key): text for key, text, _values in found.rows([period])}
        if row not in labels:
            raise Http404
        groups = found.records(period, row)
        label = f"{label}: {labels[row]}"
    else:
        groups = found.records(period)
    parts = []
    for title, queryset in groups:
        meta = queryset.model._meta
        rows = list(queryset)
        parts.append(
            {
                "title": title,
                "rows": rows,
                "admin": f"admin:{meta.app_label}_{meta.model_name}_change",
            }
        )
    context = {
        "period": period,
        "section": found_section,
        "label": label,
        "parts": parts,
        "back": reverse("summary", kwargs={"period": period.slug}),
    }
    return render(request, "summary/records.html", context)
