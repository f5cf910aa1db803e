"""Passports, plans (cycles), targets and reviews under /api/v1/plans/, through the same access
policy, services and forms as the web pages. Content for staff only or the SENCO team only is
null for callers who may not see it; staff-only targets are left out for them."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Query, Router, Schema, Status

from sendco.api.conflicts import Conflict
from sendco.api.types import BoundedDate
from sendco.audit.services import Read, log_list
from sendco.core.access import policy
from sendco.core.api_forms import form_data

from . import selectors, services

API_PREFIX = "/plans"
router = Router(tags=["plans"])


class PassportOut(Schema):
    pupil_id: int
    about_me: str
    good_at: str
    important_to_me: str
    find_hard: str
    how_to_help: str
    working_on: str
    pupil_words: str
    staff_notes: str | None
    version: int


class PassportIn(Schema):
    """Fields to change; `version` is the version you read (0 for a new passport; 409 if it changed)."""

    version: int
    about_me: str | None = None
    good_at: str | None = None
    important_to_me: str | None = None
    find_hard: str | None = None
    how_to_help: str | None = None
    working_on: str | None = None
    pupil_words: str | None = None
    staff_notes: str | None = None


class RatingOut(Schema):
    rating: str
    evidence: str
    comment: str
    carried: bool


class TargetOut(Schema):
    id: int
    cycle_id: int
    position: int
    area: str
    description: str
    measure: str
    baseline: str
    success_criteria: str
    due_date: date
    responsible: str
    strategies: str
    provision: str
    staff_only: bool
    carried_from_id: int | None
    rating: RatingOut | None = None
    version: int


class TargetIn(Schema):
    area: str
    description: str
    measure: str
    due_date: BoundedDate
    baseline: str = ""
    success_criteria: str = ""
    responsible: str = ""
    strategies: str = ""
    provision: str = ""
    staff_only: bool = False


class TargetPatch(Schema):
    version: int
    area: str | None = None
    description: str | None = None
    measure: str | None = None
    due_date: BoundedDate | None = None
    baseline: str | None = None
    success_criteria: str | None = None
    responsible: str | None = None
    strategies: str | None = None
    provision: str | None = None
    staff_only: bool | None = None


class SupportReviewOut(Schema):
    held_on: date
    attendees: str
    pupil_views: str
    parent_views: str
    summary: str
    decision: str
    staff_notes: str | None


class CycleOut(Schema):
    id: int
    pupil_id: int
    plan_id: int
    number: int
    status: str
    start_date: date
    review_date: date
    needs_summary: str
    outcomes: str
    strategies: str
    staff_notes: str | None
    senco_notes: str | None
    targets: list[TargetOut]
    review: SupportReviewOut | None
    version: int


class CycleSummary(Schema):
    id: int
    pupil_id: int
    number: int
    status: str
    start_date: date
    review_date: date


class CycleIn(Schema):
    start_date: BoundedDate
    review_date: BoundedDate
    needs_summary: str = ""
    outcomes: str = ""
    strategies: str = ""
    staff_notes: str = ""
    senco_notes: str = ""


class CyclePatch(Schema):
    version: int
    start_date: BoundedDate | None = None
    review_date: BoundedDate | None = None
    needs_summary: str | None = None
    outcomes: str | None = None
    strategies: str | None = None
    staff_notes: str | None = None
    senco_notes: str | None = None


class RatingIn(Schema):
    target_id: int
    rating: str
    evidence: str = ""
    comment: str = ""
    carry: bool = True


class SupportReviewIn(Schema):
    held_on: BoundedDate
    attendees: str
    decision: str
    ratings: list[RatingIn]
    pupil_views: str = ""
    parent_views: str = ""
    summary: str = ""
    next_review_date: BoundedDate | None = None
    staff_notes: str = ""


class ReviewResult(Schema):
    review: SupportReviewOut
    next_cycle: CycleSummary | None


class SupportPlanConflict(Conflict):
    version: int


def _passport_out(passport, audience) -> dict:
    out = {name: getattr(passport, name) for name in PassportOut.model_fields if hasattr(passport, name)}
    out["staff_notes"] = passport.staff_notes if audience.staff else None
    return out


def _review_out(review, audience) -> dict:
    out = {k: getattr(review, k) for k in SupportReviewOut.model_fields}
    out["staff_notes"] = review.staff_notes if audience.staff else None
    return out


def _cycle_out(cycle, audience) -> dict:
    targets = selectors.targets_for(cycle, audience)
    out = {k: getattr(cycle, k) for k in CycleOut.model_fields if k not in ("targets", "review")}
    out["staff_notes"] = cycle.staff_notes if audience.staff else None
    out["senco_notes"] = cycle.senco_notes if audience.senco else None
    out["targets"] = [
        {
            **{k: getattr(t, k) for k in TargetOut.model_fields if k != "rating"},
            "rating": getattr(t, "rating", None),
        }
        for t in targets
    ]
    review = getattr(cycle, "review", None) if not cycle.is_current else None
    out["review"] = _review_out(review, audience) if review else None
    return out


def _target_out(target) -> dict:
    return {**{k: getattr(target, k) for k in TargetOut.model_fields if k != "rating"}, "rating": None}


@router.get("/pupils/{int:pupil_id}/passport", response=PassportOut)
def get_passport(request, pupil_id: int):
    pupil = policy.get_pupil_unlogged(request.user, pupil_id, "plans.view")
    passport = selectors.passport_of(pupil)
    if passport is None:
        raise Http404("No passport")
    Read.api(request, "Passport").record(pupil)
    return _passport_out(passport, selectors.audience_for(request.user, pupil))


@router.put("/pupils/{int:pupil_id}/passport", response={200: PassportOut, 409: SupportPlanConflict})
def put_passport(request, pupil_id: int, payload: PassportIn):
    pupil = policy.get_pupil(request.user, pupil_id, "plans.passport_change", audit=Read.for_write(request))
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    passport = services.save_passport(
        actor=request.user,
        pupil=pupil,
        data=form_data(changes),
        expected_version=version,
        partial=True,
    )
    return Status(200, _passport_out(passport, selectors.audience_for(request.user, pupil)))


@router.get("/pupils/{int:pupil_id}/cycles", response=list[CycleSummary])
def list_cycles(request, pupil_id: int):
    pupil = policy.get_pupil(request.user, pupil_id, "plans.view", audit=Read.api(request, "Plan cycles"))
    return selectors.cycles_of(pupil)


@router.post("/pupils/{int:pupil_id}/cycles", response={201: CycleOut})
def start_plan(request, pupil_id: int, payload: CycleIn):
    pupil = policy.get_pupil(request.user, pupil_id, "plans.change", audit=Read.for_write(request))
    template = selectors.template_for(None, pupil.school)
    cycle = services.start_plan(
        actor=request.user, pupil=pupil, data=form_data(payload.dict()), template=template
    )
    return Status(201, _cycle_out(cycle, selectors.audience_for(request.user, pupil)))


@router.get("/cycles/{int:cycle_id}", response=CycleOut)
def get_cycle(request, cycle_id: int):
    cycle = selectors.get_cycle_by_id(
        request.user, cycle_id, audit=Read.api(request, lambda c: f"Plan cycle {c.number}")
    )
    return _cycle_out(cycle, selectors.audience_for(request.user, cycle.pupil))


@router.patch("/cycles/{int:cycle_id}", response={200: CycleOut, 409: SupportPlanConflict})
def update_cycle(request, cycle_id: int, payload: CyclePatch):
    cycle = selectors.get_cycle_by_id(request.user, cycle_id, "plans.change", audit=Read.for_write(request))
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    cycle = services.update_cycle(
        actor=request.user, cycle=cycle, data=form_data(changes), expected_version=version, partial=True
    )
    # The answer to the PATCH, re-read as the caller sees it now: the write is what history records.
    cycle = selectors.get_cycle_by_id(request.user, cycle_id, audit=Read.for_write(request))
    return Status(200, _cycle_out(cycle, selectors.audience_for(request.user, cycle.pupil)))


@router.post("/cycles/{int:cycle_id}/targets", response={201: TargetOut})
def add_target(request, cycle_id: int, payload: TargetIn):
    cycle = selectors.get_cycle_by_id(request.user, cycle_id, "plans.change", audit=Read.for_write(request))
    target = services.save_target(actor=request.user, cycle=cycle, data=form_data(payload.dict()))
    return Status(201, _target_out(target))


@router.patch("/targets/{int:target_id}", response={200: TargetOut, 409: SupportPlanConflict})
def update_target(request, target_id: int, payload: TargetPatch):
    target = selectors.get_target_by_id(
        request.user, target_id, "plans.change", audit=Read.for_write(request)
    )
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    target = services.save_target(
        actor=request.user,
        cycle=target.cycle,
        data=form_data(changes),
        target=target,
        expected_version=version,
        partial=True,
    )
    return Status(200, _target_out(target))


@router.post("/cycles/{int:cycle_id}/review", response={201: ReviewResult})
def review_cycle(request, cycle_id: int, payload: SupportReviewIn):
    cycle = selectors.get_cycle_by_id(request.user, cycle_id, "plans.change", audit=Read.for_write(request))
    data = form_data(payload.dict(exclude={"ratings"}))
    known = set(cycle.targets.values_list("pk", flat=True))
    unknown = [r.target_id for r in payload.ratings if r.target_id not in known]
    if unknown:
        raise ValidationError({"ratings": [f"Target {t} is not part of this plan." for t in unknown]})
    for r in payload.ratings:
        data |= form_data(
            {
                f"rating_{r.target_id}": r.rating,
                f"evidence_{r.target_id}": r.evidence,
                f"comment_{r.target_id}": r.comment,
            }
        )
    carry = {r.target_id: r.carry for r in payload.ratings}
    review, nxt = services.record_review(actor=request.user, cycle=cycle, data=data, carry=carry)
    audience = selectors.audience_for(request.user, cycle.pupil)
    return Status(201, {"review": _review_out(review, audience), "next_cycle": nxt})


@router.delete("/cycles/{int:cycle_id}/review", response={204: None})
def undo_review(request, cycle_id: int):
    """Take back a review recorded by mistake (422 once the version it opened was worked on)."""
    cycle = selectors.get_cycle_by_id(request.user, cycle_id, "plans.change", audit=Read.for_write(request))
    services.undo_review(actor=request.user, cycle=cycle)
    return Status(204, None)


class DueFilters(Schema):
    weeks: int = 4


class DueOut(Schema):
    id: int  # the cycle
    pupil_id: int
    pupil_name: str
    review_date: date
    state: str


@router.get("/reviews-due", response=list[DueOut])
def reviews_due(request, filters: Query[DueFilters]):
    if not policy.schools(request.user, "school.reviews_due").exists():
        return []
    weeks = min(max(filters.weeks, 0), 52)
    rows = selectors.with_states(selectors.reviews_due(request.user, weeks=weeks), weeks=weeks)
    log_list(request, what=f"Support plan reviews due within {weeks} weeks (API)", count=len(rows))
    return [
        {
            "id": c.pk,
            "pupil_id": c.pupil_id,
            "pupil_name": c.pupil.full_name,
            "review_date": c.review_date,
            "state": c.state,
        }
        for c in rows
    ]
