"""The statutory API: deadlines with kind, due date, status and rule; validation; conflicts."""

import pytest

from sendco.accounts.models import ApiToken
from sendco.accounts.roles import Role
from sendco.statutory.models import AssessmentRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, cast):
    _, token = ApiToken.issue(cast.user(Role.SENCO))
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}

    def call(method, url, body=None):
        if method == "get":
            return client.get("/api/v1/statutory" + url, **headers)
        return getattr(client, method)(
            "/api/v1/statutory" + url, body or {}, content_type="application/json", **headers
        )

    return call


def test_pupil_deadlines_carry_kind_status_and_rule(api, cast, records):
    items = api("get", f"/pupils/{cast.pupil.pk}/deadlines").json()
    review = next(d for d in items if d["rule"] == "annual_review" and d["met_on"] is None)
    assert review["kind"] == "plan"
    assert review["citation"] == "Children and Families Act 2014 s44(1)"
    assert review["status"] in {"upcoming", "due", "overdue"}
    assert "day before the anniversary" in review["interpretation"]
    assert {d["status"] for d in items} >= {"met"}


def test_plan_detail_has_sections_outcomes_provision(api, records):
    body = api("get", f"/plans/{records['plan'].pk}").json()
    assert [s["code"] for s in body["sections"]][:2] == ["a", "b"]
    assert body["sections"][0]["name"].startswith("Section A")
    assert body["provision"][0]["frequency"] == "3 times a week"
    assert body["deadlines"]


def test_create_request_with_bad_dates_is_422_and_saves_nothing(api, cast):
    response = api(
        "post",
        "/requests/",
        {
            "pupil_id": cast.pupil.pk,
            "la_name": "Leeds",
            "request_made": "2026-09-10",
            "request_received": "2026-09-01",
        },
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "request_received"]
    assert not AssessmentRequest.objects.exists()


def test_patch_with_stale_version_is_409(api, records):
    response = api("patch", f"/requests/{records['request'].pk}", {"made_by_name": "X", "version": 99})
    assert response.status_code == 409


def test_patch_keeps_unsent_fields(api, records):
    response = api("patch", f"/plans/{records['plan'].pk}", {"named_setting": "Alder", "version": 1})
    assert response.status_code == 200
    assert response.json()["la_name"] == "Leeds" and response.json()["named_setting"] == "Alder"


def test_review_before_plan_is_422(api, records):
    response = api("post", f"/plans/{records['plan'].pk}/reviews", {"meeting_date": "2020-01-01"})
    assert response.status_code == 422


def test_counts_have_no_pupil_data(client, cast, records):
    _, token = ApiToken.issue(cast.user(Role.TRUST_OFFICER))
    body = client.get("/api/v1/statutory/counts", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert set(body) == {"by_school", "by_kind", "by_la"}
    assert cast.pupil.legal_surname not in str(body)


def test_plan_list_queries_do_not_grow_with_rows(api, cast):
    import datetime as dt

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sendco.statutory.models import EhcPlan

    from .. import factories as f

    def add(n):
        for _ in range(n):
            pupil = f.PupilFactory(school=cast.school)
            EhcPlan.objects.create(
                pupil=pupil, school=cast.school, la_name="Leeds", issued_on=dt.date(2026, 1, 5)
            )

    add(5)
    with CaptureQueriesContext(connection) as small:
        assert len(api("get", "/plans/").json()) == 5
    add(45)
    with CaptureQueriesContext(connection) as large:
        assert len(api("get", "/plans/").json()) == 50
    assert len(small.captured_queries) == len(large.captured_queries)
