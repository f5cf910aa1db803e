"""The statutory API: requests, plans, reviews and their computed deadlines, through the same
access policy, forms and services as the web pages. Every deadline carries its rule."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Q
from django.http import Http404
from ninja import Router, Schema, Status

from sendco.api.conflicts import Conflict
from sendco.api.types import BoundedDate
from sendco.audit.services import Read, log_list
from sendco.core.access import policy
from sendco.core.api_forms import form_data, values_of

from . import forms, selectors, services
from .models import AnnualReview, AssessmentRequest, EhcPlan
from .permissions import SEES_PLANS

API_PREFIX = "/statutory"
router = Router(tags=["statutory"])


class DeadlineOut(Schema):
    pupil_id: int
    kind: str
    subject_id: int
    rule: str
    title: str
    citation: str
    explanation: str
    interpretation: str
    due: date
    due_text: str
    status: str  # upcoming, due, overdue, met, met_late, excepted, stopped
    days_remaining: int
    met_on: date | None
    reason: str
    la: str
    internal: bool


def _deadline(row: selectors.Row) -> dict:
    return {
        "pupil_id": row.pupil_id,
        "kind": row.tracked.kind,
        "subject_id": row.tracked.subject_id,
        "rule": row.rule.code,
        "title": row.title,
        "citation": row.rule.citation,
        "explanation": row.rule.explanation,
        "interpretation": row.interpretation,
        "due": row.deadline.due,
        "due_text": row.due_text,
        "status": row.status,
        "days_remaining": row.deadline.days_remaining(row.today),
        "met_on": row.deadline.met_on,
        "reason": row.reason,
        "la": row.tracked.la,
        "internal": row.tracked.internal,
    }


class RequestIn(Schema):
    pupil_id: int | None = None
    la_name: str | None = None
    made_by: str | None = None
    made_by_name: str | None = None
    request_made: BoundedDate | None = None
    request_received: BoundedDate | None = None
    decision_made: BoundedDate | None = None
    decided_to_assess: bool | None = None
    draft_sent: BoundedDate | None = None
    draft_comments_received: BoundedDate | None = None
    final_issued: BoundedDate | None = None
    decided_not_to_issue: BoundedDate | None = None
    exception: str | None = None
    exception_detail: str | None = None
    withdrawn_on: BoundedDate | None = None


class RequestPatch(RequestIn):
    """Fields to change (the rest are kept); `version` is the one you read (409 if it changed)."""

    version: int


class RequestOut(Schema):
    id: int
    pupil_id: int
    la_name: str
    made_by: str
    made_by_name: str
    request_made: date | None
    request_received: date | None
    decision_made: date | None
    decided_to_assess: bool | None
    draft_sent: date | None
    draft_comments_received: date | None
    final_issued: date | None
    decided_not_to_issue: date | None
    exception: str
    exception_detail: str
    withdrawn_on: date | None
    version: int
    deadlines: list[DeadlineOut] = []


class OutcomeOut(Schema):
    id: int
    area: str
    outcome: str
    shorter_term_steps: str


class SectionFItemOut(Schema):
    id: int
    what: str
    frequency: str
    duration: str
    group_size: str
    delivered_by: str
    outcome_id: int | None


class SectionOut(Schema):
    code: str
    name: str
    text: str


class PlanIn(Schema):
    pupil_id: int | None = None
    la_name: str | None = None
    case_officer_name: str | None = None
    case_officer_email: str | None = None
    case_officer_phone: str | None = None
    issued_on: BoundedDate | None = None
    named_setting: str | None = None
    top_up_band: str | None = None
    top_up_amount: Decimal | None = None
    transfer_override: bool | None = None
    ceased_on: BoundedDate | None = None
    ceased_reason: str | None = None
    section_a: str | None = None
    section_b: str | None = None
    section_c: str | None = None
    section_d: str | None = None
    section_e: str | None = None
    section_f: str | None = None
    section_g: str | None = None
    section_h1: str | None = None
    section_h2: str | None = None
    section_i: str | None = None
    section_j: str | None = None
    section_k: str | None = None


class PlanPatch(PlanIn):
    """Fields to change (the rest are kept); `version` is the one you read (409 if it changed)."""

    version: int


class PlanOut(Schema):
    id: int
    pupil_id: int
    la_name: str
    case_officer_name: str
    case_officer_email: str
    issued_on: date
    named_setting: str
    top_up_band: str
    top_up_amount: Decimal | None
    transfer_override: bool | None
    ceased_on: date | None
    ceased_reason: str
    next_due: date | None
    version: int


class PlanDetailOut(PlanOut):
    sections: list[SectionOut]
    outcomes: list[OutcomeOut]
    provision: list[SectionFItemOut]
    deadlines: list[DeadlineOut]


class AnnualReviewIn(Schema):
    meeting_date: BoundedDate | None = None
    meeting_time: str | None = None
    location: str | None = None
    is_transfer_review: bool | None = None
    invitations_sent: BoundedDate | None = None
    advice_circulated: BoundedDate | None = None
    report_sent: BoundedDate | None = None
    la_decision: str | None = None
    la_decision_date: BoundedDate | None = None
    cancelled: bool | None = None


class AnnualReviewPatch(AnnualReviewIn):
    """Fields to change (the rest are kept); `version` is the one you read (409 if it changed)."""

    version: int


class AnnualReviewOut(Schema):
    id: int
    plan_id: int
    pupil_id: int
    meeting_date: date
    location: str
    is_transfer_review: bool
    invitations_sent: date | None
    advice_circulated: date | None
    held: bool
    pfa_discussed: bool
    report_sent: date | None
    la_decision: str
    la_decision_date: date | None
    cancelled: bool
    version: int
    deadlines: list[DeadlineOut] = []


class StatutoryConflict(Conflict):
    pass


class CountsOut(Schema):
    label: str
    overdue: int
    this_week: int
    this_half_term: int
    later: int


class DashboardOut(Schema):
    by_school: list[CountsOut]
    by_kind: list[CountsOut]
    by_la: list[CountsOut]


# --- helpers ------------------------------------------------------------------------------------


def _visible(user, model):
    """Records the user may see: pupils the policy shows them, at schools where their role
    sees plans (the same test as the "statutory.view" rule, as one query)."""
    schools = policy.roles(user).schools_with(SEES_PLANS)
    return model.objects.filter(pupil__in=policy.pupils(user), school_id__in=schools).select_related(
        "pupil__school"
    )


def _get(user, model, pk: int, perm: str = "statutory.view"):
    obj = _visible(user, model).filter(pk=pk).first()
    if obj is None or not policy.can(user, perm, obj.pupil):
        raise Http404
    return obj


def _data(form_class, instance, payload: Schema) -> dict:
    """Form data: the stored values (a new record's: the model's defaults), overridden by the
    fields the caller sent."""
    source = instance if instance is not None else form_class._meta.model()
    sent = payload.dict(exclude_unset=True)
    sent.pop("pupil_id", None)
    return form_data(sent, base=values_of(source, form_class._meta.fields))


def _rows_for(
    pupil_id: int, *, kind: str | None = None, root_id: int | None = None, subject_id: int | None = None
):
    rows, _ = selectors.compute(Q(pk=pupil_id))
    found = []
    for r in rows:
        if root_id is not None and (
            r.tracked.root_id != root_id or (kind == "request") != (r.tracked.kind == "request")
        ):
            continue
        if subject_id is not None and (
            r.tracked.subject_id != subject_id or r.tracked.kind not in ("review", "internal")
        ):
            continue
        found.append(_deadline(r))
    return found


def _log(request, pupil, what: str) -> None:
    Read.api(request, what).record(pupil)


# --- deadlines -------------------------------------------------------------------------------------


@router.get("/pupils/{int:pupil_id}/deadlines", response=list[DeadlineOut])
def pupil_deadlines(request, pupil_id: int):
    """Every deadline of one pupil's statutory record, met and stopped ones included."""
    pupil = policy.get_pupil(
        request.user, pupil_id, "statutory.view", audit=Read.api(request, "API statutory deadlines")
    )
    rows, _ = selectors.compute(Q(pk=pupil.pk))
    return [_deadline(r) for r in rows]


