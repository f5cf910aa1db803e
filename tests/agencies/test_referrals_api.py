"""The referrals and consent API: dashboard rows with flags and filters, a pupil's referrals,
one referral with history and document details (no bytes), refer (chosen or inline consent),
change (version, 409), move status, consents (record, withdraw), waiting times; 404 when unseen."""

import pytest

from sendco.accounts.models import ApiToken
from sendco.accounts.roles import Role
from sendco.agencies.models import Consent, Referral, ReferralDocument
from sendco.audit.models import AccessLog
from tests.files import PDF

from .referral_helpers import agency, consent, days_ago, referral, today

API = "/api/v1/agencies"


@pytest.fixture
def ep(cast):
    return agency(cast.school, wait=20)


def _client(client, cast, role=Role.SENCO):
    _, token = ApiToken.issue(cast.user(role))
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}

    class Api:
        def get(self, path, data=None):
            return client.get(API + path, data or {}, **auth)

        def send(self, method, path, body):
            return getattr(client, method)(API + path, body, content_type="application/json", **auth)

    return Api()


def test_dashboard_rows_with_flags_and_filters(cast, client, ep):
    late = referral(cast.pupil, ep, consent(cast.pupil, ep), sent_days_ago=30)
    fresh = referral(cast.unlinked, ep, consent(cast.unlinked, ep), sent_days_ago=2)
    api = _client(client, cast)
    body = api.get("/referrals").json()
    assert [item["id"] for item in body["items"]] == [late.pk, fresh.pk]
    first = body["items"][0]
    assert first["pupil_name"] == cast.pupil.full_name and first["days_waiting"] == 30
    assert first["flags"][0]["code"] == "no_response" and first["flags"][0]["days_overdue"] == 10
    assert first["expected_on"] == days_ago(10).isoformat()
    assert [i["id"] for i in api.get("/referrals", {"overdue": "true"}).json()["items"]] == [late.pk]
    assert AccessLog.objects.filter(what__startswith="Referrals dashboard", action="list").exists()
    assert api.get("/referrals", {"school": cast.other.pk}).status_code == 404


def test_one_referral_with_events_and_documents_no_bytes(cast, client, ep):
    api = _client(client, cast)
    created = api.send(
        "post",
        f"/pupils/{cast.pupil.pk}/referrals",
        {"agency_id": ep.pk, "reason": "Speech unclear.", "send": True,
         "consent": {"given_by": "Pat Parent", "given_on": days_ago(1).isoformat(), "how": "email"}},
    )  # fmt: skip
    assert created.status_code == 201, created.content
    referral_id = created.json()["id"]
    saved = Referral.objects.get(pk=referral_id)
    assert saved.status == "sent" and saved.consent.given_by == "Pat Parent"
    ReferralDocument.objects.create(
        referral=saved, pupil=cast.pupil, school=cast.school, file="referrals/x.pdf",
        original_name="form.pdf", content_type="application/pdf", size=len(PDF),
    )  # fmt: skip
    body = api.get(f"/referrals/{referral_id}").json()
    assert [e["status"] for e in body["events"]] == ["sent"]
    assert body["documents"][0]["original_name"] == "form.pdf" and "file" not in body["documents"][0]
    assert "accepted" in body["allowed_next"] and body["agency_name"] == ep.name
    assert AccessLog.objects.filter(pupil=cast.pupil, what=f"Referral to {ep.name}").exists()


