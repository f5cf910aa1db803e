"""Changing a referral, each on its own page: its status (only the next statuses the domain
allows), its details (version checked), and another document."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from sendco.assessments.models import ProfessionalReport
from sendco.audit.services import Read
from sendco.core.concurrency import attempt_save, keep_typed_on_current
from sendco.core.form_helpers import copy_errors

from . import selectors_referrals as selectors
from . import services_referrals as services
from .forms_referrals import DocumentForm, ReferralEditForm, StatusForm


def _reports(referral):
    return ProfessionalReport.objects.filter(pupil=referral.pupil).order_by("-written_on", "-pk")


def _fetch(request, referral_id, what):
    return selectors.get_referral(
        request.user,
        referral_id,
        "agencies.refer",
        audit=Read.form(request, lambda r: f"{what}: referral to {r.agency.name}"),
    )


@login_required
def referral_status(request, referral_id: int):
    referral = _fetch(request, referral_id, "Change status")
    kwargs = {"current": referral.status, "reports": _reports(referral)}
    form = StatusForm(request.POST or None, initial={"version": referral.version}, **kwargs)
    conflict = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        attempt = attempt_save(
            form,
            lambda: services.change_status(
                actor=request.user, referral=referral, status=d["status"] or "", on=d["on"],
                note=d["note"], appointment_at=d["appointment_at"], report=d["report"],
                expected_version=d["version"],
            ),
        )  # fmt: skip
        if attempt.ok:
            messages.success(request, f"The referral is now: {attempt.result.get_status_display().lower()}.")
            return redirect("referral-detail", referral_id=referral.pk)
        if (conflict := attempt.conflict) is not None:
            # The statuses on offer follow the referral as it is now.
            keep_typed_on_current(form, conflict)
            form = StatusForm(form.data, **kwargs | {"current": conflict.status})
            form.is_valid()
    return render(
        request,
        "agencies/referral_status.html",
        {"form": form, "referral": referral, "pupil": referral.pupil, "conflict": conflict},
    )


@login_required
def referral_edit(request, referral_id: int):
    referral = _fetch(request, referral_id, "Change")
    reports = _reports(referral)
    initial = {
        "version": referral.version, "reason": referral.reason, "outcome": referral.outcome,
        "expected_response_days": referral.expected_response_days, "report": referral.report,
    }  # fmt: skip
    form = ReferralEditForm(request.POST or None, initial=initial, reports=reports)
    conflict = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        attempt = attempt_save(
            form,
            lambda: services.update_referral(
                actor=request.user, referral=referral, reason=d["reason"] or "",
                expected_response_days=d["expected_response_days"], outcome=d["outcome"], report=d["report"],
                expected_version=d["version"],
            ),
        )  # fmt: skip
        if attempt.ok:
            messages.success(request, "The referral was changed.")
            return redirect("referral-detail", referral_id=referral.pk)
        if (conflict := attempt.conflict) is not None:
            keep_typed_on_current(form, conflict)
    return render(
        request,
        "agencies/referral_edit.html",
        {"form": form, "referral": referral, "pupil": referral.pupil, "conflict": conflict},
    )


@login_required
def referral_document_add(request, referral_id: int):
    referral = _fetch(request, referral_id, "Add a document")
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_document(
                actor=request.user, referral=referral, upload=request.FILES.get("file"),
                description=form.cleaned_data["description"],
            )  # fmt: skip
        except ValidationError as exc:
            copy_errors(form, exc)
        else:
            messages.success(request, "The document was added.")
            return redirect("referral-detail", referral_id=referral.pk)
    return render(
        request,
        "agencies/referral_document_form.html",
        {"form": form, "referral": referral, "pupil": referral.pupil},
    )
