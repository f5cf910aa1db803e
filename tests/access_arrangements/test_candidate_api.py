"""Candidate API: narrow list, detail with gaps, 409 on a stale version, 422 with field errors, 404s."""

import pytest

from sendco.access_arrangements.models import Arrangement
from sendco.accounts.models import ApiToken
from sendco.accounts.roles import Role

from .candidate_helpers import arrangement, form8

pytestmark = pytest.mark.django_db
A = "/api/v1/access-arrangements"


def _auth(cast, role):
    _, token = ApiToken.issue(cast.user(role))
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_exams_officer_gets_narrow_list(cast, client):
    arrangement(cast.pupil, approval_reference="REF-1", notes="Anxiety")
    body = client.get(f"{A}/pupils/{cast.pupil.pk}/arrangements", **_auth(cast, Role.EXAMS_OFFICER)).json()
    assert body[0]["label"] == "25% extra time" and body[0]["extra_time"] == 25
    assert "approval_reference" not in body[0] and "notes" not in body[0] and "gaps" not in body[0]


def test_detail_has_gaps_for_senco_and_404_for_exams_officer(cast, client):
    a = arrangement(cast.pupil, form8=form8(cast.pupil))
    response = client.get(f"{A}/arrangements/{a.pk}", **_auth(cast, Role.SENCO))
    codes = {g["code"] for g in response.json()["gaps"]}
    assert "normal_way" in codes and "part2" in codes
    assert client.get(f"{A}/arrangements/{a.pk}", **_auth(cast, Role.EXAMS_OFFICER)).status_code == 404


def test_put_stale_version_409_and_bad_input_422(cast, client):
    a = arrangement(cast.pupil)
    auth = _auth(cast, Role.SENCO)
    url = f"{A}/arrangements/{a.pk}"
    stale = client.put(url, {"version": 7, "kind": "reader"}, content_type="application/json", **auth)
    assert stale.status_code == 409 and stale.json()["current"]["version"] == 1
    bad = client.put(url, {"version": 1, "kind": "other"}, content_type="application/json", **auth)
    assert bad.status_code == 422 and "other_label" in bad.content.decode()
    a.refresh_from_db()
    assert a.kind == "extra_time_25" and a.version == 1


def test_post_for_unseen_pupil_404_nothing_saved(cast, client):
    response = client.post(
        f"{A}/pupils/{cast.other_pupil.pk}/arrangements", {"kind": "reader"},
        content_type="application/json", **_auth(cast, Role.SENCO),
    )  # fmt: skip
    assert response.status_code == 404 and Arrangement.objects.count() == 0


def test_decision_expiry_before_decision_422(cast, client):
    a = arrangement(cast.pupil)
    response = client.post(
        f"{A}/arrangements/{a.pk}/decision",
        {"version": 1, "decided_on": "2025-10-01", "expires_on": "2025-09-01"},
        content_type="application/json", **_auth(cast, Role.SENCO),
    )  # fmt: skip
    assert response.status_code == 422 and "expires_on" in response.content.decode()
    a.refresh_from_db()
    assert a.decided_on is None


def test_form8_read_and_request_for_staff_only(cast, client):
    a = arrangement(cast.pupil, form8=form8(cast.pupil))
    body = client.get(f"{A}/pupils/{cast.pupil.pk}/form-8", **_auth(cast, Role.HEAD)).json()
    assert body["history_of_need"].startswith("Slow reader") and body["scores"] == []
    assert (
        client.get(f"{A}/pupils/{cast.pupil.pk}/form-8", **_auth(cast, Role.EXAMS_OFFICER)).status_code == 404
    )
    url = f"{A}/arrangements/{a.pk}/normal-way-requests"
    bad = client.post(
        url, {"requested_from_id": cast.user(Role.PARENT).pk}, content_type="application/json",
        **_auth(cast, Role.SENCO),
    )  # fmt: skip
    assert bad.status_code == 422 and "requested_from" in bad.content.decode()
    assert not a.normal_way.exists()
