"""The exams officer's lists: extra time figures, what is (not) shown, exports."""

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from sendco.access_arrangements import selectors_centre as centre
from sendco.accounts.roles import Role
from sendco.audit.models import AccessLog
from tests import factories as f

from .centre_data import make_arrangement, make_series


def _setup(cast):
    series = make_series(cast.school)
    make_arrangement(cast.pupil, "extra_time_25")
    make_arrangement(cast.pupil, "separate_invigilation", status="proposed")  # delegated, decided
    make_arrangement(cast.pupil, "reader", status="applied")  # not in use yet
    hostile = f.PupilFactory(
        school=cast.school, nc_year=10, legal_forename="=HYPERLINK(1)", legal_surname="X"
    )
    make_arrangement(hostile, "rest_breaks")
    return series


def test_extra_time_figures(cast):
    series = _setup(cast)
    candidates = centre.exam_list(cast.user(Role.EXAMS_OFFICER), series)
    mine = next(c for c in candidates if c.pupil == cast.pupil)
    assert mine.extra_time == 25 and mine.separate_room and not mine.reader
    assert {(t.paper.duration_minutes, t.original, t.extended) for t in mine.papers} == {
        (90, "1 h 30", "1 h 53"),
        (105, "1 h 45", "2 h 12"),
    }


def test_day_and_session_filter(cast):
    series = _setup(cast)
    day = series.first_exam_on
    am = centre.exam_list(cast.user(Role.EXAMS_OFFICER), series, day=day, session="am")
    assert all(len(c.papers) == 1 and c.papers[0].paper.session == "am" for c in am)
    later = centre.exam_list(cast.user(Role.EXAMS_OFFICER), series, day=series.last_exam_on)
    assert later == []


def test_page_shows_no_sen_detail(cast, client):
    _setup(cast)
    client.force_login(cast.user(Role.EXAMS_OFFICER))
    response = client.get(reverse("aa-exam-list"))
    body = response.content.decode()
    assert response.status_code == 200 and "1 h 53" in body and "Linked Learner" in body
    for word in ("Form 8", "SPLD", "Specific learning", "score", "Reader</td>"):
        assert word not in body
    assert AccessLog.objects.filter(action="list", what__contains="Summer exams").exists()


def test_xlsx_export(cast, client):
    _setup(cast)
    client.force_login(cast.user(Role.EXAMS_OFFICER))
    response = client.get(reverse("aa-exam-list") + "?export=xlsx")
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.values)
    assert list(rows[0]) == centre.EXPORT_HEADERS
    names = [r[0] for r in rows[1:]]
    assert "Linked Learner" in names and "'=HYPERLINK(1) X" in names
    assert any("1 h 53" in (r[4] or "") for r in rows[1:])
    assert AccessLog.objects.filter(action="export", what__contains="XLSX").exists()


def test_csv_export(cast, client):
    _setup(cast)
    client.force_login(cast.user(Role.SENCO))
    response = client.get(reverse("aa-exam-list") + "?export=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == centre.EXPORT_HEADERS
    assert all(not r[0].startswith("=") for r in rows[1:])
    mine = next(r for r in rows if r[0] == "Linked Learner")
    assert mine[3] == "25%" and mine[5] == "Yes" and mine[6] == "No"


def test_pdf_exports(cast, client):
    _setup(cast)
    client.force_login(cast.user(Role.EXAMS_OFFICER))
    response = client.get(reverse("aa-exam-list") + "?export=pdf")
    assert response.content.startswith(b"%PDF")
    client.force_login(cast.user(Role.HEAD))
    response = client.get(reverse("aa-inspection-pdf"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert AccessLog.objects.filter(
        action="export", what__startswith="Access arrangements inspection"
    ).exists()
