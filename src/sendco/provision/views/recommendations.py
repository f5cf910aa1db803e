"""A professional's recommendation made provision: choose one of the groups the school runs
and give the pupil a place in it (the provision map's own way of adding a pupil)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from sendco.assessments.selectors_reports import get_recommendation
from sendco.assessments.services_reports import ADOPTED
from sendco.audit.services import Read
from sendco.core.access import policy
from sendco.core.form_helpers import copy_errors

from .. import forms, services
from ..models import ProvisionGroup


@login_required
def place_from(request, pk: int, recommendation: int):
    item = get_recommendation(
        request.user,
        recommendation,
        "report.decide",
        pupil_pk=pk,
        audit=Read.form(request, "Make a recommendation provision"),
    )
    pupil = item.pupil
    if not policy.can(request.user, "provision.manage", pupil):
        raise Http404
    back = reverse("report-detail", args=[item.report_id])
    if item.status in ADOPTED:
        messages.info(request, f"This recommendation was already adopted: {item.action_label}.")
        return redirect(back)
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
