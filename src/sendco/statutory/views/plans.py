"""EHC plans: the plan and its sections, section E outcomes, section F provision, amendments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from sendco.audit.services import Read
from sendco.core.form_helpers import int_or_none

from .. import forms, selectors, services
from ..lookups import plan_for, pupil_for
from ..models import Amendment, AssessmentRequest, PlanOutcome, ProvisionItem
from .common import _base, _form_page

# --- plans ------------------------------------------------------------------------------------------


@login_required
def plan_new(request, pk: int):
    pupil = pupil_for(request.user, pk, "statutory.change", audit=Read.form(request, "Record an EHC plan"))
    source = AssessmentRequest.objects.filter(pk=int_or_none(request.GET.get("request")), pupil=pupil).first()
    initial = {}
    if source is not None:
        initial = {
            "la_name": source.la_name,
            "issued_on": source.final_issued,
            "section_i": pupil.school.name,
            "named_setting": pupil.school.name,
        }
    form = forms.PlanForm(request.POST or None, initial=initial)
    return _form_page(
        request,
        pupil,
        form=form,
        title="Record an EHC plan",
        intro="Record the final plan as issued by the LA, section by section (Reg 12).",
        save=lambda: services.save_plan(actor=request.user, pupil=pupil, data=request.POST, request=source),
        back=lambda plan: reverse("statutory-plan", args=[pupil.pk, plan.pk]),
    )


@login_required
def plan_detail(request, pk: int, plan_id: int):
    pupil, plan = plan_for(request.user, pk, plan_id, audit=Read.view(request, "EHC plan"))
    record = selectors.pupil_record(request.user, pupil)
    plan = next(p for p in record["plans"] if p.pk == plan.pk)
    return render(request, "statutory/plan.html", _base(request, pupil, plan=plan))


@login_required
def plan_edit(request, pk: int, plan_id: int):
    pupil, plan = plan_for(
        request.user, pk, plan_id, "statutory.change", audit=Read.form(request, "Edit the EHC plan")
    )
    form = forms.PlanForm(request.POST or None, instance=plan, initial={"version": plan.version})
    return _form_page(
        request,
        pupil,
        form=form,
        title="Edit the EHC plan",
        save=lambda: services.save_plan(
            actor=request.user,
            pupil=pupil,
            data=request.POST,
            plan=plan,
            expected_version=int_or_none(request.POST.get("version")),
        ),
        back=reverse("statutory-plan", args=[pupil.pk, plan.pk]),
    )


@login_required
def outcome_form(request, pk: int, plan_id: int, oid: int | None = None):
    pupil, plan = plan_for(
        request.user, pk, plan_id, "statutory.change", audit=Read.form(request, "Section E outcome")
    )
    outcome = get_object_or_404(PlanOutcome, pk=oid, plan=plan) if oid else None
    back = reverse("statutory-plan", args=[pupil.pk, plan.pk])
    if outcome and request.method == "POST" and request.POST.get("delete"):
        services.delete_plan_part(actor=request.user, part=outcome)
        messages.success(request, "The outcome was removed.")
        return redirect(back)
    form = forms.OutcomeForm(request.POST or None, instance=outcome)
    return _form_page(
        request,
        pupil,
        form=form,
        title="Section E outcome",
        intro=(
            "Outcomes are the difference the provision should make; add the shorter-term steps towards each."
        ),
        save=lambda: services.save_outcome(
            actor=request.user,
            plan=plan,
            data=request.POST,
            outcome=outcome,
            expected_version=int_or_none(request.POST.get("version")),
        ),
        back=back,
        deletable=outcome is not None,
    )


@login_required
def provision_form(request, pk: int, plan_id: int, item_id: int | None = None):
    pupil, plan = plan_for(
        request.user, pk, plan_id, "statutory.change", audit=Read.form(request, "Section F provision")
    )
    item = get_object_or_404(ProvisionItem, pk=item_id, plan=plan) if item_id else None
    back = reverse("statutory-plan", args=[pupil.pk, plan.pk])
    if item and request.method == "POST" and request.POST.get("delete"):
        services.delete_plan_part(actor=request.user, part=item)
        messages.success(request, "The provision item was removed.")
        return redirect(back)
    form = forms.ProvisionForm(request.POST or None, instance=item, plan=plan)
    return _form_page(
        request,
        pupil,
        form=form,
        title="Section F provision",
        intro="Section F must be specific and quantified: what, how often, how long, in what group, by whom.",
        save=lambda: services.save_provision(
            actor=request.user,
            plan=plan,
            data=request.POST,
            item=item,
            expected_version=int_or_none(request.POST.get("version")),
        ),
        back=back,
        deletable=item is not None,
    )


# --- amendments -----------------------------------------------------------------------------------------


@login_required
def amendment_form(request, pk: int, plan_id: int, amendment_id: int | None = None):
    pupil, plan = plan_for(
        request.user, pk, plan_id, "statutory.change", audit=Read.form(request, "Amendment to the EHC plan")
    )
    amendment = get_object_or_404(Amendment, pk=amendment_id, plan=plan) if amendment_id else None
    review = plan.reviews.filter(pk=int_or_none(request.GET.get("review"))).first()
    form = forms.AmendmentForm(request.POST or None, instance=amendment)
    return _form_page(
        request,
        pupil,
        form=form,
        title="Amendment to the EHC plan",
        intro="The family has at least 15 days to comment; the final amended plan is due within 8 weeks "
        "of the "
        "notice (Reg 22).",
        save=lambda: services.save_amendment(
            actor=request.user,
            plan=plan,
            data=request.POST,
            amendment=amendment,
            review=review,
            expected_version=int_or_none(request.POST.get("version")),
        ),
        back=reverse("statutory-plan", args=[pupil.pk, plan.pk]),
    )
