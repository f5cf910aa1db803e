"""EHC plans: the plan, its outcomes, its provision and its documents."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from sendco.core import uploads
from sendco.core.services_base import stamp_change, validated

from .. import forms
from ..models import (
    AssessmentRequest,
    EhcPlan,
    PlanDocument,
    PlanOutcome,
    ProvisionItem,
)
from ._base import _form, _lock, _require, _versioned_save, check_timeline

# --- plans -------------------------------------------------------------------------------------------


@transaction.atomic
def save_plan(
    *,
    actor,
    pupil,
    data,
    plan: EhcPlan | None = None,
    expected_version: int | None = None,
    request: AssessmentRequest | None = None,
) -> EhcPlan:
    _require(actor, "statutory.change", pupil)
    if plan is not None:
        plan = _lock(EhcPlan, plan, expected_version)
    obj = _form(forms.PlanForm, data, instance=plan).save(commit=False)
    creating = obj.pk is None
    if creating:
        obj.pupil, obj.school = pupil, pupil.school
        if request is not None and request.pupil_id == pupil.pk:
            obj.request = request
    else:
        obj.version += 1
    source = obj.request
    if source is not None:
        earliest = source.request_received or source.request_made
        if earliest and obj.issued_on < earliest:
            raise ValidationError({"issued_on": ["The final plan cannot be dated before the request."]})
    reason = (
        "Plan recorded"
        if creating
        else ("Plan ceased" if obj.ceased_on and plan and not plan.ceased_on else "Plan updated")
    )
    stamp_change(obj, actor=actor, reason=reason).save()
    check_timeline(pupil)
    return obj


@transaction.atomic
def save_outcome(
    *, actor, plan: EhcPlan, data, outcome: PlanOutcome | None = None, expected_version: int | None = None
) -> PlanOutcome:
    _require(actor, "statutory.change", plan.pupil)
    if outcome is not None:
        outcome = _lock(PlanOutcome, outcome, expected_version)
    obj = _form(forms.OutcomeForm, data, instance=outcome).save(commit=False)
    obj.plan, obj.pupil, obj.school = plan, plan.pupil, plan.school
    _versioned_save(obj, actor, "Section E outcome saved")
    return obj


@transaction.atomic
def save_provision(
    *, actor, plan: EhcPlan, data, item: ProvisionItem | None = None, expected_version: int | None = None
) -> ProvisionItem:
    _require(actor, "statutory.change", plan.pupil)
    if item is not None:
        item = _lock(ProvisionItem, item, expected_version)
    obj = _form(forms.ProvisionForm, data, instance=item, plan=plan).save(commit=False)
    obj.plan, obj.pupil, obj.school = plan, plan.pupil, plan.school
    _versioned_save(obj, actor, "Section F provision saved")
    return obj


@transaction.atomic
def delete_plan_part(*, actor, part) -> None:
    """Remove an outcome or a provision item (history keeps the deleted row)."""
    _require(actor, "statutory.change", part.pupil)
    stamp_change(part, actor=actor, reason="Removed").delete()


@transaction.atomic
def upload_document(*, actor, plan: EhcPlan, data, files) -> PlanDocument:
    _require(actor, "statutory.change", plan.pupil)
    form = validated(forms.DocumentForm(data, files))
    if form.cleaned_data["dated"] < plan.issued_on and form.cleaned_data["kind"] != PlanDocument.Kind.DRAFT:
        raise ValidationError({"dated": ["This document is dated before the plan was made."]})
    upload = form.cleaned_data["file"]
    doc = PlanDocument(
        plan=plan,
        pupil=plan.pupil,
        school=plan.school,
        kind=form.cleaned_data["kind"],
        dated=form.cleaned_data["dated"],
        original_name=uploads.display_name(upload.name),
        size=upload.size,
        uploaded_by=actor,
    )
    doc.file.save("plan.pdf", upload, save=False)
    stamp_change(doc, actor=actor, reason="Document uploaded").save()
    return doc
