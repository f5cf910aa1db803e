"""Reads for standardised assessments, always through the access policy: a sitting is visible
to whoever may read the scores of its pupil (``assessment.view``), and 404 otherwise."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from sendco.core.access import Audit, policy
from sendco.core.models import Pupil

from .models import Assessment, Score


def _with_scores(qs: QuerySet[Assessment]) -> QuerySet[Assessment]:
    return qs.select_related("pupil", "pupil__school", "recorded_by").prefetch_related(
        Prefetch("scores", queryset=Score.objects.order_by("pk"))
    )


def pupil_assessments(pupil: Pupil) -> list[Assessment]:
    """The pupil's sittings, newest first, each with its scores (two queries). The caller has
    already fetched ``pupil`` with ``assessment.view``."""
    return list(_with_scores(Assessment.objects.filter(pupil=pupil)).order_by("-taken_on", "-pk"))


def get_assessment(user, pk, perm: str = "assessment.view", *, audit: Audit) -> Assessment:
    """The sitting, checked, with `audit` recorded once it is found (no default: forgetting it
    is a TypeError)."""
    try:
        assessment = (
            _with_scores(Assessment.objects.filter(pupil__in=policy.pupils(user))).filter(pk=pk).first()
        )
    except (ValueError, TypeError):
        assessment = None
    if assessment is None or not policy.can(user, perm, assessment.pupil):
        raise Http404("No such assessment")
    audit.record(assessment.pupil, of=assessment)
    return assessment
