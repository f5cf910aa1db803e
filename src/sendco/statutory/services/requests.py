"""Requests for an EHC needs assessment, their document and the advice asked for."""

from __future__ import annotations

from django.db import transaction

from sendco.core.services_base import stamp_change

from .. import forms
from ..models import (
    AdviceRequest,
    AssessmentRequest,
)
from ..request_document import section_keys
from ._base import _form, _lock, _require, _versioned_save, check_timeline

# --- requests for an EHC needs assessment -----------------------------------------------------------


@transaction.atomic
def save_request(
    *, actor, pupil, data, request: AssessmentRequest | None = None, expected_version: int | None = None
) -> AssessmentRequest:
    _require(actor, "statutory.change", pupil)
    if request is not None:
        request = _lock(AssessmentRequest, request, expected_version)
    form = _form(forms.RequestForm, data, instance=request)
    obj = form.save(commit=False)
    creating = obj.pk is None
    if creating:
        obj.pupil, obj.school, obj.created_by = pupil, pupil.school, actor
    else:
        obj.version += 1
    stamp_change(obj, actor=actor, reason="Request recorded" if creating else "Request updated").save()
    check_timeline(pupil)
    return obj


@transaction.atomic
def save_request_document(*, actor, request: AssessmentRequest, sections: dict, expected_version: int | None):
    _require(actor, "statutory.request_document", request.pupil)
    _require(actor, "statutory.change", request.pupil)
    current = _lock(AssessmentRequest, request, expected_version)
    keys = set(section_keys())
    current.document = {k: str(v)[:20_000] for k, v in sections.items() if k in keys}
    current.version += 1
    stamp_change(current, actor=actor, reason="Request document edited").save()
    return current


@transaction.atomic
def save_advice(
    *,
    actor,
    request: AssessmentRequest,
    data,
    advice: AdviceRequest | None = None,
    expected_version: int | None = None,
) -> AdviceRequest:
    _require(actor, "statutory.change", request.pupil)
    if advice is not None:
        advice = _lock(AdviceRequest, advice, expected_version)
    obj = _form(forms.AdviceForm, data, instance=advice).save(commit=False)
    obj.request, obj.pupil, obj.school = request, request.pupil, request.school
    _versioned_save(obj, actor, "Advice recorded")
    check_timeline(request.pupil)
    return obj
