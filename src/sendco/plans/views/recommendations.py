"""A professional's recommendation made a SMART target of the pupil's current plan cycle: the
target form, prefilled with the recommendation's words for the SENCO to make SMART."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from sendco.assessments.adoption import start_adoption
from sendco.core.concurrency import attempt_save

from ..forms import TargetForm
from ..services_recommendations import open_cycle, target_from_recommendation
from .common import form_page


@login_required
def target_from(request, pk: int, recommendation: int):
    adoption = start_adoption(
        request, pk, recommendation, perm="plans.change", what="Make a recommendation a plan target"
    )
    if adoption.done:
        return adoption.done
    item, back = adoption.item, adoption.back
    pupil = item.pupil
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
