"""What the plans app adds to other apps' pages: the register's "Plan / review" column and the
"Support so far" section of a request for an EHC needs assessment. Both are registries owned
by those apps, so plans plugs in here without them knowing about plans."""

from __future__ import annotations

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from sendco.domain.support_plans import review_state

from .models import PlanCycle

STATE_LABELS = {"overdue": "overdue", "today": "due today", "soon": "due soon", "later": ""}


def _annotate_next_review(qs):
    current = PlanCycle.objects.filter(
        pupil=OuterRef("pk"), status=PlanCycle.Status.CURRENT, plan__closed_on=None
    )
    return qs.annotate(plan_review_date=Subquery(current.order_by("review_date").values("review_date")[:1]))


def _next_review_text(pupil) -> str:
    review_date = getattr(pupil, "plan_review_date", None)
    if review_date is None:
        return "No plan"
    state = STATE_LABELS.get(review_state(review_date, timezone.localdate()), "")
    return f"Review {review_date:%d/%m/%Y}" + (f" ({state})" if state else "")


def support_history(pupil, request) -> str:
    """Every cycle of the pupil's SEN support plans, with its targets and how they were rated."""
    cycles = (
        PlanCycle.objects.filter(pupil=pupil)
        .select_related("plan")
        .prefetch_related("targets__rating")
        .order_by("start_date", "number")
    )
    lines = []
    for cycle in cycles:
        lines.append(
            f"Plan cycle {cycle.number}: {cycle.start_date:%d/%m/%Y} to {cycle.review_date:%d/%m/%Y}"
        )
        for target in cycle.targets.all():
            rating = getattr(target, "rating", None)
            outcome = f" — {rating.get_rating_display()}" if rating else ""
            lines.append(f"  • {target.description} (measured by: {target.measure}){outcome}")
    return "\n".join(lines) or "No SEN support plan is recorded in sendco for this pupil."


def register() -> None:
    from django.apps import apps

    if apps.is_installed("sendco.register"):
        from sendco.register.columns import RegisterColumn, add_register_column

        add_register_column(
            RegisterColumn(
                key="plan_review",
                label="Plan / review",
                annotate=_annotate_next_review,
                value=_next_review_text,
                order=10,
            )
        )
    if apps.is_installed("sendco.statutory"):
        from sendco.statutory.request_document import RequestSection, add_request_section

        add_request_section(
            RequestSection(
                "support_history", "Support so far (assess, plan, do, review)", 40, support_history
            )
        )