def test_referral_without_consent_is_refused_naming_the_field(cast, client, ep):
    api = _client(client, cast)
    response = api.send("post", f"/pupils/{cast.pupil.pk}/referrals", {"agency_id": ep.pk, "reason": "x"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "consent"]
    missing = api.send(
        "post", f"/pupils/{cast.pupil.pk}/referrals", {"agency_id": ep.pk, "reason": "x", "consent_id": 10**9}
    )
    assert missing.status_code == 422 and not Referral.objects.exists()


def test_update_with_a_stale_version_is_a_conflict(cast, client, ep):
    made = referral(cast.pupil, ep, consent(cast.pupil, ep))
    api = _client(client, cast)
    ok = api.send("put", f"/referrals/{made.pk}", {"version": made.version, "reason": "New reason"})
    assert ok.status_code == 200 and ok.json()["reason"] == "New reason"
    stale = api.send("put", f"/referrals/{made.pk}", {"version": made.version, "reason": "Another"})
    assert stale.status_code == 409 and stale.json()["current"]["reason"] == "New reason"


def test_status_change_and_refused_transition(cast, client, ep):
    made = referral(cast.pupil, ep, consent(cast.pupil, ep))
    api = _client(client, cast)
    ok = api.send(
        "post",
        f"/referrals/{made.pk}/status",
        {"version": 1, "status": "accepted", "on": today().isoformat()},
    )
    assert ok.status_code == 200 and ok.json()["status"] == "accepted"
    bad = api.send(
        "post", f"/referrals/{made.pk}/status", {"version": 2, "status": "draft", "on": today().isoformat()}
    )
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "status"]


def test_consents_record_list_withdraw(cast, client, ep):
    api = _client(client, cast)
    made = api.send(
        "post",
        f"/pupils/{cast.pupil.pk}/consents",
        {
            "purpose": "referral",
            "agency_id": ep.pk,
            "given_by": "Pat Parent",
            "given_on": days_ago(3).isoformat(),
        },
    )
    assert made.status_code == 201, made.content
    consent_id = made.json()["id"]
    assert [c["id"] for c in api.get(f"/pupils/{cast.pupil.pk}/consents").json()] == [consent_id]
    gone = api.send(
        "post",
        f"/consents/{consent_id}/withdraw",
        {"version": 1, "withdrawn_on": today().isoformat(), "withdrawn_by": "Pat Parent"},
    )
    assert gone.status_code == 200 and gone.json()["current"] is False
    again = api.send(
        "post",
        f"/consents/{consent_id}/withdraw",
        {"version": 1, "withdrawn_on": today().isoformat(), "withdrawn_by": "Pat Parent"},
    )
    assert again.status_code == 409
    assert Consent.objects.get(pk=consent_id).withdrawn_by == "Pat Parent"


def test_head_reads_but_cannot_refer(cast, client, ep):
    c = consent(cast.pupil, ep)
    api = _client(client, cast, Role.HEAD)
    assert api.get(f"/pupils/{cast.pupil.pk}/referrals").status_code == 200
    refused = api.send(
        "post", f"/pupils/{cast.pupil.pk}/referrals", {"agency_id": ep.pk, "reason": "x", "consent_id": c.pk}
    )
    assert refused.status_code == 404


def test_other_schools_records_are_not_found(cast, client):
    theirs = agency(cast.other, name="Cedar EP")
    their_referral = referral(cast.other_pupil, theirs, consent(cast.other_pupil, theirs))
    api = _client(client, cast)
    assert api.get(f"/referrals/{their_referral.pk}").status_code == 404
    assert api.get(f"/pupils/{cast.other_pupil.pk}/consents").status_code == 404
    assert api.get("/waiting-times", {"school": cast.other.pk}).status_code == 404


def test_waiting_times_for_a_school_and_the_trust(cast, client, ep):
    referral(
        cast.pupil, ep, consent(cast.pupil, ep), status="seen", sent_days_ago=12, first_seen_on=days_ago(2)
    )
    sister_ep = agency(cast.sister, name="Birch EP")
    referral(cast.sister_pupil, sister_ep, consent(cast.sister_pupil, sister_ep), sent_days_ago=4)
    api = _client(client, cast, Role.TRUST_OFFICER)
    trust = api.get("/waiting-times").json()
    assert trust["school_id"] is None and {s["id"] for s in trust["schools"]} == {
        cast.school.pk,
        cast.sister.pk,
    }
    by_name = {s["name"]: s for s in trust["services"]}
    assert by_name[ep.name]["median_days"] == 10.0 and by_name["Birch EP"]["still_waiting"] == 1
    one = api.get("/waiting-times", {"school": cast.school.pk}).json()
    assert [s["name"] for s in one["services"]] == [ep.name]
    assert _client(client, cast, Role.TEACHER).get("/waiting-times").status_code == 404
