"""A professional's recommendation made a SMART target of the pupil's current plan cycle: the
target form, prefilled with the recommendation's words for the SENCO to make SMART."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from sendco.assessments.selectors_reports import get_recommendation
from sendco.assessments.services_reports import ADOPTED
from sendco.audit.services import Read
from sendco.core.access import policy
from sendco.core.concurrency import attempt_save

from ..forms import TargetForm
from ..services_recommendations import open_cycle, target_from_recommendation
from .common import form_page


@login_required
def target_from(request, pk: int, recommendation: int):
    item = get_recommendation(
        request.user,
        recommendation,
        "report.decide",
        pupil_pk=pk,
        audit=Read.form(request, "Make a recommendation a plan target"),
    )
    pupil = item.pupil
    if not policy.can(request.user, "plans.change", pupil):
        raise Http404
    back = reverse("report-detail", args=[item.report_id])
    if item.status in ADOPTED:
        messages.info(request, f"This recommendation was already adopted: {item.action_label}.")
        return redirect(back)
    cycle = open_cycle(pupil)
    if cycle is None:
        return render(
            request,
            "plans/target_from_recommendation_none.html",
            {"pupil": pupil, "item": item, "back": back},
        )
    kwargs = {"cycle": cycle, "template": cycle.plan.template, "school": cycle.school}
    if request.method == "POST":
        form = TargetForm(request.POST, **kwargs)
        attempt = attempt_save(
            form,
            lambda: target_from_recommendation(
                actor=request.user, recommendation=item, cycle=cycle, data=request.POST
            ),
        )
        if attempt.ok:
            messages.success(request, f"The recommendation is now a target in plan cycle {cycle.number}.")
            return redirect(back)
    else:
        form = TargetForm(initial={"description": item.text, "due_date": cycle.review_date}, **kwargs)
    return render(
        request,
        "plans/target_from_recommendation.html",
        {
            "pupil": pupil,
            "cycle": cycle,
            "item": item,
            "form": form,
            **form_page("Make the recommendation a plan target", pupil.full_name, back, "Save the target"),
        },
    )
