"""Fetch a statutory record and check the user's right to it in one call (404 when it is missing
or not theirs): the pupil through the access policy, then the plan or review within that pupil's
record. The pages use these; the API filters whole lists the same way (api._visible)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from sendco.core.access import policy

from .models import AnnualReview, EhcPlan


def pupil_for(user, pk: int, perm: str = "statutory.view"):
    pupil = policy.get_pupil(user, pk)
    if not policy.can(user, perm, pupil):
        raise Http404
    return pupil


def plan_for(user, pk: int, plan_id: int, perm: str = "statutory.view"):
    pupil = pupil_for(user, pk, perm)
    return pupil, get_object_or_404(EhcPlan, pk=plan_id, pupil=pupil)


def review_for(user, pk: int, review_id: int, perm: str = "statutory.view"):
    pupil = pupil_for(user, pk, perm)
    return pupil, get_object_or_404(
        AnnualReview.objects.select_related("plan", "school"), pk=review_id, pupil=pupil
    )
