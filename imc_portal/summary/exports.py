"""The summary as files: XLSX (a sheet of figures per section, a sheet of records per figure),
CSV (one section), DOCX (the annual report: a title page, then each section's text, table
and charts). Each export reads summarise()'s values once, the charts' two queries for the
DOCX, and for the XLSX the records behind each figure in one query (one per list when a
figure's lists are of different models), whatever the number of rows."""

import csv
import datetime as dt
import io
import re

from django.db import models
from django.db.models import IntegerField, Value
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from imc_portal.periods import ACADEMIC, CALENDAR
from imc_portal.summary import CHART_PERIODS
from imc_portal.summary.charts import by_section, render_png
from imc_portal.templatetags.summary import change, figure

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CSV_TYPE = "text/csv; charset=utf-8"


def filename(period, extension, part="summary"):
    """ "summary-2009.xlsx", "summary-2019-2020-events.csv"."""
    name = f"summary-{period.slug}" + ("" if part == "summary" else f"-{part}")
    return f"{name}.{extension}"


def figure_rows(section):
    """(label, Value or None, breakdown label or None) of a section's figures in order: a
    figure; a breakdown's title (no Value) and then each of its rows."""
    for item, found in zip(section.section.items, section.items, strict=True):
        if isinstance(found, list):
            yield str(capfirst(item.label)), None, None
            for value in found:
                yield str(capfirst(value.label)), value, str(capfirst(item.label))
        else:
            yield str(capfirst(found.label)), found, None


def shown_periods(sections):
    """The periods an export shows in columns: the last ten of the summary, oldest first."""
    for section in sections:
        for _label, value, _breakdown in figure_rows(section):
            if value is not None:
                return value.periods[-CHART_PERIODS:]
    return []


def period_headers(periods):
    return [str(period) for period in periods] + [
        _("Change"), _("Change, %"), _("Best of all time"), _("Best period")
    ]  # fmt: skip


def value_cells(value, count):
    """A figure's numbers in the export's columns: values, change, change %, best."""
    best = value.best
    return [*value.values[-count:], value.change, value.change_percent,
            best[1] if best else None, str(best[0]) if best else None]  # fmt: skip


# CSV


def section_csv(section):
    """One section's figures: a row a figure (a breakdown's rows as "kind: label"), a column
    a period, then the change. UTF-8 with a byte-order mark, so that Excel reads Cyrillic."""
    periods = shown_periods([section])
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([_("Figure"), *period_headers(periods)])
    for label, value, breakdown in figure_rows(section):
        if value is not None:
            name = f"{breakdown}: {value.label}" if breakdown else label
            cells = value_cells(value, len(periods))
            writer.writerow([name, *("" if cell is None else cell for cell in cells)])
    return out.getvalue()


# XLSX

BOLD = Font(bold=True)
INDENT = Alignment(indent=2)


def sheet_title(text, taken):
    """An Excel sheet name: at most 31 characters, none of []:*?/\\, unique."""
    base = re.sub(r"[\[\]:*?/\\]", " ", capfirst(str(text))).strip(" '") or "-"
    title, n = base[:31], 2
    while title.lower() in taken:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.lower())
    return title


def cell(sheet, value, font=None, alignment=None, number_format=None):
    found = WriteOnlyCell(sheet, value=value)
    if font:
        found.font = font
    if alignment:
        found.alignment = alignment
    if number_format:
        found.number_format = number_format
    return found


def date_field(model):
    """The field that dates a record (an event's start), if the model has one."""
    for field in model._meta.concrete_fields:
        automatic = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        if isinstance(field, models.DateField) and not automatic and "birth" not in field.name:
            return field.name
    return None


def spreadsheet_date(value):
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    return value


def record_groups(item, value, period):
    """[(title, queryset)] behind a figure, or behind one row of a breakdown."""
    if value is None or item.records is None:
        return []
    if ":" in value.key:
        row = value.key.split(":", 1)[1]
        return [
            (f"{capfirst(value.label)}: {title}", queryset)
            for title, queryset in item.records(period, row)
        ]
    return item.records(period)


