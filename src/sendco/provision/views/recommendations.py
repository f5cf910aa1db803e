"""A professional's recommendation made provision: choose one of the groups the school runs
and give the pupil a place in it (the provision map's own way of adding a pupil)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from sendco.assessments.adoption import start_adoption
from sendco.core.form_helpers import copy_errors

from .. import forms, services
from ..models import ProvisionGroup


@login_required
def place_from(request, pk: int, recommendation: int):
    adoption = start_adoption(
        request, pk, recommendation, perm="provision.manage", what="Make a recommendation provision"
    )
    if adoption.done:
        return adoption.done
    item, back = adoption.item, adoption.back
    pupil = item.pupil
    today = timezone.localdate()
    # Groups still running; an EHC plan's section F provision is set up from the plan instead.
    groups = (
        ProvisionGroup.objects.filter(school=pupil.school_id, end_date__gte=today, is_section_f=False)
        .select_related("provision")
        .order_by("name")
    )
    report = item.report
    form = forms.RecommendationPlaceForm(
        request.POST or None,
        groups=groups,
        initial={
            "joined": today,
            "reason": f"Recommended in {report.title} ({report.written_on:%-d %b %Y})"[:300],
        },
    )
    if request.method == "POST" and form.is_valid():
        group = form.cleaned_data["group"]
        try:
            services.place_from_recommendation(
                actor=request.user,
                recommendation=item,
                group=group,
                joined=form.cleaned_data["joined"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            copy_errors(form, exc)
        else:
            messages.success(request, f"{pupil.full_name} was given a place in {group.name}.")
            return redirect(back)
    return render(
        request,
        "provision/recommendation_place.html",
        {"form": form, "pupil": pupil, "item": item, "back": back, "has_groups": groups.exists()},
    )
