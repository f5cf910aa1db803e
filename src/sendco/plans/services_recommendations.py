"""A professional's recommendation made a target of the pupil's current plan cycle: the target
is saved by the plans app's own service (its form, rules and history) and the recommendation
records what it became (``assessments.services_reports.mark_recommendation_adopted``), in one
transaction, so there is never a target without the recommendation saying so, or the reverse."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.urls import reverse

from sendco.assessments.models import Recommendation
from sendco.assessments.services_reports import mark_recommendation_adopted

from .models import PlanCycle, Target
from .services import save_target

if TYPE_CHECKING:
    from sendco.accounts.models import User


def open_cycle(pupil) -> PlanCycle | None:
    """The pupil's current cycle of their open plan, if there is one."""
    return (
        PlanCycle.objects.filter(pupil=pupil, plan__closed_on__isnull=True, status=PlanCycle.Status.CURRENT)
        .select_related("plan__template")
        .order_by("-number")
        .first()
    )


@transaction.atomic
def target_from_recommendation(
    *, actor: User, recommendation: Recommendation, cycle: PlanCycle, data
) -> Target:
    target = save_target(actor=actor, cycle=cycle, data=data)
    mark_recommendation_adopted(
        actor=actor,
        recommendation=recommendation,
        status=Recommendation.Status.TARGET,
        label=f"Target in plan cycle {cycle.number}",
        url=reverse("plans-cycle", args=[cycle.pupil_id, cycle.pk]),
    )
    return target