@router.get("/counts", response=DashboardOut)
def counts(request):
    """Open deadlines counted by school, kind and LA (no pupil data): trust officers, governors
    and whole-school roles."""
    if not policy.schools(request.user, "school.aggregates").exists():
        raise Http404
    data = selectors.trust_dashboard(request.user)
    keys = [b for b, _ in selectors.BUCKETS]

    def table(rows):
        return [{"label": r["label"], **dict(zip(keys, r["counts"], strict=True))} for r in rows]

    return {
        "by_school": table(data["by_school"]),
        "by_kind": table(data["by_kind"]),
        "by_la": table(data["by_la"]),
    }


# --- requests --------------------------------------------------------------------------------------------


@router.get("/requests/", response=list[RequestOut])
def list_requests(request):
    rows = list(_visible(request.user, AssessmentRequest))
    log_list(request, what="EHC needs assessment requests (API)", count=len(rows))
    return rows


@router.get("/requests/{int:request_id}", response=RequestOut)
def get_request(request, request_id: int):
    obj = _get(request.user, AssessmentRequest, request_id)
    _log(request, obj.pupil, "API EHC needs assessment request")
    obj.deadlines = _rows_for(obj.pupil_id, kind="request", root_id=obj.pk)
    return obj


@router.post("/requests/", response={201: RequestOut})
def create_request(request, payload: RequestIn):
    pupil = policy.get_pupil(
        request.user, payload.pupil_id, "statutory.change", audit=Read.for_write(request)
    )
    obj = services.save_request(actor=request.user, pupil=pupil, data=_data(forms.RequestForm, None, payload))
    obj.deadlines = _rows_for(pupil.pk, kind="request", root_id=obj.pk)
    return Status(201, obj)


