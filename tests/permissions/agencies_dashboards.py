"""Pages and API operations of the school's referral dashboards and the referrals and consent
API. The dashboard and its export: the SEN team and the head. Waiting times (counts, no names):
whoever sees the school's aggregates (the SEN team, the head, governors, the trust officer).
The API reads as the pages do (SEN team and head); the SEN team records consent and refers."""

from sendco.agencies.models import Consent, Referral
from tests.agencies.referral_helpers import days_ago, for_matrix, today

from .spec import WHOLE_SCHOOL, Operation, Page, R

SEN_TEAM = frozenset({R.SENCO, R.ASSISTANT_SENCO})
COUNTS = WHOLE_SCHOOL | {R.GOVERNOR, R.TRUST_OFFICER}

PAGES = {
    "referral-dashboard": Page(WHOLE_SCHOOL, setup=for_matrix),
    "referral-dashboard-export": Page(WHOLE_SCHOOL, setup=for_matrix, data={"format": "csv"}),
    "referral-waiting-times": Page(COUNTS, setup=for_matrix),
}


def _made(cast, which):
    for_matrix(cast)
    return cast.extra["ref"][which]


def _pupil(cast, which):
    return {"pupil_id": _made(cast, which)["referral"].pupil_id}


def _referral(cast, which):
    return {"referral_id": _made(cast, which)["referral"].pk}


def _consent(cast, which):
    return {"consent_id": _made(cast, which)["consent"].pk}


def _new_referral(cast):
    made = _made(cast, "linked")
    return {
        "agency_id": made["agency"].pk,
        "reason": "Speech unclear to staff.",
        "consent_id": made["consent"].pk,
    }


def _change(cast):
    current = Referral.objects.get(pk=_made(cast, "linked")["referral"].pk)
    return {
        "version": current.version,
        "reason": "Reading age two years behind.",
        "expected_response_days": 30,
    }


def _accept(cast):
    current = Referral.objects.get(pk=_made(cast, "linked")["referral"].pk)
    return {"version": current.version, "status": "accepted", "on": today().isoformat()}


def _back_to_sent(cast):
    Referral.objects.filter(pk=_made(cast, "linked")["referral"].pk).update(status="sent")


def _new_consent(cast):
    return {"purpose": "share_health", "given_by": "Pat Parent", "given_on": days_ago(2).isoformat()}


def _withdraw(cast):
    current = Consent.objects.get(pk=_made(cast, "linked")["consent"].pk)
    return {"version": current.version, "withdrawn_on": today().isoformat(), "withdrawn_by": "Pat Parent"}


def _given_again(cast):
    Consent.objects.filter(pk=_made(cast, "linked")["consent"].pk).update(withdrawn_on=None, withdrawn_by="")


API = "/api/v1/agencies"
OPERATIONS = {
    ("get", f"{API}/referrals"): Operation(WHOLE_SCHOOL, setup=for_matrix),
    ("get", f"{API}/pupils/{{pupil_id}}/referrals"): Operation(WHOLE_SCHOOL, record=_pupil),
    ("get", f"{API}/referrals/{{referral_id}}"): Operation(WHOLE_SCHOOL, record=_referral),
    ("post", f"{API}/pupils/{{pupil_id}}/referrals"): Operation(SEN_TEAM, record=_pupil, body=_new_referral),
    ("put", f"{API}/referrals/{{referral_id}}"): Operation(SEN_TEAM, record=_referral, body=_change),
    ("post", f"{API}/referrals/{{referral_id}}/status"): Operation(
        SEN_TEAM, record=_referral, body=_accept, cleanup=_back_to_sent
    ),
    ("get", f"{API}/pupils/{{pupil_id}}/consents"): Operation(WHOLE_SCHOOL, record=_pupil),
    ("post", f"{API}/pupils/{{pupil_id}}/consents"): Operation(SEN_TEAM, record=_pupil, body=_new_consent),
    ("post", f"{API}/consents/{{consent_id}}/withdraw"): Operation(
        SEN_TEAM, record=_consent, body=_withdraw, cleanup=_given_again
    ),
    ("get", f"{API}/waiting-times"): Operation(COUNTS, setup=for_matrix),
}
