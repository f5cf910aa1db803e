"""Fetch-and-check for the candidate pages and API: 404 without access, the read logged once
the record is found (so a 404 leaves no row)."""

from __future__ import annotations

from django.http import Http404

from sendco.core.access import Audit, policy
from sendco.domain import access_arrangements as rules_

from . import selectors
from .models import Arrangement, Form8, NormalWayRequest


def get_arrangement(user, pk, perm: str = "aa.view", *, audit: Audit) -> Arrangement:
    arrangement = (
        selectors.visible_arrangements(user, detail=perm != "aa.view")
        .filter(pk=pk)
        .select_related("pupil", "pupil__school", "decided_by")
        .first()
    )
    if arrangement is None or not policy.can(user, perm, arrangement.pupil):
        raise Http404("No such arrangement")
    audit.record(arrangement.pupil, of=arrangement)
    return arrangement


def latest_form8(pupil) -> Form8 | None:
    return (
        Form8.objects.filter(pupil=pupil)
        .select_related("assessment", "assessor", "part1_signed_by")
        .order_by("-created_at", "-pk")
        .first()
    )


def _addressed_to(user):
    """Requests to ``user`` at schools where they still work (not after they leave)."""
    from .services import STAFF_ROLES

    schools = policy.roles(user).schools_with(STAFF_ROLES)
    return NormalWayRequest.objects.filter(requested_from=user, school_id__in=schools)


def get_my_request(user, pk, *, audit: Audit) -> NormalWayRequest:
    req = _addressed_to(user).filter(pk=pk).select_related("pupil", "arrangement", "requested_by").first()
    if req is None:
        raise Http404("No such request")
    audit.record(req.pupil, of=req)
    return req


def my_requests(user):
    return (
        _addressed_to(user)
        .filter(answered_at__isnull=True)
        .select_related("pupil", "arrangement", "requested_by")
        .order_by("created_at")
    )


def pupil_rows(user, pupil, *, detail: bool) -> list[dict]:
    """Each arrangement of ``pupil`` for the tab; with ``detail`` also its eligibility (for
    assessment-based kinds) and the evidence-chain gaps against the next series."""
    qs = selectors.visible_arrangements(user, detail=detail).filter(pupil=pupil)
    if not detail:
        return [{"arrangement": a} for a in qs.select_related("decided_by")]
    series = selectors.next_series(pupil.school)
    rows = []
    # The tab lists each arrangement's EHC plans and letters: fetched once, not per arrangement.
    for checked in selectors.check_all(qs.prefetch_related("alternative_evidence"), series=series):
        a = checked.arrangement
        decision = None
        if rules_.KIND_BY_CODE[a.kind].basis == rules_.ASSESSMENT:
            assessment = a.form8.assessment if a.form8 else None
            scores = [(s.area, s.standard_score) for s in assessment.scores.all()] if assessment else []
            decision = rules_.decide(
                a.kind, scores, illegible_handwriting=bool(a.form8 and a.form8.illegible_handwriting)
            )
        rows.append({"arrangement": a, "decision": decision, "gaps": checked.gaps})
    return rows
