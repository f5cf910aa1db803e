import io

import openpyxl
import pytest
from django.test import RequestFactory
from pypdf import PdfReader

from sendco.accounts.roles import Role
from sendco.audit.models import AccessLog
from sendco.core.documents import pdf_response, render_pdf, safe_cell, table_export


@pytest.mark.parametrize("value", ["=1+1", "+44", "-2", "@SUM(A1)", "\tx"])
def test_formulas_become_text(value):
    assert safe_cell(value) == "'" + value


def test_plain_values_untouched():
    assert safe_cell("Smith") == "Smith" and safe_cell(5) == 5 and safe_cell(None) is None


def _request(user):
    request = RequestFactory().get("/export", REMOTE_ADDR="10.0.0.9")
    request.user = user
    return request


def test_csv_export_neutralises_and_logs(cast):
    response = table_export(
        _request(cast.user(Role.SENCO)),
        headers=["Name"],
        rows=[['=HYPERLINK("x")'], ["Ann"]],
        fmt="csv",
        filename="register",
        school=cast.school,
        what="Register",
    )
    text = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and response["Content-Disposition"].endswith('register.csv"')
    log = AccessLog.objects.get(action="export")
    assert log.school == cast.school and "2 rows" in log.what


def test_xlsx_export_keeps_formula_as_text(cast):
    response = table_export(
        _request(cast.user(Role.SENCO)),
        headers=["Name", "Year"],
        rows=[["=1+1", 7]],
        fmt="xlsx",
        filename="register",
        school=cast.school,
        what="Register",
    )
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert ws["A2"].value == "'=1+1" and ws["A2"].data_type == "s" and ws["B2"].value == 7


def test_pdf_has_school_pupil_and_page_numbers(cast):
    pdf = render_pdf(
        "documents/base.html", {"school": cast.school, "pupil": cast.pupil, "title": "Test document"}
    )
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert (
        "Test document" in text
        and cast.school.name in text
        and cast.pupil.upn in text
        and "Page 1 of 1" in text
    )


def test_pdf_download_is_logged(cast):
    response = pdf_response(
        _request(cast.user(Role.SENCO)),
        "documents/base.html",
        {"school": cast.school, "pupil": cast.pupil, "title": "T"},
        filename="t.pdf",
        pupil=cast.pupil,
        what="Test PDF",
    )
    assert response["Content-Type"] == "application/pdf"
    assert AccessLog.objects.filter(pupil=cast.pupil, action="download", what="Test PDF").exists()
