"""The "Assessments and advice from professionals" section of a request for an EHC needs
assessment, built from the shared records (sendco.assessments): every standardised assessment
(date, assessor, purpose, scores with their bands) and every professional's report (date,
author, profession, service, key findings, recommendations and what the school did), newest
first. Scores that came with a report are listed under that report, not twice."""

from __future__ import annotations

from django.db.models import Prefetch

from sendco.assessments.models import Assessment, ProfessionalReport, Recommendation, Score

NONE = "No assessments or reports recorded."


def _score(s: Score) -> str:
    extra = "".join(
        [
            f", percentile {s.percentile.normalize():f}" if s.percentile is not None else "",
            f", age equivalent {s.age_equivalent}" if s.age_equivalent else "",
        ]
    )
    return f"  - {s.test_name} ({s.get_area_display()}): {s.standard_score}, {s.band.lower()}{extra}"


def _assessment(a: Assessment) -> list[str]:
    who = a.assessor_name + (f" ({a.assessor_role})" if a.assessor_role else "")
    lines = [f"- {a.taken_on:%-d %B %Y}: {a.get_purpose_display()}, by {who}."]
    if a.summary:
        lines.append(f"  Summary: {a.summary}")
    return lines + [_score(s) for s in a.scores.all()]


def _outcome(r: Recommendation) -> str:
    if r.status == Recommendation.Status.OPEN:
        return "not yet decided"
    done = r.get_status_display()
    detail = r.action_label or r.decision_note
    return f"{done}: {detail}" if detail else done


def _report(report: ProfessionalReport) -> list[str]:
    who = report.author_name + (f" ({report.author_role})" if report.author_role else "")
    service = f", {report.agency_name}" if report.agency_name else ""
    lines = [f"- {report.written_on:%-d %B %Y}: {report.title}, by {who}{service}."]
    if report.summary:
        lines.append(f"  Key findings: {report.summary}")
    if report.assessment is not None:
        lines += [_score(s) for s in report.assessment.scores.all()]
    recommendations = list(report.recommendations.all())
    if recommendations:
        lines.append("  Recommendations and what was done:")
        lines += [f"  - {r.text} ({_outcome(r)})" for r in recommendations]
    return lines


def assessments_section(pupil, request) -> str:
    scores = Prefetch("scores", queryset=Score.objects.order_by("pk"))
    reports = (
        ProfessionalReport.objects.filter(pupil=pupil)
        .select_related("assessment")
        .prefetch_related(
            Prefetch("assessment__scores", queryset=Score.objects.order_by("pk")),
            Prefetch("recommendations", queryset=Recommendation.objects.order_by("pk")),
        )
    )
    sittings = Assessment.objects.filter(pupil=pupil, report__isnull=True).prefetch_related(scores)
    dated = [(r.written_on, r.pk, _report(r)) for r in reports]
    dated += [(a.taken_on, a.pk, _assessment(a)) for a in sittings]
    dated.sort(key=lambda row: (row[0], row[1]), reverse=True)
    return "\n".join(line for _, _, lines in dated for line in lines) or NONE
