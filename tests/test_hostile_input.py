"""Bad input gets a clear refusal (400 on a page, 422 from the API), never a 500: the cases
found by probing (issue 20.8), each reproduced against the fixed cast."""

from __future__ import annotations

import json

import pytest

from sendco.accounts.models import ApiToken
from tests.provision.fixtures import provision_setup

pytestmark = pytest.mark.django_db


def _api(client, cast, role="senco"):
    _, token = ApiToken.issue(cast.user(role))
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def _new_pupil(cast, **changes):
    return {
        "school_urn": cast.school.urn,
        "upn": "B801200005001",
        "legal_forename": "New",
        "legal_surname": "Starter",
        "date_of_birth": "2015-05-01",
        "sex": "M",
        "nc_year": 7,
        "admission_date": "2026-09-01",
        **changes,
    }


def _post_json(client, url, raw: str, headers):
    return client.post(url, raw, content_type="application/json", **headers)


# ------------------------------------------------------------------ characters


def test_unpaired_surrogate_in_an_api_string_is_refused_with_422(client, cast):
    # json.dumps writes the lone surrogate as the escape \ud800, as a hostile client would.
    raw = json.dumps(_new_pupil(cast, legal_forename="\ud800"))
    response = _post_json(client, "/api/v1/pupils/", raw, _api(client, cast))
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail[0]["loc"] == ["body", "legal_forename"]
    assert "character" in detail[0]["msg"]


def test_surrogate_in_a_json_key_or_nested_value_is_refused(client, cast):
    raw = json.dumps({**_new_pupil(cast), "extra": [{"\udfff": "x"}]})
    response = _post_json(client, "/api/v1/pupils/", raw, _api(client, cast))
    assert response.status_code == 422


def test_nul_in_an_api_string_is_refused_with_422(client, cast):
    raw = json.dumps(_new_pupil(cast, legal_surname="Sta\x00rter"))
    response = _post_json(client, "/api/v1/pupils/", raw, _api(client, cast))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "legal_surname"]


def test_nul_in_a_query_parameter_is_refused_with_400(client, cast):
    # PostgreSQL cannot store or compare a NUL in text: the search would fail in the database.
    client.force_login(cast.user("senco"))
    response = client.get("/pupils/?q=Lear%00ner")
    assert response.status_code == 400
    assert b"character" in response.content


def test_nul_in_a_form_field_is_refused_with_400(client, cast):
    client.force_login(cast.user("senco"))
    response = client.post("/pupils/?q=x", {"legal_forename": "A\x00"})
    assert response.status_code == 400


def test_nul_in_an_api_query_parameter_is_refused_with_422(client, cast):
    response = client.get("/api/v1/pupils/?q=a%00b", **_api(client, cast))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "q"]


def test_a_multipart_upload_with_binary_content_still_works(client, cast):
    """Only text fields are checked: a file's bytes may hold anything (NULs in a PDF)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(cast.user("senco"))
    upload = SimpleUploadedFile("x.bin", b"\x00\xff\xfe binary", content_type="application/octet-stream")
    response = client.post(f"/pupils/{cast.pupil.pk}/photo/", {"photo": upload})
    assert response.status_code != 400 and response.status_code < 500


# ------------------------------------------------------------------ dates in query parameters


def test_census_page_far_future_date_is_400(client, cast):
    client.force_login(cast.user("senco"))
    response = client.get("/register/census/?date=9999-12-31")
    assert response.status_code == 400
    assert b"date" in response.content


def test_census_page_far_future_year_is_400(client, cast):
    client.force_login(cast.user("senco"))
    assert client.get("/register/census/?year=9999&term=autumn").status_code == 400


def test_terms_page_negative_year_is_400(client, cast):
    client.force_login(cast.user("senco"))
    response = client.get("/provision/terms/?year=-1")
    assert response.status_code == 400
    assert b"year" in response.content


def test_group_register_far_future_date_is_400_for_a_ta(client, cast):
    group = provision_setup(cast)["linked"]
    client.force_login(cast.user("ta"))
    response = client.get(f"/provision/groups/{group.pk}/register/?date=9999-12-31")
    assert response.status_code == 400


def test_budget_far_future_year_is_400(client, cast):
    provision_setup(cast)
    client.force_login(cast.user("senco"))
    assert client.get("/provision/budget/?year=9999").status_code == 400
    assert client.get("/provision/budget/report.pdf?year=9999").status_code == 400


def test_api_census_far_future_date_is_422(client, cast):
    response = client.get("/api/v1/register/census?date=9999-12-31", **_api(client, cast))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "date"]


# ------------------------------------------------------------------ dates in bodies


def test_api_plan_cycle_far_future_start_is_422(client, cast):
    raw = json.dumps({"start_date": "9999-12-31"})
    response = _post_json(client, f"/api/v1/plans/pupils/{cast.pupil.pk}/cycles", raw, _api(client, cast))
    assert response.status_code == 422


def test_api_assessment_request_far_future_date_is_422(client, cast):
    body = {"pupil_id": cast.pupil.pk, "la_name": "API LA", "request_made": "9999-12-31"}
    response = _post_json(client, "/api/v1/statutory/requests/", json.dumps(body), _api(client, cast))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "request_made"


def test_pupil_form_far_future_date_is_a_form_error(client, cast):
    client.force_login(cast.user("senco"))
    response = client.get(f"/pupils/{cast.pupil.pk}/edit/")
    form = response.context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and not hasattr(v, "pk")}
    data.update(leaving_date="9999-12-31", version=cast.pupil.version, reason="test")
    response = client.post(f"/pupils/{cast.pupil.pk}/edit/", data)
    assert response.status_code == 200
    assert "between 1 January 1900" in str(response.context["form"].errors["leaving_date"])


def _sendco_form_classes():
    from django import forms

    from sendco.apps_registry import app_modules

    app_modules("forms")  # import every app's forms
    seen, todo = set(), [forms.BaseForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    return [c for c in seen if c.__module__.startswith("sendco.")]


def test_every_form_with_a_date_field_bounds_its_dates():
    from django import forms

    from sendco.core.input_bounds import BoundedDates

    unbounded = sorted(
        f"{c.__module__}.{c.__name__}"
        for c in _sendco_form_classes()
        if any(isinstance(f, forms.DateField) for f in getattr(c, "base_fields", {}).values())
        and not issubclass(c, BoundedDates)
    )
    assert not unbounded, f"forms with unbounded dates (add core.input_bounds.BoundedDates): {unbounded}"
