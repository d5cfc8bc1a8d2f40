"""Checks on an uploaded spreadsheet (contest results, an event's sign-in list) before any row
is read: size, emptiness, encoding, columns and formulas. A file that fails gets one clear
message and saves nothing. And the template file each import offers to fill in."""

import csv
import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext_lazy as _
from import_export.forms import ImportForm

from imc_portal import uploads

MAX_IMPORT_BYTES = 5 * 1024 * 1024


class SpreadsheetError(ValueError):
    pass


def size_message():
    return _("The file is larger than %(size)d MB; split it into smaller files.") % {
        "size": MAX_IMPORT_BYTES // (1024 * 1024)
    }


def read_rows(name, data):
    """Header and rows of a CSV (UTF-8) or XLSX file as text, formulas kept as written."""
    if not data:
        raise SpreadsheetError(_("The file is empty."))
    if len(data) > MAX_IMPORT_BYTES:
        raise SpreadsheetError(size_message())
    if name.lower().endswith(".xlsx"):
        return _xlsx_rows(data)
    if name.lower().endswith(".csv"):
        return _csv_rows(data)
    raise SpreadsheetError(_("Only XLSX and CSV files can be imported."))


def _csv_rows(data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SpreadsheetError(
            _(
                "The CSV file is not in UTF-8. Save it again as “CSV UTF-8” (in Excel: "
                "File → Save as → CSV UTF-8) and import that file."
            )
        ) from None
    if "\x00" in text:
        raise SpreadsheetError(_("The CSV file contains binary data."))
    return list(csv.reader(io.StringIO(text)))


def _xlsx_rows(data):
    import openpyxl

    try:
        # The portal's upload policy first: a workbook by content, no ZIP bomb.
        uploads.check_upload(SimpleUploadedFile("results.xlsx", data), uploads.SPREADSHEETS)
    except ValidationError as error:
        raise SpreadsheetError(error.messages[0]) from None
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        sheet = workbook.worksheets[0]
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        workbook.close()
    except Exception:  # openpyxl meets untrusted bytes: any failure means "cannot be read"
        raise SpreadsheetError(_("The XLSX workbook cannot be read; it may be damaged.")) from None
    return rows


def check_rows(rows, required, known):
    """The first problem of the table as a whole: missing or unknown columns, no data, a
    formula (its value is not stored reliably and may hide anything)."""
    rows = [row for row in rows if any(cell not in (None, "") for cell in row)]
    if not rows:
        raise SpreadsheetError(_("The file has no rows."))
    header = [str(cell).strip() if cell is not None else "" for cell in rows[0]]
    missing = [column for column in required if column not in header]
    if missing:
        raise SpreadsheetError(
            _("Columns missing: %(missing)s. Download the template and keep its first row.")
            % {"missing": ", ".join(missing)}
        )
    unknown = [column for column in header if column and column not in known]
    if unknown:
        raise SpreadsheetError(
            _("Unknown columns: %(unknown)s. Download the template and keep its first row.")
            % {"unknown": ", ".join(unknown)}
        )
    if len(rows) < 2:
        raise SpreadsheetError(_("The file has a header but no results."))
    for number, row in enumerate(rows[1:], start=2):
        for column, cell in zip(header, row, strict=False):
            if isinstance(cell, str) and cell.startswith("="):
                raise SpreadsheetError(
                    _(
                        "Row %(row)d, column “%(column)s” holds a formula. Replace formulas "
                        "with their values (Paste special → Values) and import again."
                    )
                    % {"row": number, "column": column}
                )


def import_form_for(resource_class):
    """The admin import form, checking the file against ``resource_class``'s columns."""

    class SpreadsheetImportForm(ImportForm):
        def __init__(self, formats, resources, **kwargs):
            super().__init__(formats, resources, **kwargs)
            self.import_formats = formats

        def clean(self):
            cleaned = super().clean()
            upload = cleaned.get("import_file")
            if upload is None:
                return cleaned
            if self._format_disagrees(upload.name, cleaned.get("format")):
                return cleaned
            if upload.size > MAX_IMPORT_BYTES:
                # Not read into memory at all: the size alone decides.
                self.add_error("import_file", size_message())
                return cleaned
            data = upload.read()
            upload.seek(0)
            try:
                rows = read_rows(upload.name, data)
                check_rows(rows, resource_class.REQUIRED_COLUMNS, resource_class.COLUMNS)
            except SpreadsheetError as error:
                self.add_error("import_file", str(error))
            return cleaned

        def _format_disagrees(self, name, choice):
            # Read as the other format, the file would fail with a library's error name.
            if choice is None:
                return False
            extension = name.rsplit(".", 1)[-1].lower()
            chosen = self.import_formats[int(choice)]().get_extension()
            if extension in ("xlsx", "csv") and extension != chosen:
                self.add_error(
                    "format",
                    _("The file is %(file)s, but the format chosen is %(format)s.")
                    % {"file": extension.upper(), "format": chosen.upper()},
                )
                return True
            return False

    return SpreadsheetImportForm


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def template_workbook(columns, title="Results"):
    """An XLSX file with the import columns in the first row."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(columns)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
