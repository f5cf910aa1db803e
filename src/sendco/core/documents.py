"""Printable documents: PDF through WeasyPrint and spreadsheets/CSV, with every download of a
named pupil's document written to the access log.

Templates extend "documents/base.html" (A4, school name and logo, running footer with the
pupil and page numbers, accessible sans-serif type)."""

from __future__ import annotations

import base64
import csv
import io
import mimetypes
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify

from sendco.audit.models import AccessLog
from sendco.audit.services import Read

# A spreadsheet cell starting with one of these is a formula: prefix it so it stays text.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def school_logo_data_uri(school) -> str | None:
    """The logo as a data URI, so WeasyPrint never fetches a URL."""
    if not getattr(school, "logo", None):
        return None
    try:
        data = school.logo.read()
    except (OSError, ValueError):
        return None
    kind = mimetypes.guess_type(school.logo.name)[0] or "image/png"
    return f"data:{kind};base64,{base64.b64encode(data).decode()}"


def render_pdf(template: str, context: dict, *, request=None) -> bytes:
    from weasyprint import HTML  # imported late: it loads Pango, which the web pages do not need

    school = context.get("school")
    html = render_to_string(
        template, {"logo": school_logo_data_uri(school) if school else None, **context}, request
    )

    def no_network(url, *args, **kwargs):
        raise ValueError(f"documents may not load external resources ({url[:60]})")

    return HTML(string=html, url_fetcher=no_network).write_pdf()


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def pdf_response(
    request, template: str, context: dict, *, filename: str, pupil=None, what: str = ""
) -> HttpResponse:
    content = render_pdf(template, context, request=request)
    if pupil is not None:
        Read.as_(request, AccessLog.Action.DOWNLOAD, what or filename).record(pupil)
    return _download(content, filename, "application/pdf")


def docx_response(request, document, *, filename: str, pupil=None, what: str = "") -> HttpResponse:
    buffer = io.BytesIO()
    document.save(buffer)
    if pupil is not None:
        Read.as_(request, AccessLog.Action.DOWNLOAD, what or filename).record(pupil)
    return _download(
        buffer.getvalue(), filename, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )


def table_export(
    request,
    *,
    headers: Sequence[str],
    rows: Iterable[Sequence],
    fmt: str,
    filename: str,
    school=None,
    pupil=None,
    what: str,
    sheet_title: str = "Export",
    more_sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence]]] = (),
) -> HttpResponse:
    """A CSV or XLSX download of a table, formulas neutralised, logged as an export (against
    ``pupil`` when it is about one child, so it shows in their audit tab). ``more_sheets``
    (title, headers, rows) become further worksheets of an XLSX; a CSV has the first table only."""
    rows = [[safe_cell(v) for v in row] for row in rows]
    Read.as_(request, AccessLog.Action.EXPORT, f"{what} ({len(rows)} rows, {fmt.upper()})").record(
        pupil, school=school
    )
    stem = slugify(filename) or "export"
    if fmt == "xlsx":
        from openpyxl import Workbook
        from openpyxl.styles import Font

        wb = Workbook()
        wb.remove(wb.active)
        for title, sheet_headers, sheet_rows in [(sheet_title, headers, rows), *more_sheets]:
            ws = wb.create_sheet(title[:31])
            ws.append(list(sheet_headers))
            for cell in ws[1]:
                cell.font = Font(bold=True)
            for row in sheet_rows:
                ws.append([safe_cell(v) for v in row])
            money_columns = {i for i, h in enumerate(sheet_headers) if "(£)" in str(h)}
            for row in ws.iter_rows(min_row=2):
                for i, cell in enumerate(row):
                    if isinstance(cell.value, str):
                        cell.data_type = "s"  # never let a string become a formula
                    elif i in money_columns:
                        cell.number_format = "£#,##0.00"
            ws.freeze_panes = "A2"
        buffer = io.BytesIO()
        wb.save(buffer)
        return _download(
            buffer.getvalue(),
            f"{stem}.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(headers)
    writer.writerows(rows)
    # A byte-order mark makes Excel read the file as UTF-8 (names with accents).
    return _download(("\ufeff" + text.getvalue()).encode(), f"{stem}.csv", "text/csv; charset=utf-8")
