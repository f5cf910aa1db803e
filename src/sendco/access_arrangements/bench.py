"""Benchmarks: the centre's evidence check for a 2,000-pupil school (about 240 candidates, 12%,
each with 25% extra time on a Form 8 with scores; target p95 < 300 ms on PostgreSQL, queries
constant in the number of candidates) and the exams officer's list for one series.

The demo gives the benchmarked school about 12% of Years 10-11; ``_top_up`` adds candidates
from Years 9-13 (notes "Benchmark candidate", no history rows) until it has ``CANDIDATES``, once:
run it on a benchmark database, not on a demo you show people.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sendco.bench import BenchContext, benchmark
from sendco.domain import access_arrangements as rules_

CANDIDATES = 240
SMALL = 24
NOTE = "Benchmark candidate (sendco bench)"
DAY = dt.timedelta(days=1)


@benchmark("access arrangements: centre evidence check (SENCO)")
def _centre_check(ctx: BenchContext):
    from . import selectors

    ids = _top_up(ctx.school)
    series = selectors.next_series(ctx.school)

    def check(pupil_ids=None):
        qs = selectors.visible_arrangements(ctx.senco, detail=True)
        if pupil_ids is not None:
            qs = qs.filter(pupil_id__in=pupil_ids)
        return selectors.check_all(qs, series=series)

    checked = check()  # warm up: the policy caches the user's roles on the first call
    few, many = _queries(lambda: check(ids[:SMALL])), _queries(lambda: check())
    gaps = sum(not c.result.complete for c in checked)
    print(
        f"  ({len(checked)} arrangements of {len(set(c.arrangement.pupil_id for c in checked))} candidates, "
        f"{gaps} with gaps; queries: {few} for {SMALL} candidates, {many} for all)"
    )

    def run():
        check()
        return SimpleNamespace(status_code=200)

    return run


@benchmark("access arrangements: centre check page (GET)")
def _centre_page(ctx: BenchContext):
    """The whole page as the SENCO gets it: policy, chain checks and the template."""
    from django.urls import reverse

    _top_up(ctx.school)
    url = reverse("aa-centre") + f"?school={ctx.school.pk}"
    return lambda: ctx.client.get(url)


@benchmark("access arrangements: exams officer's list (one series)")
def _exams_list(ctx: BenchContext):
    from sendco.accounts.models import User

    from . import selectors
    from .models import ExamPaper

    school: Any = ctx.school  # BenchContext types it loosely
    exams = User.objects.filter(memberships__role="exams_officer", memberships__school=school).first()
    ids = _top_up(ctx.school)
    series = selectors.next_series(ctx.school)
    if exams is None or series is None:
        raise RuntimeError(
            "the benchmarked school needs an exams officer and an exam series (the demo has both)"
        )

    def rows(pupil_ids=None):
        papers = list(ExamPaper.objects.filter(series=series))
        years = {p.nc_year for p in papers}
        qs = (
            selectors.visible_arrangements(exams)
            .filter(status="approved", pupil__nc_year__in=years)
            .select_related("pupil")
        )
        if pupil_ids is not None:
            qs = qs.filter(pupil_id__in=pupil_ids)
        out = []
        for a in qs:
            for p in papers:
                if p.nc_year == a.pupil.nc_year:
                    out.append(
                        (
                            p,
                            a.pupil.full_name,
                            a.label,
                            rules_.extended_minutes(p.duration_minutes, a.extra_time),
                        )
                    )
        return out

    found = rows()  # warm up, as above
    print(f"  ({len(found)} candidate-paper rows; queries: {_queries(lambda: rows(ids[:SMALL]))} for "
          f"{SMALL} candidates, {_queries(rows)} for all)")  # fmt: skip

    def run():
        rows()
        return SimpleNamespace(status_code=200)

    return run


def _queries(fn) -> int:
    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured.captured_queries)


def _top_up(school) -> list[int]:
    """The pupil ids of the school's candidates, after adding benchmark candidates (Years 9-13,
    complete evidence) until there are ``CANDIDATES``."""
    from sendco.accounts.models import Membership
    from sendco.assessments.models import Assessment, Score
    from sendco.core.models import Pupil

    from .models import Arrangement, Assessor, Form8, NormalWayRequest

    have = list(
        Arrangement.objects.filter(school=school).values_list("pupil_id", flat=True).order_by().distinct()
    )
    missing = CANDIDATES - len(have)
    if missing <= 0:
        return sorted(have)
    today = timezone.localdate()
    senco = Membership.objects.filter(school=school, role="senco").values_list("user_id", flat=True).first()
    teacher = (
        Membership.objects.filter(school=school, role="teacher").values_list("user_id", flat=True).first()
    )
    pupils = list(
        Pupil.objects.on_roll()
        .filter(school=school, nc_year__gte=9)
        .exclude(pk__in=have)
        .order_by("-nc_year", "pk")[:missing]
    )
    with transaction.atomic():
        assessor = Assessor.objects.filter(school=school, qualification_route="hcpc_psychologist").first()
        if assessor is None:
            assessor = Assessor.objects.create(
                school=school, name="Bench Assessor", qualification_route="hcpc_psychologist",
                checked_on=today - 2000 * DAY,
            )  # fmt: skip
        assessments, scores, form8s, arrangements, requests = [], [], [], [], []
        for i, p in enumerate(pupils):
            assessed = min(
                today - 20 * DAY,
                max(rules_.year9_start(p.nc_year, today) + 14 * DAY, today - (60 + i % 200) * DAY),
            )
            decided = assessed + 10 * DAY
            a = Assessment(
                school=school, pupil=p, taken_on=assessed, assessor_name=assessor.name,
                purpose=Assessment.Purpose.ACCESS_ARRANGEMENTS, recorded_by_id=senco,
            )  # fmt: skip
            assessments.append(a)
            for area, score in (
                ("reading_speed", 78 + i % 7),
                ("writing_speed", 80 + i % 10),
                ("spelling_accuracy", 90),
            ):
                scores.append(
                    Score(
                        school=school,
                        pupil=p,
                        assessment=a,
                        test_name="Bench test",
                        area=area,
                        standard_score=score,
                    )  # fmt: skip
                )
            form8 = Form8(
                school=school, pupil=p, part1_signed_by_id=senco, part1_signed_on=assessed - 14 * DAY,
                assessment=a, assessor=assessor, part3_completed_on=decided - 2 * DAY,
            )  # fmt: skip
            form8s.append(form8)
            arrangement = Arrangement(
                school=school, pupil=p, kind="extra_time_25", status="approved", form8=form8,
                decided_by_id=senco, decided_on=decided, approval_reference=f"BENCH-{i:05d}",
                expires_on=rules_.default_expiry(decided), notes=NOTE,
            )  # fmt: skip
            arrangements.append(arrangement)
            if teacher:
                requests.append(
                    NormalWayRequest(
                        school=school,
                        pupil=p,
                        arrangement=arrangement,
                        requested_from_id=teacher,
                        requested_by_id=senco,
                        source="mocks",
                        answer="Uses extra time in mocks.",
                        answered_at=timezone.now(),
                    )  # fmt: skip
                )
        for model, objs in ((Assessment, assessments), (Score, scores), (Form8, form8s),
                            (Arrangement, arrangements), (NormalWayRequest, requests)):  # fmt: skip
            manager: Any = model.objects
            manager.bulk_create(objs, batch_size=500)
    print(f"  (added {len(pupils)} benchmark candidates at {school.name})")
    return sorted(have + [p.pk for p in pupils])
