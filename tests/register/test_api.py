import datetime as dt

from sendco.accounts.models import ApiToken
from sendco.accounts.roles import Role
from sendco.domain.census import census_day

TODAY = dt.date.today()


def _auth(cast, role=Role.SENCO):
    _, key = ApiToken.issue(cast.user(role))
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_register_rows_and_filters(cast, client):
    auth = _auth(cast)
    body = client.get("/api/v1/register/", **auth).json()
    assert [i["id"] for i in body["items"]] == [cast.pupil.pk]
    assert body["items"][0]["primary_need"] == "SPLD" and body["items"][0]["added_on"] == "2024-09-01"
    assert client.get("/api/v1/register/", {"need": "ASD"}, **auth).json()["count"] == 0


def test_status_and_needs_round_trip_with_version(cast, client):
    auth = _auth(cast)
    url = f"/api/v1/register/pupils/{cast.unlinked.pk}"
    version = client.get(f"{url}/statuses", **auth).json()["version"]
    bad = client.post(
        f"{url}/statuses",
        {"code": "K", "start_date": TODAY.isoformat(), "reason": "x"},
        content_type="application/json",
        **auth,
    )
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "needs"]
    ok = client.post(
        f"{url}/statuses",
        {
            "code": "K",
            "start_date": TODAY.isoformat(),
            "reason": "Assessed",
            "needs": [{"need_type": "MLD", "rank": 1}],
            "version": version,
        },
        content_type="application/json",
        **auth,
    )
    assert ok.status_code == 201 and ok.json()["code"] == "K"
    stale = client.put(
        f"{url}/needs",
        {"needs": [{"need_type": "ASD", "rank": 1}], "on": TODAY.isoformat(), "version": version},
        content_type="application/json",
        **auth,
    )
    assert stale.status_code == 409
    needs = client.get(f"{url}/needs", **auth).json()
    assert [(n["need_type"], n["end_date"]) for n in needs["needs"]] == [("MLD", None)]


def test_census_endpoint(cast, client):
    day = census_day("autumn", 2025)
    body = client.get("/api/v1/register/census", {"date": day.isoformat()}, **_auth(cast)).json()
    assert body["pupils"] == [
        {
            "pupil_id": cast.pupil.pk,
            "upn": cast.pupil.upn,
            "provision": "K",
            "primary_need": "SPLD",
            "secondary_need": None,
            "further_needs": [],
            "problems": [],
        }
    ]
    wrong = client.get("/api/v1/register/census", {"date": "2025-10-03"}, **_auth(cast))
    assert wrong.status_code == 422


def test_teacher_reads_history_but_cannot_write(cast, client):
    auth = _auth(cast, Role.TEACHER)
    url = f"/api/v1/register/pupils/{cast.pupil.pk}"
    assert client.get(f"{url}/statuses", **auth).status_code == 200
    response = client.post(
        f"{url}/statuses",
        {"code": "N", "start_date": TODAY.isoformat(), "reason": "x"},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 404
