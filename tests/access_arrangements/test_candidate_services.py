"""Candidate-side services: each bad input names its field and writes nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sendco.access_arrangements import services, services_form8
from sendco.access_arrangements.models import Arrangement, Form8, NormalWayRequest
from sendco.accounts.roles import Role
from sendco.assessments.models import Assessment, Score
from sendco.core.concurrency import ConflictError
from sendco.domain import access_arrangements as rules_

from .candidate_helpers import arrangement, assessor, days_ago, form8, request_for

pytestmark = pytest.mark.django_db

ROWS = [
    {"test_name": "TOWRE-2", "area": "reading_speed", "standard_score": 80},
    {"test_name": "DASH", "area": "writing_speed", "standard_score": 82},
]


def _field_error(exc, field):
    assert field in exc.value.message_dict, exc.value.message_dict


def test_add_and_change_arrangement(cast):
    senco = cast.user(Role.SENCO)
    a = services.save_arrangement(
        actor=senco, pupil=cast.pupil, data={"kind": "reader", "status": "proposed"}
    )
    assert a.history.count() == 1
    services.save_arrangement(
        actor=senco, pupil=cast.pupil, arrangement=a, expected_version=a.version,
        data={"kind": "other", "other_label": "Reading pen", "status": "evidence"},
    )  # fmt: skip
    a.refresh_from_db()
    assert a.label == "Reading pen" and a.version == 2
    with pytest.raises(ConflictError):
        services.save_arrangement(
            actor=senco, pupil=cast.pupil, arrangement=a, expected_version=1, data={"kind": "reader"}
        )


@pytest.mark.parametrize(
    "data, field",
    [
        ({"kind": "nonsense"}, "kind"),
        ({"kind": "other"}, "other_label"),
        ({"kind": "extra_time_over_25"}, "extra_time_percent"),
        ({"kind": "extra_time_over_25", "extra_time_percent": 20}, "extra_time_percent"),
        ({"kind": "reader", "extra_time_percent": 50}, "extra_time_percent"),
        ({"kind": "reader", "status": "bogus"}, "status"),
    ],
)
def test_bad_arrangement_names_field_and_saves_nothing(cast, data, field):
    with pytest.raises(ValidationError) as exc:
        services.save_arrangement(actor=cast.user(Role.SENCO), pupil=cast.pupil, data=data)
    _field_error(exc, field)
    assert Arrangement.objects.count() == 0


@pytest.mark.parametrize("role", [Role.HEAD, Role.EXAMS_OFFICER, Role.TEACHER])
def test_only_sen_team_manages(cast, role):
    with pytest.raises(PermissionDenied):
        services.save_arrangement(actor=cast.user(role), pupil=cast.pupil, data={"kind": "reader"})
    assert Arrangement.objects.count() == 0


def test_arrangement_for_unseen_pupil_refused(cast):
    with pytest.raises(PermissionDenied):
        services.save_arrangement(
            actor=cast.user(Role.SENCO), pupil=cast.other_pupil, data={"kind": "reader"}
        )
    assert Arrangement.objects.count() == 0


def test_decision_defaults_expiry_and_refuses_expiry_before_decision(cast):
    a = arrangement(cast.pupil)
    senco = cast.user(Role.SENCO)
    with pytest.raises(ValidationError) as exc:
        services.record_decision(
            actor=senco, arrangement=a, decided_on=days_ago(5), expires_on=days_ago(10), expected_version=1
        )
    _field_error(exc, "expires_on")
    a.refresh_from_db()
    assert a.decided_on is None and a.version == 1
    services.record_decision(
        actor=senco, arrangement=a, decided_on=days_ago(5), approval_reference="AAO123", expected_version=1
    )
    a.refresh_from_db()
    assert a.expires_on == rules_.default_expiry(days_ago(5), 26)
    assert a.decided_by == senco and a.status == "approved"


def test_assistant_cannot_decide(cast):
    a = arrangement(cast.pupil)
    with pytest.raises(PermissionDenied):
        services.record_decision(
            actor=cast.user(Role.ASSISTANT_SENCO), arrangement=a, decided_on=days_ago(1), expected_version=1
        )


def test_part1_then_part2_records_shared_assessment(cast):
    senco = cast.user(Role.SENCO)
    a = arrangement(cast.pupil)
    f8 = services_form8.save_part1(
        actor=senco, pupil=cast.pupil, history_of_need="x", normal_way_of_working="y", signed_on=days_ago(30)
    )
    a.refresh_from_db()
    assert a.form8 == f8
    f8 = services_form8.save_part2(
        actor=senco, form8=f8, taken_on=days_ago(10), assessor=assessor(cast.school),
        scores=ROWS, expected_version=f8.version,
    )  # fmt: skip
    assert f8.assessment.purpose == Assessment.Purpose.ACCESS_ARRANGEMENTS
    assert Score.objects.filter(assessment=f8.assessment).count() == 2


def _part2(cast, f8, **kw):
    values = {"taken_on": days_ago(10), "assessor": assessor(cast.school), "scores": ROWS} | kw
    return services_form8.save_part2(
        actor=cast.user(Role.SENCO), form8=f8, expected_version=f8.version, **values
    )


@pytest.mark.parametrize(
    "change, field",
    [
        (
            {"scores": [{"test_name": "T", "area": "reading_speed", "standard_score": 30}]},
            "scores-0-standard_score",
        ),
        (
            {"scores": [{"test_name": "T", "area": "reading_speed", "standard_score": 170}]},
            "scores-0-standard_score",
        ),
        ({"taken_on": days_ago(90)}, "taken_on"),
    ],
)
def test_bad_part2_saves_nothing(cast, change, field):
    f8 = form8(cast.pupil, signed_days_ago=60)
    with pytest.raises(ValidationError) as exc:
        _part2(cast, f8, **change)
    _field_error(exc, field)
    assert Assessment.objects.count() == 0 and Score.objects.count() == 0
    f8.refresh_from_db()
    assert f8.assessment is None and f8.version == 1


@pytest.mark.parametrize("route", ["none", ""])
def test_unqualified_assessor_refused(cast, route):
    f8 = form8(cast.pupil)
    with pytest.raises(ValidationError) as exc:
        _part2(cast, f8, assessor=assessor(cast.school, qualification_route=route))
    _field_error(exc, "assessor")
    assert Assessment.objects.count() == 0


def test_assessor_of_another_school_refused(cast):
    f8 = form8(cast.pupil)
    with pytest.raises(ValidationError) as exc:
        _part2(cast, f8, assessor=assessor(cast.other))
    _field_error(exc, "assessor")
    assert Assessment.objects.count() == 0


def test_unchecked_assessor_flagged_not_blocked(cast):
    f8 = form8(cast.pupil)
    who = assessor(cast.school, checked_on=None)
    f8 = _part2(cast, f8, assessor=who)
    assert f8.assessment is not None
    assert any("not checked" in p for p in who.problems_for(f8.assessment.taken_on))


def test_part1_signed_after_existing_part2_refused(cast):
    f8 = _part2(cast, form8(cast.pupil))
    with pytest.raises(ValidationError) as exc:
        services_form8.save_part1(
            actor=cast.user(Role.SENCO), pupil=cast.pupil, history_of_need="x", normal_way_of_working="y",
            signed_on=days_ago(1), form8=f8, expected_version=f8.version,
        )  # fmt: skip
    _field_error(exc, "part1_signed_on")
    f8.refresh_from_db()
    assert f8.part1_signed_on == days_ago(60)


def test_normal_way_request_and_answer(cast):
    a = arrangement(cast.pupil)
    teacher = cast.user(Role.TEACHER)
    with pytest.raises(ValidationError) as exc:
        services.request_normal_way(
            actor=cast.user(Role.SENCO), arrangement=a, teacher=cast.user(Role.PARENT)
        )
    _field_error(exc, "requested_from")
    assert NormalWayRequest.objects.count() == 0
    req = services.request_normal_way(actor=cast.user(Role.SENCO), arrangement=a, teacher=teacher)
    with pytest.raises(PermissionDenied):
        services.answer_normal_way(actor=cast.user(Role.TA), request=req, source="mocks", answer="x")
    with pytest.raises(ValidationError) as exc:
        services.answer_normal_way(actor=teacher, request=req, source="", answer="")
    assert {"source", "answer"} <= set(exc.value.message_dict)
    services.answer_normal_way(actor=teacher, request=req, source="mocks", answer="Used extra time in mocks.")
    req.refresh_from_db()
    assert req.answered_at is not None


def test_request_helper(cast):
    a = arrangement(cast.pupil)
    req = request_for(a, cast.user(Role.TEACHER), cast.user(Role.SENCO))
    assert not Form8.objects.exists() and req.answered_at is None