@router.patch("/requests/{int:request_id}", response={200: RequestOut, 409: StatutoryConflict})
def update_request(request, request_id: int, payload: RequestPatch):
    obj = _get(request.user, AssessmentRequest, request_id, "statutory.change")
    obj = services.save_request(
        actor=request.user,
        pupil=obj.pupil,
        data=_data(forms.RequestForm, obj, payload),
        request=obj,
        expected_version=payload.version,
    )
    obj.deadlines = _rows_for(obj.pupil_id, kind="request", root_id=obj.pk)
    return obj


# --- plans -------------------------------------------------------------------------------------------------


def _plan_detail(plan: EhcPlan) -> dict:
    found = {name: getattr(plan, name) for name in PlanOut.model_fields}
    found.update(
        sections=[{"code": c, "name": n, "text": t} for c, n, t in plan.sections()],
        outcomes=list(plan.outcomes.all()),
        provision=list(plan.provision.all()),
        deadlines=_rows_for(plan.pupil_id, kind="plan", root_id=plan.pk),
    )
    return found


@router.get("/plans/", response=list[PlanOut])
def list_plans(request):
    rows = list(_visible(request.user, EhcPlan))
    log_list(request, what="EHC plans (API)", count=len(rows))
    return rows


@router.get("/plans/{int:plan_id}", response=PlanDetailOut)
def get_plan(request, plan_id: int):
    plan = _get(request.user, EhcPlan, plan_id)
    _log(request, plan.pupil, "API EHC plan")
    return _plan_detail(plan)


@router.post("/plans/", response={201: PlanDetailOut})
def create_plan(request, payload: PlanIn):
    pupil = policy.get_pupil(
        request.user, payload.pupil_id, "statutory.change", audit=Read.for_write(request)
    )
    plan = services.save_plan(actor=request.user, pupil=pupil, data=_data(forms.PlanForm, None, payload))
    return Status(201, _plan_detail(plan))


@router.patch("/plans/{int:plan_id}", response={200: PlanDetailOut, 409: StatutoryConflict})
def update_plan(request, plan_id: int, payload: PlanPatch):
    plan = _get(request.user, EhcPlan, plan_id, "statutory.change")
    plan = services.save_plan(
        actor=request.user,
        pupil=plan.pupil,
        data=_data(forms.PlanForm, plan, payload),
        plan=plan,
        expected_version=payload.version,
    )
    return _plan_detail(plan)


# --- reviews ---------------------------------------------------------------------------------


@router.get("/reviews/{int:review_id}", response=AnnualReviewOut)
def get_review(request, review_id: int):
    review = _get(request.user, AnnualReview, review_id)
    _log(request, review.pupil, "API annual review")
    review.deadlines = _rows_for(review.pupil_id, subject_id=review.pk)
    return review


@router.post("/plans/{int:plan_id}/reviews", response={201: AnnualReviewOut})
def create_review(request, plan_id: int, payload: AnnualReviewIn):
    plan = _get(request.user, EhcPlan, plan_id, "statutory.change")
    review = services.save_review(actor=request.user, plan=plan, data=_data(forms.ReviewForm, None, payload))
    review.deadlines = _rows_for(review.pupil_id, subject_id=review.pk)
    return Status(201, review)


@router.patch("/reviews/{int:review_id}", response={200: AnnualReviewOut, 409: StatutoryConflict})
def update_review(request, review_id: int, payload: AnnualReviewPatch):
    review = _get(request.user, AnnualReview, review_id, "statutory.change")
    review = services.save_review(
        actor=request.user,
        plan=review.plan,
        data=_data(forms.ReviewForm, review, payload),
        review=review,
        expected_version=payload.version,
    )
    review.deadlines = _rows_for(review.pupil_id, subject_id=review.pk)
    return review
