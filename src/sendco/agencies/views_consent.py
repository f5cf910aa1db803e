"""Consent pages: record a parent's consent, withdraw it. Thin: fetch through the access policy
(404 otherwise), call one service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from sendco.audit.services import Read
from sendco.core.access import policy
from sendco.core.concurrency import attempt_save, keep_typed_on_current
from sendco.core.form_helpers import copy_errors

from . import selectors_referrals as selectors
from . import services_consent as services
from .forms_referrals import ConsentForm, WithdrawForm
from .models import Consent


@login_required
def consent_create(request, pk: int):
    pupil = policy.get_pupil(request.user, pk, "agencies.consent", audit=Read.form(request, "Record consent"))
    agencies = selectors.agencies_for(pupil.school)
    # A link from another page may name the purpose (e.g. the Access tab: professional access).
    wanted = request.GET.get("purpose", "")
    initial = {"given_on": timezone.localdate(), "how": Consent.How.WRITTEN}
    if wanted in Consent.Purpose.values:
        initial["purpose"] = wanted
    form = ConsentForm(request.POST or None, agencies=agencies, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.record_consent(
                actor=request.user, pupil=pupil, purpose=d["purpose"] or "", agency=d["agency"],
                given_by=d["given_by"] or "", given_on=d["given_on"], how=d["how"] or "",
                relationship=d["relationship"], notes=d["notes"],
            )  # fmt: skip
        except ValidationError as exc:
            copy_errors(form, exc)
        else:
            messages.success(request, "The consent was recorded.")
            if d["purpose"] == Consent.Purpose.PROFESSIONAL_ACCESS:
                return redirect("access-pupil-list", pk=pupil.pk)
            return redirect("referral-pupil-list", pk=pupil.pk)
    return render(request, "agencies/consent_form.html", {"form": form, "pupil": pupil})


@login_required
def consent_withdraw(request, consent_id: int):
    consent = selectors.get_consent(
        request.user, consent_id, "agencies.consent",
        audit=Read.form(request, lambda c: f"Withdraw consent: {c.get_purpose_display()}"),
    )  # fmt: skip
    pupil = consent.pupil
    form = WithdrawForm(
        request.POST or None,
        initial={
            "version": consent.version,
            "withdrawn_by": consent.given_by,
            "withdrawn_on": timezone.localdate(),
        },
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        attempt = attempt_save(form, lambda: _withdraw(request, consent, d))
        if attempt.ok:
            messages.success(request, "The consent was withdrawn.")
            return redirect("referral-pupil-list", pk=pupil.pk)
        conflict = attempt.conflict
        if conflict is not None:
            keep_typed_on_current(form, conflict)
    return render(
        request,
        "agencies/consent_withdraw.html",
        {
            "form": form, "consent": consent, "pupil": pupil, "conflict": conflict,
            "revokes_access": consent.purpose == Consent.Purpose.PROFESSIONAL_ACCESS,
        },
    )  # fmt: skip


def _withdraw(request, consent, d):
    return services.withdraw_consent(
        actor=request.user, consent=consent, withdrawn_on=d.get("withdrawn_on"),
        withdrawn_by=d.get("withdrawn_by") or "", reason=d.get("reason") or "",
        expected_version=d.get("version"),
    )  # fmt: skip
