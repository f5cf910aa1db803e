from sendco.accounts.models import ApiToken
from sendco.accounts.roles import Role
from sendco.audit.models import AccessLog
from sendco.chronology.models import ChronologyEntry

from .helpers import attach, make_entry


def _auth(user):
    _, token = ApiToken.issue(user)
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def _body(cast, **overrides):
    return {
        "pupil_id": cast.pupil.pk,
        "occurred_on": "2026-02-03",
        "kind": "observation",
        "category": "Behaviour",
        "title": "Lunchtime observation",
        "body": "Played alone; left the hall twice.",
        "confidentiality": "staff",
        "staff_participant_ids": [cast.user(Role.TA).pk],
    } | overrides


def test_create_read_and_correct_through_the_api(cast, client):
    headers = _auth(cast.user(Role.TEACHER))
    response = client.post("/api/v1/chronology/", _body(cast), content_type="application/json", **headers)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["category"] == "Behaviour" and created["staff_participant_ids"] == [cast.user(Role.TA).pk]
    url = f"/api/v1/chronology/{created['id']}"
    patch = {"version": 1, "reason": "Clarified", "body": "Played alone at lunch."}
    response = client.patch(url, patch, content_type="application/json", **headers)
    assert response.status_code == 200 and response.json()["version"] == 2 and response.json()["edited_at"]
    response = client.patch(url, patch, content_type="application/json", **headers)
    assert response.status_code == 409 and response.json()["current"]["version"] == 2
    assert ChronologyEntry.objects.get().history.count() == 2


def test_bad_input_is_422_with_field_names_and_nothing_saved(cast, client):
    headers = _auth(cast.user(Role.SENCO))
    for overrides, field in [
        ({"category": "Nope"}, "category"),
        ({"kind": "gossip"}, "kind"),
        ({"confidentiality": "public"}, "confidentiality"),
        ({"occurred_on": "2099-01-01"}, "occurred_on"),
        ({"staff_participant_ids": [999999]}, "staff_participant_ids"),
    ]:
        response = client.post(
            "/api/v1/chronology/", _body(cast, **overrides), content_type="application/json", **headers
        )
        assert response.status_code == 422, overrides
        assert field in {d["loc"][-1] for d in response.json()["detail"]}, response.json()
    assert not ChronologyEntry.objects.exists()


def test_attachment_metadata_and_filters(cast, client):
    senco = cast.user(Role.SENCO)
    entry = make_entry(cast.pupil, by=senco, days_ago=100)
    attach(entry, name="minutes.pdf")
    make_entry(cast.unlinked, by=senco, days_ago=1)
    headers = _auth(senco)
    meta = client.get(f"/api/v1/chronology/{entry.pk}/attachments", **headers).json()
    assert meta[0]["original_name"] == "minutes.pdf" and meta[0]["content_type"] == "application/pdf"
    # The files' names are about the pupil: the list is a read of the entry, and logged.
    row = AccessLog.objects.get()
    assert (row.pupil, row.action, row.what) == (
        cast.pupil,
        AccessLog.Action.API_VIEW,
        f"Chronology entry {entry.pk} attachments",
    )
    items = client.get(f"/api/v1/chronology/?pupil_id={cast.pupil.pk}", **headers).json()["items"]
    assert [i["id"] for i in items] == [entry.pk]
    assert client.get("/api/v1/chronology/?date_from=2099-01-01", **headers).json()["items"] == []
    names = {c["name"] for c in client.get("/api/v1/chronology/categories", **headers).json()}
    assert "Behaviour" in names


def test_an_unknown_member_of_staff_is_refused_by_id_without_their_name(cast, client):
    """Issue 20.7: the message named another school's SENCO to a teacher who may not know of them."""
    outsider = cast.other_senco
    outsider.first_name, outsider.last_name = "Ottoline", "Outsider"
    outsider.save()
    response = client.post(
        "/api/v1/chronology/",
        _body(cast, staff_participant_ids=[outsider.pk]),
        content_type="application/json",
        **_auth(cast.user(Role.TEACHER)),
    )
    assert response.status_code == 422
    text = response.content.decode()
    assert "Outsider" not in text and "Ottoline" not in text and "other-senco" not in text
    assert f"User id {outsider.pk}" in text
    assert not ChronologyEntry.objects.exists()
