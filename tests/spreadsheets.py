"""Spreadsheets for the import tests and the admin's import steps: the upload (preview)
and the confirmation, as a methodist goes through them."""

import io

import openpyxl
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation


def admin_url(name):
    with translation.override("uk"):
        return reverse(name)


def csv_file(rows, header, encoding="utf-8"):
    data = tablib.Dataset(*rows, headers=header).export("csv")
    return SimpleUploadedFile("results.csv", data.encode(encoding), content_type="text/csv")


def xlsx_file(rows, header):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("results.xlsx", buffer.getvalue())


def upload(client, file, admin_name):
    """The import form sent, as "app_model" (formats: 0 = XLSX, 1 = CSV): the preview."""
    return client.post(
        admin_url(f"admin:{admin_name}_import"),
        {
            "import_file": file,
            "format": "1" if file.name.endswith(".csv") else "0",
            "resource": "0",
        },
    )


def confirm_import(client, response, admin_name):
    form = response.context["confirm_form"]
    data = {name: form.initial.get(name) for name in form.fields}
    return client.post(admin_url(f"admin:{admin_name}_process_import"), data, follow=True)


def row_errors(result):
    """{row number: its messages joined} of an import result."""
    return {
        row.number: " ".join(
            str(m) for messages in row.error.message_dict.values() for m in messages
        )
        for row in result.invalid_rows
    }


def template_columns(client, admin_name):
    response = client.get(admin_url(f"admin:{admin_name}_template"))
    assert response["Content-Disposition"].startswith("attachment")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [cell.value for cell in sheet[1]]


def reimport_totals(resource_class):
    """What importing the resource's own export would do (a dry run): all "skip" when the
    export reads back as the records it came from."""
    result = resource_class().import_data(resource_class().export(), dry_run=True)
    assert not result.has_errors() and not result.has_validation_errors(), row_errors(result)
    return {name: count for name, count in result.totals.items() if count}
