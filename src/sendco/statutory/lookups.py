"""Fetch a statutory record and check the user's right to it in one call (404 when it is missing
or not theirs): the pupil through the access policy, then the plan or review within that pupil's
record. The pages use these; the API filters whole lists the same way (api._visible).
Each takes `audit` (an audit.services.Read: what is read) and records it once the whole fetch
has succeeded, so a missing plan or review leaves no row."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from sendco.core.access import Audit, policy

from .models import AnnualReview, EhcPlan


def _checked_pupil(user, pk: int, perm: str):
    pupil = policy.get_pupil_unlogged(user, pk)
    if not policy.can(user, perm, pupil):
        raise Http404
    return pupil


def pupil_for(user, pk: int, perm: str = "statutory.view", *, audit: Audit):
    pupil = _checked_pupil(user, pk, perm)
    audit.record(pupil)
    return pupil


def plan_for(user, pk: int, plan_id: int, perm: str = "statutory.view", *, audit: Audit):
    pupil = _checked_pupil(user, pk, perm)
    plan = get_object_or_404(EhcPlan, pk=plan_id, pupil=pupil)
    audit.record(pupil, of=plan)
    return pupil, plan


def review_for(user, pk: int, review_id: int, perm: str = "statutory.view", *, audit: Audit):
    pupil = _checked_pupil(user, pk, perm)
    review = get_object_or_404(
        AnnualReview.objects.select_related("plan", "school"), pk=review_id, pupil=pupil
    )
    audit.record(pupil, of=review)
    return pupil, review
