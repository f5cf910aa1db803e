"""The directory API (/api/v1/agencies/): entries, traded time and visits; refusals look like
absence (404), bad input answers 422 naming the field and saves nothing, stale versions 409."""

import datetime as dt

import pytest
from django.utils import timezone

from sendco.accounts.models import ApiToken
from sendco.accounts.roles import Role
from sendco.agencies.models import Agency, AgencyPurchase, Visit

BASE = "/api/v1/agencies"


@pytest.fixture
def api(client, cast):
    def call(method, path, body=None, role=Role.SENCO):
        _, token = ApiToken.issue(cast.user(role))
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
        if method == "get":
            return client.get(BASE + path, body or {}, **headers)
        return getattr(client, method)(BASE + path, body or {}, content_type="application/json", **headers)

    return call


def _entry(cast, **kw):
    values = {"school": cast.school, "name": "Leeds SALT", "kind": "salt"} | kw
    return Agency.objects.create(**values)


def _fields(response) -> set:
    return {d["loc"][-1] for d in response.json()["detail"]}


def test_list_shows_own_and_shared_entries_and_filters(api, cast):
    _entry(cast)
    _entry(cast, school=None, organisation=cast.trust, name="Trust OT", kind="ot")
    _entry(cast, school=cast.other, name="Elsewhere")
    names = {a["name"] for a in api("get", "/", role=Role.TEACHER).json()}
    assert names == {"Leeds SALT", "Trust OT"}
    assert [a["name"] for a in api("get", "/", {"kind": "ot"}).json()] == ["Trust OT"]
    assert [a["name"] for a in api("get", "/", {"q": "leeds"}).json()] == ["Leeds SALT"]
    assert api("get", "/", {"school": cast.other.pk}).status_code == 404
    assert api("get", "/", role=Role.PARENT).status_code == 404


def test_senco_adds_an_entry_and_a_teacher_cannot(api, cast):
    body = {"name": "North EP", "kind": "ep", "typical_wait_days": 42, "traded": True}
    assert api("post", "/", body, role=Role.TEACHER).status_code == 404
    response = api("post", "/", body)
    assert response.status_code == 201, response.content
    entry = Agency.objects.get()
    assert (entry.school, entry.typical_wait_days, response.json()["version"]) == (cast.school, 42, 1)


def test_trust_officer_adds_a_shared_entry(api, cast):
    response = api("post", "/", {"name": "Trust OT", "kind": "ot"}, role=Role.TRUST_OFFICER)
    assert response.status_code == 201
    assert Agency.objects.get().organisation == cast.trust


def test_bad_input_names_every_field_and_saves_nothing(api, cast):
    response = api("post", "/", {"name": " ", "kind": "astrology", "email": "x", "typical_wait_days": -4})
    assert response.status_code == 422
    assert {"name", "kind", "email", "typical_wait_days"} <= _fields(response)
    assert not Agency.objects.exists()


def test_a_change_needs_the_current_version(api, cast):
    entry = _entry(cast)
    path = f"/{entry.pk}"
    missing = api("put", path, {"phone": "0113"})
    assert missing.status_code == 422 and "version" in _fields(missing)
    assert api("put", path, {"version": 1, "phone": "0113 496 0000"}).json()["version"] == 2
    stale = api("put", path, {"version": 1, "phone": "x"})
    assert stale.status_code == 409 and stale.json()["current"]["phone"] == "0113 496 0000"
    gone = api("put", path, {"version": 2, "active": False})
    assert gone.status_code == 200 and gone.json()["active"] is False
    entry.refresh_from_db()
    assert (entry.phone, entry.active) == ("0113 496 0000", False)


def test_the_senco_cannot_change_a_shared_entry(api, cast):
    shared = _entry(cast, school=None, organisation=cast.trust)
    assert api("get", f"/{shared.pk}").status_code == 200
    assert api("put", f"/{shared.pk}", {"version": 1, "name": "X"}).status_code == 404
    assert api("get", f"/{_entry(cast, school=cast.other).pk}").status_code == 404


def test_purchases_with_days_used(api, cast):
    entry = _entry(cast, traded=True)
    path = f"/{entry.pk}/purchases"
    created = api("post", path, {"year_start": 2026, "days_bought": "6"})
    assert created.status_code == 201, created.content
    Visit.objects.create(
        school=cast.school, agency=entry, purpose="Consultation", days_used="1.5",
        starts_at=timezone.make_aware(dt.datetime(2026, 10, 5, 9, 0)),
    )  # fmt: skip
    [row] = api("get", path, role=Role.HEAD).json()
    assert (row["days_bought"], row["days_used"]) == ("6.0", "1.5")
    again = api("post", path, {"year_start": 2026, "days_bought": "-1"})
    assert again.status_code == 422 and _fields(again) == {"year_start", "days_bought"}
    assert AgencyPurchase.objects.count() == 1
    assert api("post", path, {"year_start": 2027, "days_bought": "1"}, role=Role.HEAD).status_code == 404


def _visit_body(entry, **kw):
    start = (timezone.now() + dt.timedelta(days=4)).replace(microsecond=0)
    return {"agency_id": entry.pk, "starts_at": start.isoformat(), "purpose": "Observation"} | kw


def test_visits_book_list_change_and_cancel(api, cast):
    entry = _entry(cast)
    created = api("post", "/visits", _visit_body(entry, pupil_ids=[cast.pupil.pk]))
    assert created.status_code == 201, created.content
    visit_id = created.json()["id"]
    [listed] = api("get", "/visits").json()
    assert listed["pupil_ids"] == [cast.pupil.pk]
    [for_head] = api("get", "/visits", role=Role.HEAD).json()
    assert (for_head["pupil_ids"], for_head["pupils_seen"]) == ([], 1)
    assert api("get", "/visits", role=Role.TEACHER).status_code == 404
    changed = api("put", f"/visits/{visit_id}", {"version": 1, "purpose": "Consultation", "pupil_ids": []})
    assert changed.status_code == 200 and changed.json()["pupil_ids"] == []
    stale = api("put", f"/visits/{visit_id}", {"version": 1, "purpose": "Stale"})
    assert stale.status_code == 409 and stale.json()["current"]["purpose"] == "Consultation"
    cancelled = api("put", f"/visits/{visit_id}", {"version": 2, "cancelled": True})
    assert cancelled.json()["cancelled"] is True


@pytest.mark.parametrize("pupils", [[-1], [99999999999999999999], [0]])
def test_bad_pupil_ids_are_refused_and_nothing_saved(api, cast, pupils):
    response = api("post", "/visits", _visit_body(_entry(cast), pupil_ids=pupils))
    assert response.status_code == 422 and "pupils" in _fields(response)
    assert not Visit.objects.exists()


def test_another_schools_pupil_agency_or_visit_is_refused(api, cast):
    entry = _entry(cast)
    elsewhere = _entry(cast, school=cast.other, name="Elsewhere")
    pupil = api("post", "/visits", _visit_body(entry, pupil_ids=[cast.other_pupil.pk]))
    assert pupil.status_code == 422 and "pupils" in _fields(pupil)
    agency = api("post", "/visits", _visit_body(elsewhere))
    assert agency.status_code == 422 and "agency" in _fields(agency)
    assert not Visit.objects.exists()
    theirs = Visit.objects.create(school=cast.other, agency=elsewhere, purpose="x", starts_at=timezone.now())
    assert api("put", f"/visits/{theirs.pk}", {"version": 1, "purpose": "Mine"}).status_code == 404
