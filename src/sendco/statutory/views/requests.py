"""The EHC tab of a pupil, requests for an EHC needs assessment and the advice for them."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from sendco.audit.services import Read
from sendco.core.access import policy
from sendco.core.form_helpers import int_or_none

from .. import forms, selectors, services
from ..lookups import pupil_for
from ..models import AdviceRequest, AssessmentRequest, LaSetting
from .common import _base, _form_page

# --- the EHC tab --------------------------------------------------------------------------------


@login_required
def pupil_ehc(request, pk: int):
    pupil = pupil_for(request.user, pk, audit=Read.view(request, "EHC plan and statutory deadlines"))
    context = _base(request, pupil, **selectors.pupil_record(request.user, pupil))
    context["can_document"] = policy.can(request.user, "statutory.request_document", pupil)
    return render(request, "statutory/pupil.html", context)


# --- requests -----------------------------------------------------------------------------------


@login_required
def request_new(request, pk: int):
    pupil = pupil_for(
        request.user, pk, "statutory.change", audit=Read.form(request, "Request for an EHC needs assessment")
    )
    las = list(LaSetting.objects.filter(school=pupil.school).values_list("la_name", flat=True)[:2])
    form = forms.RequestForm(
        request.POST or None,
        # The school's own LA when it has set up just one: most requests go to it.
        initial={"request_made": timezone.localdate(), "la_name": las[0] if len(las) == 1 else ""},
    )
    return _form_page(
        request,
        pupil,
        form=form,
        title="Request for an EHC needs assessment",
        intro="The 6-, 16- and 20-week limits start when the LA receives the request.",
        save=lambda: services.save_request(actor=request.user, pupil=pupil, data=request.POST),
        back=reverse("statutory-pupil", args=[pupil.pk]),
    )


@login_required
def request_edit(request, pk: int, rid: int):
    pupil = pupil_for(
        request.user, pk, "statutory.change", audit=Read.form(request, "Request for an EHC needs assessment")
    )
    obj = get_object_or_404(AssessmentRequest, pk=rid, pupil=pupil)
    form = forms.RequestForm(request.POST or None, instance=obj, initial={"version": obj.version})
    rows = [r for r in selectors.pupil_record(request.user, pupil)["requests"] if r.pk == obj.pk][
        0
    ].deadline_rows
    return _form_page(
        request,
        pupil,
        form=form,
        title="Request for an EHC needs assessment",
        rows=rows,
        save=lambda: services.save_request(
            actor=request.user,
            pupil=pupil,
            data=request.POST,
            request=obj,
            expected_version=int_or_none(request.POST.get("version")),
        ),
        back=reverse("statutory-pupil", args=[pupil.pk]),
    )


@login_required
def advice_new(request, pk: int, rid: int, aid: int | None = None):
    pupil = pupil_for(
        request.user, pk, "statutory.change", audit=Read.form(request, "Advice for the assessment")
    )
    obj = get_object_or_404(AssessmentRequest, pk=rid, pupil=pupil)
    advice = get_object_or_404(AdviceRequest, pk=aid, request=obj) if aid else None
    form = forms.AdviceForm(request.POST or None, instance=advice)
    return _form_page(
        request,
        pupil,
        form=form,
        title="Advice for the assessment",
        intro="Advice is due within 6 weeks of the LA's request for it (Reg 8).",
        save=lambda: services.save_advice(
            actor=request.user,
            request=obj,
            data=request.POST,
            advice=advice,
            expected_version=int_or_none(request.POST.get("version")),
        ),
        back=reverse("statutory-pupil", args=[pupil.pk]),
    )
