"""Reads for professionals' reports, through the access policy: a report and its
recommendations are visible to whoever may read the pupil's reports (``report.view``), and 404
otherwise."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from sendco.core.access import Audit, policy
from sendco.core.models import Pupil

from .models import ProfessionalReport, Recommendation, Score


def _full(qs: QuerySet[ProfessionalReport]) -> QuerySet[ProfessionalReport]:
    return qs.select_related("pupil", "pupil__school", "uploaded_by", "assessment").prefetch_related(
        Prefetch("recommendations", queryset=Recommendation.objects.order_by("pk")),
        Prefetch("assessment__scores", queryset=Score.objects.order_by("pk")),
    )


def pupil_reports(pupil: Pupil) -> list[ProfessionalReport]:
    """The pupil's reports, newest first, each with its recommendations and scores (a fixed
    number of queries). The caller has already fetched ``pupil`` with ``report.view``."""
    reports = list(_full(ProfessionalReport.objects.filter(pupil=pupil)).order_by("-written_on", "-pk"))
    for report in reports:
        report.to_decide = sum(r.status == Recommendation.Status.OPEN for r in report.recommendations.all())
    return reports


def get_report(user, pk, perm: str = "report.view", *, audit: Audit) -> ProfessionalReport:
    """The report, checked, with `audit` recorded once it is found."""
    try:
        report = _full(ProfessionalReport.objects.filter(pupil__in=policy.pupils(user))).filter(pk=pk).first()
    except (ValueError, TypeError):
        report = None
    if report is None or not policy.can(user, perm, report.pupil):
        raise Http404("No such report")
    audit.record(report.pupil, of=report)
    return report


def get_recommendation(
    user, pk, perm: str = "report.decide", *, audit: Audit, pupil_pk: int | None = None
) -> Recommendation:
    """One recommendation with its report and pupil, checked (and of the pupil `pupil_pk` when
    a page names one in its path), with `audit` recorded."""
    try:
        item = (
            Recommendation.objects.filter(pupil__in=policy.pupils(user), pk=pk)
            .select_related("report", "pupil", "pupil__school")
            .first()
        )
    except (ValueError, TypeError):
        item = None
    if item is None or not policy.can(user, perm, item.pupil):
        raise Http404("No such recommendation")
    if pupil_pk is not None and item.pupil_id != pupil_pk:
        raise Http404("No such recommendation")
    audit.record(item.pupil, of=item)
    return item
