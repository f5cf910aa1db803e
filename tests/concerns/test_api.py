from sendco.accounts.models import ApiToken
from sendco.accounts.roles import Role
from sendco.audit.models import AccessLog
from sendco.concerns.models import Concern
from sendco.register.models import SenStatus

from . import helpers as h


def _auth(user):
    _, token = ApiToken.issue(user)
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_raise_read_and_decide_through_the_api(cast, client):
    body = {
        "pupil_id": cast.unlinked.pk,
        "categories": ["Communication and interaction"],
        "observations": "Rarely speaks in class.",
        "strategies_tried": "Talk partners; pre-teaching vocabulary.",
        "rating_communication": 4,
    }
    senco = _auth(cast.user(Role.SENCO))
    response = client.post("/api/v1/concerns/", body, content_type="application/json", **senco)
    assert response.status_code == 201, response.content
    concern = response.json()
    assert concern["categories"] == ["Communication and interaction"] and concern["rating_communication"] == 4
    url = f"/api/v1/concerns/{concern['id']}"
    decision = {"version": 1, "decision": "sen_support", "need_types": ["SLCN"]}
    response = client.post(url + "/decision", decision, content_type="application/json", **senco)
    assert response.status_code == 422 and response.json()["detail"][0]["loc"][-1] == "parents_told_on"
    decision["parents_told_on"] = concern["created_at"][:10]
    response = client.post(url + "/decision", decision, content_type="application/json", **senco)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "decided" and response.json()["sen_status_id"]
    assert SenStatus.objects.get(pk=response.json()["sen_status_id"]).pupil_id == cast.unlinked.pk
    stale = client.patch(url, {"version": 1, "subjects": "x"}, content_type="application/json", **senco)
    assert stale.status_code == 409


def test_bad_input_is_422_with_field_names(cast, client):
    teacher = _auth(cast.user(Role.TEACHER))
    base = {"pupil_id": cast.pupil.pk, "categories": ["Cognition and learning"], "observations": "x"}
    for body, field in [
        (base | {"strategies_tried": ""}, "strategies_tried"),
        (base | {"strategies_tried": "y", "categories": ["Astrology"]}, "categories"),
        (base | {"strategies_tried": "y", "categories": []}, "categories"),
        (base | {"strategies_tried": "y", "rating_literacy": 7}, "rating_literacy"),
    ]:
        response = client.post("/api/v1/concerns/", body, content_type="application/json", **teacher)
        assert response.status_code == 422, body
        assert field in {d["loc"][-1] for d in response.json()["detail"]}
    assert not Concern.objects.exists()
    concern = h.make_concern(cast.pupil, by=cast.user(Role.TEACHER))
    response = client.post(
        f"/api/v1/concerns/{concern.pk}/decision",
        {"version": 1, "decision": "refer"},
        content_type="application/json",
        **_auth(cast.user(Role.SENCO)),
    )
    assert response.status_code == 422
    assert {"agency", "agency_reason"} <= {d["loc"][-1] for d in response.json()["detail"]}


def test_evidence_metadata(cast, client):
    concern = h.make_concern(cast.pupil, by=cast.user(Role.TEACHER))
    h.add_evidence(concern)
    items = client.get(f"/api/v1/concerns/{concern.pk}/evidence", **_auth(cast.user(Role.TEACHER))).json()
    assert items[0]["original_name"] == "reading-sample.pdf" and items[0]["size"] > 0
    # The files' names are about the pupil: the list is a read of the concern, and logged.
    row = AccessLog.objects.get()
    assert (row.pupil, row.action, row.what) == (
        cast.pupil,
        AccessLog.Action.API_VIEW,
        f"Concern #{concern.pk} evidence",
    )
