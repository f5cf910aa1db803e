"""Reads for exam access arrangements, always starting from the access policy.

The evidence chain is computed live, never stored: ``chain_for`` turns one arrangement's rows
into the domain's plain ``Chain`` facts and ``rules_.check_chain`` lists the gaps. Every list
(pupil tab, centre check, exams officer's lists, bench) fetches the rows it needs with a fixed
number of queries however many candidates there are, through ``with_evidence``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from sendco.assessments.models import Score
from sendco.core.access import policy
from sendco.domain import access_arrangements as rules_

from .models import Arrangement, ExamSeries, Form8
from .permissions import DETAIL_ROLES, EXAMS_ROLES


def visible_arrangements(user, *, detail: bool = False) -> QuerySet[Arrangement]:
    """Arrangements of the pupils ``user`` may see, at schools where their role reads them
    (``detail``: the SEN team and head, who also read Form 8 and evidence)."""
    schools = policy.roles(user).schools_with(DETAIL_ROLES if detail else EXAMS_ROLES)
    return Arrangement.objects.filter(school_id__in=schools, pupil__in=policy.pupils(user))


def with_evidence(qs: QuerySet[Arrangement]) -> QuerySet[Arrangement]:
    """``qs`` with everything ``chain_for`` reads, in a fixed number of queries."""
    scores = Prefetch("form8__assessment__scores", queryset=Score.objects.order_by("area", "pk"))
    return (
        qs.select_related("pupil", "form8", "form8__assessment", "form8__assessor", "decided_by")
        .prefetch_related(scores)
        .annotate(
            normal_way_answers=Count(
                "normal_way", filter=Q(normal_way__answered_at__isnull=False), distinct=True
            ),
            alternative_count=Count("alternative_evidence", distinct=True),
        )
    )


def chain_for(
    arrangement: Arrangement, *, today: dt.date | None = None, series: ExamSeries | None = None
) -> rules_.Chain:
    """The domain's facts for one arrangement. Reads the annotations of ``with_evidence``
    when present (lists) and counts otherwise (one arrangement)."""
    today = today or timezone.localdate()
    form8: Form8 | None = arrangement.form8
    assessment = form8.assessment if form8 else None
    assessor = form8.assessor if form8 else None
    answers = getattr(arrangement, "normal_way_answers", None)
    if answers is None:
        answers = arrangement.normal_way.filter(answered_at__isnull=False).count()
    alternatives = getattr(arrangement, "alternative_count", None)
    if alternatives is None:
        alternatives = arrangement.alternative_evidence.count()
    problems: tuple[str, ...] = ()
    if assessor is not None and assessment is not None:
        problems = tuple(assessor.problems_for(assessment.taken_on))
    return rules_.Chain(
        kind=arrangement.kind,
        status=arrangement.status,
        nc_year=arrangement.pupil.nc_year,
        today=today,
        normal_way_answers=answers,
        decided=arrangement.decided_on is not None,
        alternative_evidence=alternatives,
        part1_signed_on=form8.part1_signed_on if form8 else None,
        assessment_on=assessment.taken_on if assessment else None,
        assessor_problems=problems,
        has_assessor=assessor is not None,
        scores=tuple((s.area, s.standard_score) for s in assessment.scores.all()) if assessment else (),
        illegible_handwriting=form8.illegible_handwriting if form8 else False,
        part3_on=form8.part3_completed_on if form8 else None,
        approval_reference=arrangement.approval_reference,
        expires_on=arrangement.expires_on,
        series_last_day=series.last_exam_on if series else None,
    )


@dataclass
class CheckedArrangement:
    arrangement: Arrangement
    result: rules_.ChainResult

    @property
    def gaps(self) -> list[rules_.Gap]:
        return self.result.gaps


def check(
    arrangement: Arrangement, *, today: dt.date | None = None, series: ExamSeries | None = None
) -> CheckedArrangement:
    facts = chain_for(arrangement, today=today, series=series)
    return CheckedArrangement(arrangement, rules_.check_chain(facts))


def check_all(
    qs: QuerySet[Arrangement], *, today: dt.date | None = None, series: ExamSeries | None = None
) -> list[CheckedArrangement]:
    """Every arrangement of ``qs`` with its gaps, in a fixed number of queries."""
    today = today or timezone.localdate()
    return [check(a, today=today, series=series) for a in with_evidence(qs)]


def next_series(school, *, today: dt.date | None = None) -> ExamSeries | None:
    """The series running now or next at ``school`` (the one approvals are checked against)."""
    today = today or timezone.localdate()
    return ExamSeries.objects.filter(school=school, last_exam_on__gte=today).order_by("first_exam_on").first()
