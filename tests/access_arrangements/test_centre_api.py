"""The centre API: 422 with the field named, 409 on a stale version, narrow exam-list fields,
the centre check's gaps."""

import datetime as dt

import pytest

from sendco.access_arrangements.models import ExamSeries
from sendco.accounts.models import ApiToken
from sendco.accounts.roles import Role

from .centre_data import make_arrangement, make_assessor, make_series, today

A = "/api/v1/access-arrangements"


@pytest.fixture
def api(client, cast):
    def call(role, method, path, body=None):
        _, token = ApiToken.issue(cast.user(role))
        kwargs = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
        if method == "get":
            return client.get(A + path, **kwargs)
        return getattr(client, method)(A + path, body or {}, content_type="application/json", **kwargs)

    return call


def test_series_422_and_409(api, cast):
    first = today() + dt.timedelta(days=40)
    body = {
        "name": "S",
        "first_exam_on": str(first),
        "last_exam_on": str(first - dt.timedelta(days=2)),
        "application_deadline": str(first),
    }
    response = api(Role.SENCO, "post", "/series", body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "last_exam_on"]
    assert not ExamSeries.objects.exists()
    body["last_exam_on"] = str(first + dt.timedelta(days=5))
    created = api(Role.EXAMS_OFFICER, "post", "/series", body)
    assert created.status_code == 201
    sid = created.json()["id"]
    assert api(Role.SENCO, "patch", f"/series/{sid}", {"version": 1, "name": "T"}).json()["version"] == 2
    stale = api(Role.SENCO, "patch", f"/series/{sid}", {"version": 1, "name": "U"})
    assert stale.status_code == 409 and stale.json()["current"]["name"] == "T"


def test_assessor_check_and_flags(api, cast):
    assessor = make_assessor(cast.school)
    listed = api(Role.HEAD, "get", "/assessors").json()
    assert "The head of centre has not checked the assessor's qualification." in listed[0]["problems"]
    future = str(today() + dt.timedelta(days=1))
    bad = api(Role.HEAD, "post", f"/assessors/{assessor.pk}/check", {"version": 1, "checked_on": future})
    assert bad.status_code == 422
    ok = api(Role.HEAD, "post", f"/assessors/{assessor.pk}/check", {"version": 1, "checked_on": str(today())})
    assert ok.status_code == 200 and ok.json()["problems"] == []
    assert api(Role.EXAMS_OFFICER, "get", "/assessors").status_code == 404


def test_centre_check_and_exam_list(api, cast):
    series = make_series(cast.school)
    make_arrangement(cast.pupil, "extra_time_25")
    check = api(Role.SENCO, "get", "/centre-check").json()
    assert check["total"] == 1 and check["with_gaps"] == 1
    assert {"part1", "part2"} <= {g["code"] for g in check["arrangements"][0]["gaps"]}
    assert api(Role.EXAMS_OFFICER, "get", "/centre-check").status_code == 404
    listed = api(
        Role.EXAMS_OFFICER, "get", f"/series/{series.pk}/exam-list?session=am&day={series.first_exam_on}"
    )
    [candidate] = listed.json()
    assert candidate["papers"] == [
        {
            "paper_id": series.papers.get(session="am").pk,
            "title": "GCSE English Language Paper 1",
            "minutes": 90,
            "with_extra_time": "1 h 53",
        }
    ]
    assert set(candidate) == {
        "pupil_id",
        "name",
        "nc_year",
        "extra_time_percent",
        "separate_room",
        "reader",
        "scribe",
        "rest_breaks",
        "other",
        "papers",
    }