def add_section_sheet(book, section, periods, taken):
    sheet = book.create_sheet(sheet_title(section.title, taken))
    sheet.column_dimensions["A"].width = 60
    sheet.freeze_panes = "B2"
    headers = [_("Figure"), *period_headers(periods)]
    sheet.append([cell(sheet, text, BOLD) for text in headers])
    for label, value, breakdown in figure_rows(section):
        if value is None:
            sheet.append([cell(sheet, label, BOLD)])
            continue
        share = "0.0" if value.share else "#,##0"
        numbers = value_cells(value, len(periods))
        sheet.append(
            [cell(sheet, label, alignment=INDENT if breakdown else None)]
            + [cell(sheet, number, number_format=share) for number in numbers[:-3]]
            + [cell(sheet, numbers[-3], number_format="0"),
               cell(sheet, numbers[-2], number_format=share), cell(sheet, numbers[-1])]
        )  # fmt: skip


def evaluate(groups):
    """[(title, [records])] of ``groups`` [(title, queryset)]: in one query when they can be
    united (records of one model, ordered by its own fields: a UNION ALL of the querysets,
    each row tagged with its group), else one query each."""
    if len(groups) > 1 and all(_unitable(queryset, groups[0][1]) for _t, queryset in groups):
        first = groups[0][1]
        parts = [
            queryset.order_by().annotate(summary_part=Value(n, output_field=IntegerField()))
            for n, (_title, queryset) in enumerate(groups)
        ]
        ordering = ["summary_part", *_ordering(first)]
        found = [[] for _group in groups]
        for row in parts[0].union(*parts[1:], all=True).order_by(*ordering):
            found[row.summary_part].append(row)
        return [(title, rows) for (title, _queryset), rows in zip(groups, found, strict=True)]
    return [(title, list(queryset)) for title, queryset in groups]


def _ordering(queryset):
    return list(queryset.query.order_by or queryset.model._meta.ordering)


def _unitable(queryset, first):
    """Whether ``queryset`` can be a part of a UNION with ``first``: the same model and
    columns, and ordered by the model's own fields (a union can only order by its columns)."""
    query = queryset.query
    if queryset.model is not first.model or query.distinct or query.is_sliced:
        return False
    if query.select_related != first.query.select_related or query.annotations:
        return False
    names = {field.name for field in queryset.model._meta.concrete_fields} | {"pk"}
    return all(isinstance(term, str) and term.lstrip("-") in names for term in _ordering(queryset))


