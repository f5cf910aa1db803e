"""Referral pages: the pupil's "Referrals" tab (referrals and consents), refer a pupil, a
referral with its history, flags and documents, a document's download and the printable
referral form. Changes to a referral are in views_referral_changes. Thin: fetch through the
access policy (404 otherwise), call one service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from sendco.audit.models import AccessLog
from sendco.audit.services import Read
from sendco.core import uploads
from sendco.core.access import policy
from sendco.core.documents import pdf_response
from sendco.core.form_helpers import copy_errors, int_or_none
from sendco.core.navigation import pupil_tabs
from sendco.core.pupil_parts import PAGE_PARTS

from . import selectors_referrals as selectors
from . import services_referrals as services
from .consents import current_consents
from .forms_referrals import ReferralForm
from .models import Consent

TAB = "referral-pupil-list"


def _what(referral) -> str:
    return f"Referral to {referral.agency.name}"


@login_required
def pupil_referrals(request, pk: int):
    pupil = policy.get_pupil(
        request.user, pk, "agencies.view_referrals", audit=Read.view(request, "Referrals and consent")
    )
    return render(
        request,
        "agencies/pupil_referrals.html",
        {
            "pupil": pupil,
            "tabs": pupil_tabs(request.user, pupil, TAB),
            "rows": selectors.pupil_referrals(pupil),
            "consents": selectors.pupil_consents(pupil),
            "can_refer": policy.can(request.user, "agencies.refer", pupil),
            "can_consent": policy.can(request.user, "agencies.consent", pupil),
        },
    )


@login_required
def referral_create(request, pk: int):
    pupil = policy.get_pupil(request.user, pk, "agencies.refer", audit=Read.form(request, "Refer a pupil"))
    agencies = selectors.agencies_for(pupil.school)
    consents = current_consents(pupil, Consent.Purpose.REFERRAL).select_related("agency")
    chosen = agencies.filter(pk=int_or_none(request.GET.get("agency"))).first()
    initial = {"agency": chosen, "expected_response_days": chosen.typical_wait_days} if chosen else {}
    form = ReferralForm(
        request.POST or None, request.FILES or None, agencies=agencies, consents=consents, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            referral = services.create_referral(
                actor=request.user, pupil=pupil, agency=d["agency"], reason=d["reason"] or "",
                consent=d["consent"], record_consent=form.record_consent(),
                expected_response_days=d["expected_response_days"], send=request.POST.get("action") == "send",
                sent_on=d["sent_on"], uploads_=tuple(request.FILES.getlist("documents")),
            )  # fmt: skip
        except ValidationError as exc:
            copy_errors(form, exc)
        else:
            sent = referral.status == "sent"
            messages.success(
                request, "The referral was sent." if sent else "The referral was saved as a draft."
            )
            return redirect("referral-detail", referral_id=referral.pk)
    return render(
        request,
        "agencies/referral_form.html",
        {"form": form, "pupil": pupil, "agencies": list(agencies), "has_consents": consents.exists()},
    )


@login_required
def referral_detail(request, referral_id: int):
    referral = selectors.get_referral(request.user, referral_id, audit=Read.view(request, _what))
    return render(
        request,
        "agencies/referral_detail.html",
        {
            "referral": referral,
            "pupil": referral.pupil,
            "row": selectors.row_for(referral, timezone.localdate()),
            "events": referral.events.select_related("by"),
            "documents": referral.documents.all(),
            "can_refer": policy.can(request.user, "agencies.refer", referral.pupil),
            "can_read_report": referral.report_id is not None
            and policy.can(request.user, "report.view", referral.pupil),
        },
    )


@login_required
def referral_document(request, referral_id: int, document_id: int):
    referral = selectors.get_referral(request.user, referral_id, audit=Read.download(request))
    doc = get_object_or_404(referral.documents, pk=document_id)
    Read.as_(request, AccessLog.Action.DOWNLOAD, f"{_what(referral)}: document {doc.original_name}").record(
        referral.pupil, of=doc
    )
    return uploads.download(
        doc.file,
        content_type=doc.content_type,
        original_name=doc.original_name,
        fallback=f"referral-{doc.pk}",
    )


@login_required
def referral_print(request, referral_id: int):
    referral = selectors.get_referral(request.user, referral_id, audit=Read.download(request))
    pupil = referral.pupil
    needs = PAGE_PARTS["needs"](pupil) if "needs" in PAGE_PARTS else []
    return pdf_response(
        request,
        "agencies/referral_pdf.html",
        {
            "pupil": pupil,
            "school": pupil.school,
            "referral": referral,
            "needs": [n for n in needs if getattr(n, "end_date", None) is None],
            "contact": referral.created_by or request.user,
            "title": _what(referral),
        },
        filename=f"referral-{pupil.upn}-{referral.pk}.pdf",
        pupil=pupil,
        what=f"{_what(referral)} (PDF)",
    )
