"""A professional's recommendation made provision: the pupil gets a place in a group through
the provision map's own service (``add_member``: its dates, overlap check and history) and the
recommendation records it (``assessments.services_reports.mark_recommendation_adopted``), in
one transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.urls import reverse

from sendco.assessments.models import Recommendation
from sendco.assessments.services_reports import mark_recommendation_adopted

from ..models import GroupMember, ProvisionGroup
from .groups import add_member

if TYPE_CHECKING:
    from sendco.accounts.models import User


@transaction.atomic
def place_from_recommendation(
    *, actor: User, recommendation: Recommendation, group: ProvisionGroup, joined, reason: str = ""
) -> GroupMember:
    member = add_member(
        actor=actor,
        group=group,
        data={"pupil_id": recommendation.pupil_id, "joined": joined, "reason": reason},
    )
    mark_recommendation_adopted(
        actor=actor,
        recommendation=recommendation,
        status=Recommendation.Status.PROVISION,
        label=f"Provision: {group.name}",
        url=reverse("provision-group", args=[group.pk]),
    )
    return member