def add_records_sheet(book, title, groups, taken):
    """The records behind a figure: a row each (its part, number, name, date, id)."""
    sheet = book.create_sheet(sheet_title(title, taken))
    for column, width in zip("ABCDE", (40, 6, 70, 18, 10), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    headers = [_("Part"), _("No."), _("Record"), _("Date"), _("ID")]
    sheet.append([cell(sheet, text, BOLD) for text in headers])
    for part, rows in evaluate(groups):
        part = str(part)
        dated = date_field(rows[0]._meta.model) if rows else None
        for n, row in enumerate(rows, start=1):
            when = spreadsheet_date(getattr(row, dated)) if dated else None
            date_format_ = "dd.mm.yyyy hh:mm" if isinstance(when, dt.datetime) else "dd.mm.yyyy"
            sheet.append([part, n, str(row), cell(sheet, when, number_format=date_format_), row.pk])


def summary_workbook(period, centre, sections):
    """The XLSX: a sheet of figures per section, then a sheet per figure (or breakdown) of
    the records behind it."""
    book = Workbook(write_only=True)
    book.properties.title = f"{centre.name}: {period}" if centre.name else str(period)
    taken = set()
    periods = shown_periods(sections)
    for section in sections:
        add_section_sheet(book, section, periods, taken)
    for section in sections:
        for item, found in zip(section.section.items, section.items, strict=True):
            if item.records is None:
                continue
            values = found if isinstance(found, list) else [found]
            groups = [group for value in values for group in record_groups(item, value, period)]
            add_records_sheet(book, item.label, groups, taken)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# DOCX


def period_in_title(period):
    """The period on the report's title page: "за 2009 рік", "за 2019/2020 навчальний рік"."""
    if period.kind == CALENDAR:
        return _("for the year %(year)s") % {"year": period.label}
    if period.kind == ACADEMIC:
        return _("for the academic year %(years)s") % {"years": period.label}
    return _("from %(start)s to %(end)s") % {
        "start": date_format(period.start, "j E Y"),
        "end": date_format(period.end, "j E Y"),
    }


def centred(document, text, size=None, bold=False, space_after=None):
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if space_after is not None:
        paragraph.paragraph_format.space_after = Pt(space_after)
    return paragraph


def add_table(document, headers, rows, widths=None):
    """A bordered table: ``headers`` in bold, then ``rows`` of texts; numbers right."""
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for n, (target, text) in enumerate(zip(table.rows[0].cells, headers, strict=True)):
        target.text = ""
        run = target.paragraphs[0].add_run(str(text))
        run.bold = True
        if n:
            target.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in rows:
        cells = table.add_row().cells
        for n, (target, text) in enumerate(zip(cells, row, strict=True)):
            target.text = str(text)
            if n:
                target.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if widths:
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        for row in table.rows:
            for target, width in zip(row.cells, widths, strict=True):
                target.width = width
    document.add_paragraph()
    return table


def add_chart(document, block):
    document.add_heading(block.title, level=2)
    document.add_picture(io.BytesIO(render_png(block)), width=Cm(16.5))
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    if len(block.charts) == 1:
        note = document.add_paragraph(block.charts[0].description)
        note.runs[0].italic = True
    rows = [[label, *(figure(number) for number in numbers)] for label, numbers in block.table.rows]
    columns = len(block.table.headers)
    first = 6.5 if columns > 2 else 10
    widths = [Cm(first)] + [Cm((16.5 - first) / (columns - 1))] * (columns - 1)
    add_table(document, block.table.headers, rows, widths=widths)


def add_title_page(document, period, centre):
    if centre.parent_body:
        centred(document, centre.parent_body, size=13, space_after=96)
    centred(document, centre.name, size=20, bold=True, space_after=48)
    centred(document, _("Summary of the centre's work"), size=18, bold=True)
    centred(document, period_in_title(period), size=16, space_after=160)
    when = f"{centre.city}, {timezone.localdate().year}" if centre.city else ""
    centred(document, when.strip(", ") or str(timezone.localdate().year), size=13)
    document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)


def summary_document(period, centre, sections, blocks):
    """The DOCX of the annual report: a title page with the centre's name and the period,
    then each section's text, its table of figures (this period, the one before, the change)
    and its charts as pictures with their numbers; charts of no section at the end."""
    document = Document()
    page = document.sections[0]
    page.orientation = WD_ORIENT.PORTRAIT
    page.page_width, page.page_height = Cm(21), Cm(29.7)
    page.left_margin = page.right_margin = Cm(2)
    page.top_margin = page.bottom_margin = Cm(2)
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    document.core_properties.title = f"{centre.name}: {period}" if centre.name else str(period)
    document.core_properties.language = "uk-UA"
    add_title_page(document, period, centre)
    previous = period.previous()
    headers = [_("Figure"), str(period), str(previous), _("Change")]
    parts, others = by_section(sections, blocks)
    for section, charts in parts:
        document.add_heading(section.title, level=1)
        for paragraph in section.sentences:
            document.add_paragraph(paragraph)
        rows = []
        for label, value, breakdown in figure_rows(section):
            if value is None:
                rows.append([label, "", "", ""])
                continue
            rows.append([("    " if breakdown else "") + label,
                         figure(value.current, value.share), figure(value.previous, value.share),
                         change(value.change, value.share)])  # fmt: skip
        add_table(document, headers, rows, widths=[Cm(8.5), Cm(2.7), Cm(2.7), Cm(2.6)])
        for block in charts:
            add_chart(document, block)
    if others:
        document.add_heading(_("Charts"), level=1)
        for block in others:
            add_chart(document, block)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
