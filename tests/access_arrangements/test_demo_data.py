"""The demo's exam access arrangements: about 12% of Years 10-11, mostly complete evidence
chains, exactly the intended gaps, and one expired approval, all deterministic."""

import datetime as dt
from collections import Counter

import pytest

from sendco.access_arrangements import selectors
from sendco.access_arrangements.models import Arrangement, Assessor, ExamPaper, ExamSeries, Form8
from sendco.accounts.models import User
from sendco.assessments.models import Assessment, Score
from sendco.core.models import Pupil
from sendco.demo.generator import build_demo
from sendco.domain import access_arrangements as rules_

TODAY = dt.date(2026, 12, 7)
# (kind, status, gap codes) of the deliberately incomplete chains, in every size.
INTENDED = Counter(
    {
        ("extra_time_25", "approved", ("expired",)): 1,
        ("extra_time_25", "evidence", ("decision", "assessor")): 1,  # head's check missing
        ("extra_time_25", "approved", ("part1_order",)): 1,
        ("extra_time_25", "applied", ("decision", "scores")): 1,
        ("extra_time_25", "approved", ("normal_way",)): 1,
    }
)
PENDING = Counter(
    {("extra_time_25", "applied", ("decision",)): 1, ("extra_time_25", "evidence", ("decision",)): 1}
)


def _gaps(today=TODAY):
    senco = User.objects.get(username="senco")
    series = selectors.next_series(senco.memberships.get(role="senco").school, today=today)
    checked = selectors.check_all(
        selectors.visible_arrangements(senco, detail=True), today=today, series=series
    )
    found = Counter(
        (c.arrangement.kind, c.arrangement.status, tuple(g.code for g in c.gaps)) for c in checked if c.gaps
    )
    return checked, found


@pytest.fixture
def school_demo(db):
    return build_demo(size="school", today=TODAY)


@pytest.fixture
def small_demo(db):
    return build_demo(size="small", today=TODAY)


def test_school_demo_has_mostly_complete_chains_and_the_intended_gaps(school_demo):
    secondary, primary = school_demo.schools
    checked, found = _gaps()
    assert found == INTENDED + PENDING
    complete = [c for c in checked if c.result.complete]
    assert len(complete) >= 0.85 * len(checked)
    # About 12% of Years 10 and 11, none elsewhere, and the primary has none.
    pupils = Pupil.objects.filter(school=secondary, nc_year__in=(10, 11)).count()
    candidates = Arrangement.objects.values("pupil").distinct().count()
    assert abs(candidates - 0.12 * pupils) <= 2
    assert set(Arrangement.objects.values_list("pupil__nc_year", flat=True)) == {10, 11}
    assert not Arrangement.objects.filter(school=primary).exists()
    assert not ExamSeries.objects.filter(school=primary).exists()
    kinds = set(Arrangement.objects.values_list("kind", flat=True))
    assert {"extra_time_25", "word_processor", "rest_breaks", "separate_invigilation", "reader"} <= kinds
    expired = Arrangement.objects.filter(status="approved", expires_on__lt=TODAY)
    assert expired.count() == 1 and expired.get().approval_reference.startswith("AAO-")


def test_series_papers_and_assessors(small_demo):
    summer, following = ExamSeries.objects.order_by("first_exam_on")
    assert summer.name == "Summer 2027 (GCSE)" and following.name == "Summer 2028 (GCSE)"
    assert summer.application_deadline < summer.first_exam_on < summer.last_exam_on < following.first_exam_on
    papers = ExamPaper.objects.filter(series=summer)
    assert papers.count() == 12 and not ExamPaper.objects.filter(series=following).exists()
    assert {p.nc_year for p in papers} == {10, 11} and {p.session for p in papers} == {"am", "pm"}
    assert all(60 <= p.duration_minutes <= 135 and p.sat_on.weekday() < 5 for p in papers)
    assert all(summer.first_exam_on <= p.sat_on <= summer.last_exam_on for p in papers)
    routes = dict(Assessor.objects.values_list("qualification_route", "checked_on"))
    assert set(routes) == {"spld_apc", "hcpc_psychologist", "level7"}
    assert routes["level7"] is None and routes["spld_apc"] and routes["hcpc_psychologist"]


def test_form8_scores_are_realistic_and_part1_comes_first(small_demo):
    form8s = Form8.objects.select_related("assessment")
    assert form8s.count() == Arrangement.objects.filter(kind="extra_time_25").count()
    late = [f for f in form8s if f.part1_signed_on > f.assessment.taken_on]
    assert len(late) == 1
    assert not Assessment.objects.exclude(purpose="access_arrangements").filter(form8__isnull=False).exists()
    scores = Score.objects.filter(assessment__form8__isnull=False)
    assert all(70 <= s.standard_score <= 99 for s in scores)
    assert scores.filter(area__in=sorted(rules_.SPEED_AREAS)).count() == 2 * form8s.count()
    assert not Arrangement.history.filter(history_change_reason="").exists()


def test_same_seed_same_arrangements(db):
    def snapshot():
        return sorted(
            Arrangement.objects.values_list(
                "pupil__upn", "kind", "status", "decided_on", "approval_reference"
            )
        )

    build_demo(size="small", today=TODAY)
    first = snapshot()
    from sendco.demo.generator import delete_demo

    delete_demo()
    assert not Arrangement.objects.exists() and not Form8.objects.exists()
    build_demo(size="small", today=TODAY)
    assert snapshot() == first
    _, found = _gaps()
    assert found == INTENDED  # a small school: the intended gaps, no pending applications
