"""Every API update of a versioned record requires the `version` the caller read: without it
the answer is 422 naming `version`, and of 20 writers who read the same version exactly one
wins and 19 get 409, so nobody's change is silently overwritten (last writer wins).

The records, path parameters and who may write come from the permission matrix
(tests/permissions/); this file adds how to read each record's version and a change that
differs for each writer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from sendco.access_arrangements.models import Arrangement, Assessor, ExamSeries, Form8
from sendco.accounts.models import ApiToken
from sendco.accounts.roles import Role
from sendco.agencies.models import Agency, Referral, Visit
from sendco.api.root import api
from sendco.assessments.models import Assessment, ProfessionalReport, Recommendation
from sendco.chronology.models import ChronologyEntry
from sendco.concerns.models import Concern
from sendco.core.models import Pupil
from sendco.plans.models import Passport, PlanCycle, Target
from sendco.provision.models import GroupMember, Provision, ProvisionGroup, Score, Session
from sendco.register.selectors import register_version
from sendco.statutory.models import AnnualReview, AssessmentRequest, EhcPlan

from .test_permission_matrix import OPERATIONS

WRITERS = 20


@dataclass
class Update:
    version: Callable  # (path parameters) -> the record's version now
    change: Callable  # (cast, writer number) -> the body without `version`


def _of(model, param):
    return lambda ids: model.objects.get(pk=ids[param]).version


def _score_version(ids):
    score = Score.objects.filter(place_id=ids["member_id"], measure_id=ids["measure_id"]).first()
    return score.version if score else 0


def _form8_version(ids):
    form8 = Form8.objects.filter(pupil_id=ids["pupil_id"]).order_by("-pk").first()
    return form8.version if form8 else 0


NEED_TYPES = ["MLD", "SLCN", "ASD", "SEMH"]  # never the SPLD the pupil has: writer 0 changes something

UPDATES = {
    ("patch", "/api/v1/chronology/{entry_id}"): Update(
        _of(ChronologyEntry, "entry_id"), lambda cast, i: {"reason": "Typo", "title": f"Call {i}"}
    ),
    ("patch", "/api/v1/concerns/{concern_id}"): Update(
        _of(Concern, "concern_id"), lambda cast, i: {"subjects": f"Lessons {i}"}
    ),
    ("patch", "/api/v1/pupils/{pupil_id}"): Update(
        _of(Pupil, "pupil_id"), lambda cast, i: {"reg_group": f"R{i}"}
    ),
    ("put", "/api/v1/plans/pupils/{pupil_id}/passport"): Update(
        lambda ids: Passport.objects.get(pupil_id=ids["pupil_id"]).version,
        lambda cast, i: {"good_at": f"Maths {i}"},
    ),
    ("patch", "/api/v1/plans/cycles/{cycle_id}"): Update(
        _of(PlanCycle, "cycle_id"), lambda cast, i: {"outcomes": f"Outcome {i}"}
    ),
    ("patch", "/api/v1/plans/targets/{target_id}"): Update(
        _of(Target, "target_id"), lambda cast, i: {"responsible": f"Teacher {i}"}
    ),
    ("patch", "/api/v1/provision/places/{member_id}"): Update(
        _of(GroupMember, "member_id"), lambda cast, i: {"left": None}
    ),
    ("put", "/api/v1/provision/places/{member_id}/scores/{measure_id}"): Update(
        _score_version, lambda cast, i: {"exit_value": str(100 + i)}
    ),
    ("patch", "/api/v1/provision/library/{provision_id}"): Update(
        _of(Provision, "provision_id"), lambda cast, i: {"description": f"Checked {i}"}
    ),
    ("patch", "/api/v1/provision/groups/{group_id}"): Update(
        _of(ProvisionGroup, "group_id"), lambda cast, i: {"room": f"Room {i}"}
    ),
    ("patch", "/api/v1/provision/sessions/{session_id}"): Update(
        _of(Session, "session_id"), lambda cast, i: {"note": f"Corrected {i}"}
    ),
    ("put", "/api/v1/register/pupils/{pupil_id}/needs"): Update(
        lambda ids: register_version(ids["pupil_id"]),
        lambda cast, i: {
            "needs": [{"need_type": NEED_TYPES[i % len(NEED_TYPES)], "rank": 1}],
            "on": dt.date.today().isoformat(),
            "reason": "Assessment",
        },
    ),
    ("patch", "/api/v1/statutory/requests/{request_id}"): Update(
        _of(AssessmentRequest, "request_id"), lambda cast, i: {"made_by_name": f"Ms {i}"}
    ),
    ("patch", "/api/v1/statutory/plans/{plan_id}"): Update(
        _of(EhcPlan, "plan_id"), lambda cast, i: {"named_setting": f"Alder {i}"}
    ),
    ("patch", "/api/v1/statutory/reviews/{review_id}"): Update(
        _of(AnnualReview, "review_id"), lambda cast, i: {"location": f"Room {i}"}
    ),
    ("patch", "/api/v1/access-arrangements/series/{series_id}"): Update(
        _of(ExamSeries, "series_id"), lambda cast, i: {"name": f"Summer {2030 + i}"}
    ),
    ("patch", "/api/v1/access-arrangements/assessors/{assessor_id}"): Update(
        _of(Assessor, "assessor_id"), lambda cast, i: {"organisation": f"Service {i}"}
    ),
    ("put", "/api/v1/access-arrangements/arrangements/{arrangement_id}"): Update(
        _of(Arrangement, "arrangement_id"),
        lambda cast, i: {"kind": "rest_breaks", "notes": f"Checked {i}"},
    ),
    ("put", "/api/v1/access-arrangements/pupils/{pupil_id}/form-8/part-1"): Update(
        _form8_version,
        lambda cast, i: {
            "history_of_need": f"Slow reader {i}.",
            "normal_way_of_working": "Extra time.",
            "part1_signed_on": (dt.date.today() - dt.timedelta(days=60)).isoformat(),
        },
    ),
    ("put", "/api/v1/access-arrangements/pupils/{pupil_id}/form-8/part-2"): Update(
        _form8_version,
        lambda cast, i: {
            "taken_on": (dt.date.today() - dt.timedelta(days=30)).isoformat(),
            "assessor_id": cast.extra["assessor"].pk,
            "scores": [{"test_name": f"DASH {i}", "area": "writing_speed", "standard_score": 80}],
        },
    ),
    ("put", "/api/v1/access-arrangements/pupils/{pupil_id}/form-8/part-3"): Update(
        _form8_version,
        lambda cast, i: {"part3_completed_on": (dt.date.today() - dt.timedelta(days=1 + i)).isoformat()},
    ),
    ("put", "/api/v1/agencies/referrals/{referral_id}"): Update(
        _of(Referral, "referral_id"),
        lambda cast, i: {"reason": f"Reading age behind ({i})"},
    ),
    ("put", "/api/v1/assessments/reports/{report_id}"): Update(
        _of(ProfessionalReport, "report_id"),
        lambda cast, i: {
            "title": f"EP report {i}",
            "author_name": "Dr Okafor",
            "written_on": dt.date.today().isoformat(),
            "received_on": dt.date.today().isoformat(),
        },
    ),
    ("put", "/api/v1/assessments/recommendations/{recommendation_id}"): Update(
        _of(Recommendation, "recommendation_id"), lambda cast, i: {"status": "other", "note": f"Note {i}"}
    ),
    ("put", "/api/v1/agencies/{agency_id}"): Update(
        _of(Agency, "agency_id"), lambda cast, i: {"phone": f"0113 496 {i:04d}"}
    ),
    ("put", "/api/v1/agencies/visits/{visit_id}"): Update(
        _of(Visit, "visit_id"), lambda cast, i: {"purpose": f"Observation {i}"}
    ),
    ("put", "/api/v1/assessments/{assessment_id}"): Update(
        _of(Assessment, "assessment_id"),
        lambda cast, i: {"taken_on": dt.date.today().isoformat(), "assessor_name": f"Ms {i}"},
    ),
}

KEYS = sorted(UPDATES)


def _updates_in_schema() -> dict:
    paths = api.get_openapi_schema()["paths"]
    return {(m, p): op for p, ops in paths.items() for m, op in ops.items() if m in ("patch", "put")}


def test_every_update_operation_is_listed_and_requires_version():
    """A new PATCH/PUT operation must be added here (and so be tested below)."""
    found = _updates_in_schema()
    assert set(found) == set(UPDATES), (
        f"unlisted: {set(found) - set(UPDATES)}; stale: {set(UPDATES) - set(found)}"
    )
    components = api.get_openapi_schema()["components"]["schemas"]
    for key, op in found.items():
        ref = op["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        body = components[ref.rsplit("/", 1)[1]]
        assert "version" in body.get("required", []), f"{key}: `version` is optional"


class _Caller:
    def __init__(self, cast, client, key):
        self.op = OPERATIONS[key]
        self.method, path = key
        if self.op.setup:
            self.op.setup(cast)
        self.ids = self.op.record(cast, "linked")
        self.url = path.format(**self.ids)
        role = Role.SENCO if Role.SENCO in self.op.allowed else sorted(self.op.allowed, key=str)[0]
        _, token = ApiToken.issue(cast.user(role))
        self.client, self.headers = client, {"HTTP_AUTHORIZATION": f"Bearer {token}"}

    def send(self, body):
        return getattr(self.client, self.method)(
            self.url, body, content_type="application/json", **self.headers
        )


@pytest.mark.parametrize("key", KEYS, ids=lambda k: f"{k[0]} {k[1]}")
def test_missing_version_is_refused_naming_it(key, cast, client):
    update, caller = UPDATES[key], _Caller(cast, client, key)
    before = update.version(caller.ids)
    response = caller.send(update.change(cast, 1))
    assert response.status_code == 422, response.content[:300]
    assert any(d["loc"][-1] == "version" for d in response.json()["detail"]), response.json()
    assert update.version(caller.ids) == before  # nothing saved


@pytest.mark.parametrize("key", KEYS, ids=lambda k: f"{k[0]} {k[1]}")
def test_twenty_writers_with_one_read_one_wins(key, cast, client):
    update, caller = UPDATES[key], _Caller(cast, client, key)
    read = update.version(caller.ids)
    statuses = [caller.send({**update.change(cast, i), "version": read}).status_code for i in range(WRITERS)]
    assert statuses == [200] + [409] * (WRITERS - 1), statuses
    after = update.version(caller.ids)
    assert after != read and (not isinstance(read, int) or after == read + 1)


def test_passport_version_zero_is_a_conflict_once_a_passport_exists(cast, client):
    """0 means "I saw no passport": it must not skip the check when one was written meanwhile."""
    key = ("put", "/api/v1/plans/pupils/{pupil_id}/passport")
    caller = _Caller(cast, client, key)
    before = UPDATES[key].version(caller.ids)
    assert caller.send({"version": 0, "good_at": "Art"}).status_code == 409
    assert UPDATES[key].version(caller.ids) == before
