import pytest

from sendco.accounts.models import ApiToken
from sendco.accounts.roles import Role
from sendco.core.models import Pupil

from . import factories as f


@pytest.fixture
def api(cast, client):
    _, key = ApiToken.issue(cast.user(Role.SENCO))

    class Api:
        def get(self, url, **params):
            return client.get(url, params, HTTP_AUTHORIZATION=f"Bearer {key}")

        def post(self, url, body):
            return client.post(url, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")

        def patch(self, url, body):
            return client.patch(
                url, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
            )

    return Api()


NEW = {
    "upn": "B801200005001",
    "legal_forename": "Api",
    "legal_surname": "Made",
    "date_of_birth": "2014-05-01",
    "sex": "M",
    "nc_year": 7,
    "admission_date": "2025-09-01",
}


def test_list_is_paginated_and_filterable(cast, api):
    for _ in range(3):
        f.PupilFactory(school=cast.school, nc_year=8)
    page = api.get("/api/v1/pupils/", limit=2).json()
    assert page["count"] == 5 and len(page["items"]) == 2
    year8 = api.get("/api/v1/pupils/", year=8).json()
    assert year8["count"] == 3
    on_k = api.get("/api/v1/pupils/", sen_status="K").json()
    assert [p["id"] for p in on_k["items"]] == [cast.pupil.pk]
    assert on_k["items"][0]["current_needs"][0]["need_type"] == "SPLD"
    assert api.get("/api/v1/pupils/", school=cast.other.urn).json()["count"] == 0


def test_detail(cast, api):
    body = api.get(f"/api/v1/pupils/{cast.pupil.pk}").json()
    assert (
        body["upn"] == cast.pupil.upn and body["school_urn"] == cast.school.urn and body["sen_status"] == "K"
    )


def test_create(cast, api):
    response = api.post("/api/v1/pupils/", NEW | {"school_urn": cast.school.urn})
    assert response.status_code == 201, response.content
    assert Pupil.objects.get(upn="B801200005001").school == cast.school


@pytest.mark.parametrize(
    "change,field",
    [
        ({"upn": "A801200005001"}, "upn"),
        ({"date_of_birth": "2099-01-01"}, "date_of_birth"),
        ({"leaving_date": "2020-01-01"}, "leaving_date"),
        ({"sex": "X"}, "sex"),
        ({"school_urn": "999999"}, "school_urn"),
    ],
)
def test_create_validation_errors_name_the_field(cast, api, change, field):
    response = api.post("/api/v1/pupils/", NEW | {"school_urn": cast.school.urn} | change)
    assert response.status_code == 422
    assert field in [d["loc"][-1] for d in response.json()["detail"]]
    assert not Pupil.objects.filter(upn__in=["B801200005001", "A801200005001"]).exists()


def test_create_malformed_json_types(cast, api):
    response = api.post(
        "/api/v1/pupils/", NEW | {"school_urn": cast.school.urn, "date_of_birth": "yesterday"}
    )
    assert response.status_code == 422
    assert "date_of_birth" in str(response.json()["detail"])


def test_duplicate_upn_is_422(cast, api):
    response = api.post("/api/v1/pupils/", NEW | {"school_urn": cast.school.urn, "upn": cast.pupil.upn})
    assert response.status_code == 422 and "upn" in str(response.json())


def test_update_and_version_conflict(cast, api):
    url = f"/api/v1/pupils/{cast.pupil.pk}"
    first = api.patch(url, {"version": 1, "reg_group": "10B"})
    assert first.status_code == 200 and first.json()["version"] == 2 and first.json()["reg_group"] == "10B"
    stale = api.patch(url, {"version": 1, "reg_group": "10C"})
    assert stale.status_code == 409 and stale.json()["current"]["reg_group"] == "10B"
    cast.pupil.refresh_from_db()
    assert cast.pupil.reg_group == "10B"


def test_update_keeps_unnamed_fields(cast, api):
    cast.pupil.eal = True
    cast.pupil.save()
    api.patch(f"/api/v1/pupils/{cast.pupil.pk}", {"version": 1, "reg_group": "10B"})
    cast.pupil.refresh_from_db()
    assert cast.pupil.eal is True


def test_bad_token_is_401(client, db):
    assert client.get("/api/v1/pupils/", HTTP_AUTHORIZATION="Bearer nonsense").status_code == 401


def test_revoked_token_is_401(cast, client):
    from django.utils import timezone

    token, key = ApiToken.issue(cast.user(Role.SENCO))
    token.revoked_at = timezone.now()
    token.save()
    assert client.get("/api/v1/pupils/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_openapi_schema(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "sendco API"
    assert (
        "/api/v1/pupils/" in schema["paths"]
        and "bearer" in str(schema["components"]["securitySchemes"]).lower()
    )
